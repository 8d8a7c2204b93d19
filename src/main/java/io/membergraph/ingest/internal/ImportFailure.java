package io.membergraph.ingest.internal;

/**
 * Why a file cannot be imported at all (as opposed to a row that is rejected): it is truncated, expands beyond
 * the limit, is not in the encoding given, could not be read. The job ends FAILED with this reason.
 */
public class ImportFailure extends RuntimeException {

	ImportFailure(String reason) {
		super(reason);
	}

	ImportFailure(String reason, Throwable cause) {
		super(reason, cause);
	}

	/**
	 * A file, or the part of it after a row, that its reader could not make sense of, said in its user's words: the
	 * reading library's own reason when it gives one (never "null", never a Java class name), and what to do.
	 */
	static ImportFailure unreadable(String what, Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String said = root.getMessage() == null ? "" : root.getMessage().strip();
		String detail = said.isEmpty() ? "" : " (" + (said.length() > 200 ? said.substring(0, 200) + "..." : said) + ")";
		return new ImportFailure(what + " could not be read: it is damaged or cut short" + detail
				+ "; save it again from the program that made it, or export it as CSV", cause);
	}

}
