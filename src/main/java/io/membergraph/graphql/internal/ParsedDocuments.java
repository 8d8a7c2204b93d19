package io.membergraph.graphql.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

/**
 * Keeps the parsed and validated form of the documents asked most recently, by their text: the console and the
 * storefronts send the same few documents over and over (with other variables), and parsing and validating one
 * took a fifth of a small request's time. The limits on depth, complexity and expensive fields are checked when an
 * operation starts, with its variables, so a kept document is checked on every request all the same.
 * <p>
 * Bounded both ways: only documents up to {@value #MAX_KEPT_LENGTH} characters are kept, and at most
 * {@value #MAX_KEPT} of them (the least recently used leaves), so a stream of distinct documents only churns it.
 */
public final class ParsedDocuments implements PreparsedDocumentProvider {

	static final int MAX_KEPT = 256;

	static final int MAX_KEPT_LENGTH = 8_000;

	private final Map<String, PreparsedDocumentEntry> kept = new LinkedHashMap<>(MAX_KEPT * 2, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
			return size() > MAX_KEPT;
		}

	};

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String text = input.getQuery();
		if (text == null || text.length() > MAX_KEPT_LENGTH) {
			return CompletableFuture.completedFuture(parseAndValidate.apply(input));
		}
		PreparsedDocumentEntry entry;
		synchronized (kept) {
			entry = kept.get(text);
		}
		if (entry == null) {
			// Parsed outside the lock: two requests with a new document may both parse it, neither waits.
			entry = parseAndValidate.apply(input);
			synchronized (kept) {
				kept.put(text, entry);
			}
		}
		return CompletableFuture.completedFuture(entry);
	}

	/** How many documents are kept, for tests. */
	int size() {
		synchronized (kept) {
			return kept.size();
		}
	}

}
