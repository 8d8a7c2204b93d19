package io.membergraph.shared;

/**
 * An expected business failure returned in a mutation payload (unknown member, identity taken, refund too
 * large): something the caller can act on, not a fault of the service.
 */
public record UserError(String code, String message, String field) {

	public static UserError of(String code, String message) {
		return new UserError(code, message, null);
	}

}
