package io.membergraph.graphql.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Documents asked again are parsed once, and what is kept stays bounded however many distinct documents come. */
class ParsedDocumentsTests {

	private final ParsedDocuments documents = new ParsedDocuments();

	private final AtomicInteger parsed = new AtomicInteger();

	private final Function<ExecutionInput, PreparsedDocumentEntry> parse = input -> {
		parsed.incrementAndGet();
		return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
	};

	@Test
	void aDocumentAskedAgainIsNotParsedAgainWhateverItsVariables() throws Exception {
		PreparsedDocumentEntry first = ask("query($id: ID!) { member(id: $id) { id } }", "M1");
		PreparsedDocumentEntry again = ask("query($id: ID!) { member(id: $id) { id } }", "M2");
		assertThat(again).isSameAs(first);
		assertThat(parsed).hasValue(1);
		ask("{ __typename }", null);
		assertThat(parsed).hasValue(2);
	}

	@Test
	void aVeryLongDocumentIsParsedEachTimeAndNotKept() throws Exception {
		String longDocument = "{ " + "__typename ".repeat(ParsedDocuments.MAX_KEPT_LENGTH / 10) + "}";
		ask(longDocument, null);
		ask(longDocument, null);
		assertThat(parsed).hasValue(2);
		assertThat(documents.size()).isZero();
	}

	@Test
	void manyDistinctDocumentsKeepOnlyTheMostRecentlyUsed() throws Exception {
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < ParsedDocuments.MAX_KEPT * 3; i++) {
			texts.add("{ a" + i + ": __typename }");
		}
		ask(texts.get(0), null);
		for (String text : texts.subList(1, texts.size())) {
			ask(text, null);
			ask(texts.get(0), null); // used all along, so never the least recently used
		}
		assertThat(documents.size()).isEqualTo(ParsedDocuments.MAX_KEPT);
		int before = parsed.get();
		ask(texts.get(0), null);
		ask(texts.get(texts.size() - 1), null);
		assertThat(parsed).hasValue(before);
		ask(texts.get(1), null); // long since pushed out
		assertThat(parsed).hasValue(before + 1);
	}

	private PreparsedDocumentEntry ask(String text, String id) throws Exception {
		ExecutionInput.Builder input = ExecutionInput.newExecutionInput().query(text);
		if (id != null) {
			input.variables(java.util.Map.of("id", id));
		}
		return documents.getDocumentAsync(input.build(), parse).get();
	}

}
