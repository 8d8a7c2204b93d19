package io.membergraph.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * An opaque position in a sorted list: the sort key values of the last node seen, so the next page is
 * a range query instead of a skip.
 */
public record Cursor(List<String> keys) {

	private static final String SEPARATOR = "\u001f";

	/** What every cursor's text starts with, so that text this API never gave is refused, not read as a position. */
	private static final String MARK = "mg1" + SEPARATOR;

	public static Cursor of(String... keys) {
		return new Cursor(List.of(keys));
	}

	public static Cursor of(Instant time, String id) {
		return of(Long.toString(time.toEpochMilli()), id);
	}

	public String encode() {
		return Base64.getUrlEncoder().withoutPadding()
			.encodeToString((MARK + String.join(SEPARATOR, keys)).getBytes(StandardCharsets.UTF_8));
	}

	public static Cursor decode(String text) {
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
			if (decoded.startsWith(MARK)) {
				return new Cursor(List.of(decoded.substring(MARK.length()).split(SEPARATOR, -1)));
			}
		}
		catch (IllegalArgumentException ex) {
			// Not even Base64: refused below.
		}
		throw new InvalidInputException("after", "is not a cursor returned by this API");
	}

	/**
	 * Whether a node with this time and id comes after this cursor in a newest-first list (time descending,
	 * then id descending), for cursors made by {@link #of(Instant, String)}.
	 */
	public boolean precedesNewestFirst(Instant time, String id) {
		int byTime = time.compareTo(timeKey(0));
		return byTime < 0 || (byTime == 0 && id.compareTo(key(1)) < 0);
	}

	public String key(int index) {
		if (index >= keys.size()) {
			throw new InvalidInputException("after", "is not a cursor returned by this field");
		}
		return keys.get(index);
	}

	public Instant timeKey(int index) {
		try {
			return Instant.ofEpochMilli(Long.parseLong(key(index)));
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("after", "is not a cursor returned by this field");
		}
	}

}
