package io.membergraph.shared;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Runs a mutation's work and wraps the outcome in its payload: the result with no errors, or no result and the
 * refusal as a typed {@link UserError}. Invalid input (a malformed field) stays a GraphQL error naming the field,
 * as for every other mutation.
 */
public final class Payloads {

	private Payloads() {
	}

	public static <T, P> P attempt(Supplier<T> work, BiFunction<T, List<UserError>, P> payload) {
		T result;
		try {
			result = work.get();
		}
		catch (RefusedException refused) {
			return payload.apply(null, List.of(refused.toUserError()));
		}
		return payload.apply(result, List.of());
	}

}
