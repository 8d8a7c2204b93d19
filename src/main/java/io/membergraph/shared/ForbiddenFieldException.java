package io.membergraph.shared;

/**
 * The caller may not use this input field: it filters, looks up or sets something the caller's role may not read
 * or change. Answered as FORBIDDEN naming the field, so that no one can learn a masked value by asking whether it
 * matches; nothing has been written when it is thrown.
 */
public class ForbiddenFieldException extends RuntimeException {

	private final String field;

	private final String reason;

	public ForbiddenFieldException(String field, String reason) {
		super(field + ": " + reason);
		this.field = field;
		this.reason = reason;
	}

	public String field() {
		return field;
	}

	public String reason() {
		return reason;
	}

}
