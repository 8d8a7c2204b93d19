package io.membergraph.commerce;

import java.util.List;

import io.membergraph.shared.UserError;

/**
 * The answer to an order mutation.
 *
 * @param replayed true when this exact order or refund had been recorded before and nothing changed now
 */
public record OrderPayload(Order order, boolean replayed, List<UserError> errors) {

	static OrderPayload recorded(Order order) {
		return new OrderPayload(order, false, List.of());
	}

	static OrderPayload replayed(Order order) {
		return new OrderPayload(order, true, List.of());
	}

	static OrderPayload failed(String code, String message, String field) {
		return new OrderPayload(null, false, List.of(new UserError(code, message, field)));
	}

}
