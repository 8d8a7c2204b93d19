package io.membergraph.shared;

/**
 * A request that is well formed but refused by the state of things: the segment does not exist, the name is taken,
 * no model is fitted yet. Mutations return it in their payload as a {@link UserError} with its stable code (see
 * {@link Payloads}); elsewhere (queries, REST) it is reported as invalid input naming the field. Nothing has been
 * written when it is thrown.
 */
public class RefusedException extends InvalidInputException {

	private final String code;

	public RefusedException(String code, String field, String reason) {
		super(field, reason);
		this.code = code;
	}

	public String code() {
		return code;
	}

	public UserError toUserError() {
		return new UserError(code, field() + " " + reason(), field());
	}

}
