package io.membergraph.shared;

import java.util.List;
import java.util.function.Function;

/** A Relay-style page of nodes. Pages run forward only: {@code first} and {@code after}. */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {

	public record Edge<T>(String cursor, T node) {
	}

	public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

	/**
	 * Builds a page from nodes fetched with a limit of {@code page.first() + 1}: the extra node only tells
	 * that there is a next page.
	 */
	public static <T> Connection<T> of(List<T> fetched, PageRequest page, Function<T, String> cursorOf) {
		boolean hasNext = fetched.size() > page.first();
		List<Edge<T>> edges = fetched.stream()
			.limit(page.first())
			.map(node -> new Edge<>(cursorOf.apply(node), node))
			.toList();
		String start = edges.isEmpty() ? null : edges.get(0).cursor();
		String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
		return new Connection<>(edges, new PageInfo(hasNext, page.after() != null, start, end));
	}

	/** The same page with each node transformed, cursors kept. */
	public <R> Connection<R> map(Function<T, R> mapper) {
		return new Connection<>(edges.stream().map(e -> new Edge<>(e.cursor(), mapper.apply(e.node()))).toList(),
				pageInfo);
	}

	public List<T> nodes() {
		return edges.stream().map(Edge::node).toList();
	}

}
