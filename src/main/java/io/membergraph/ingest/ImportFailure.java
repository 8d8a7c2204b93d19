package io.membergraph.ingest;

/**
 * Why a file cannot be imported at all (as opposed to a row that is rejected): it is truncated, expands beyond
 * the limit, is not in the encoding given, could not be read. The job ends FAILED with this reason.
 */
class ImportFailure extends RuntimeException {

	ImportFailure(String reason) {
		super(reason);
	}

	ImportFailure(String reason, Throwable cause) {
		super(reason, cause);
	}

}
