package io.membergraph.shared;

/** The {@code first}/{@code after} arguments of a connection field, checked. */
public record PageRequest(int first, Cursor after) {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	public static PageRequest of(Integer first, String after) {
		int size = first == null ? DEFAULT_SIZE : first;
		if (size < 1 || size > MAX_SIZE) {
			throw new InvalidInputException("first", "must be between 1 and " + MAX_SIZE);
		}
		return new PageRequest(size, after == null ? null : Cursor.decode(after));
	}

	/** How many rows to fetch: one more than the page, to learn whether a next page exists. */
	public int fetchSize() {
		return first + 1;
	}

}
