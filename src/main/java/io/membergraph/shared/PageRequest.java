package io.membergraph.shared;

/** The {@code first}/{@code after} arguments of a connection field, checked. */
public record PageRequest(int first, Cursor after) {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	public static PageRequest of(Integer first, String after) {
		int size = InvalidInputException.between("first", first, DEFAULT_SIZE, 1, MAX_SIZE);
		return new PageRequest(size, after == null ? null : Cursor.decode(after));
	}

	/** How many rows to fetch: one more than the page, to learn whether a next page exists. */
	public int fetchSize() {
		return first + 1;
	}

}
