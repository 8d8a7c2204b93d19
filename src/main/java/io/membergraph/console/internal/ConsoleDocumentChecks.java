package io.membergraph.console.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.introspection.IntrospectionQuery;
import io.membergraph.shared.SettingOutOfBounds;
import io.membergraph.shared.WarmUp;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * Parses and validates the console's documents and GraphiQL's introspection query against the schema at start-up
 * ({@code membergraph.console.document-check-rounds} times, 25 by default), running none of them. The service keeps
 * each document it has checked, so only the first request with a document it has not seen is parsed and validated;
 * after a start that first time ran the checks' code uncompiled, 5–11 ms more than the 2–3 ms a segment preview
 * takes in the service (BENCHMARKS.md, 2026-12-06 midday). Checked here, every client's first new document runs
 * compiled checks. A console document the schema no longer takes is logged.
 */
@Component
public class ConsoleDocumentChecks implements WarmUp {

	private static final Log log = LogFactory.getLog(ConsoleDocumentChecks.class);

	/** More rounds only lengthen the start: the checks' code is compiled well before. */
	private static final int MAX_ROUNDS = 1_000;

	private final GraphQlSource graphQl;

	private final int rounds;

	ConsoleDocumentChecks(GraphQlSource graphQl,
			@Value("${membergraph.console.document-check-rounds:25}") int rounds) {
		this.graphQl = graphQl;
		this.rounds = SettingOutOfBounds.within("membergraph.console.document-check-rounds", rounds, 0, MAX_ROUNDS);
	}

	@Override
	public void warm() {
		List<String> problems = check(documents());
		if (!problems.isEmpty()) {
			log.warn("Console documents the schema does not take: " + problems);
		}
	}

	/** Checks the documents, each once per round; those that did not validate, each with its first reason. */
	List<String> check(List<String> documents) {
		List<String> problems = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			for (String document : documents) {
				ParseAndValidateResult checked = ParseAndValidate.parseAndValidate(graphQl.schema(),
						ExecutionInput.newExecutionInput(document).build());
				if (round == 0 && checked.isFailure()) {
					problems.add(firstLine(document) + ": " + checked.getErrors().get(0).getMessage());
				}
			}
		}
		return problems;
	}

	/** The console's documents, then the introspection query GraphiQL and schema tools send. */
	static List<String> documents() {
		List<String> documents = new ArrayList<>();
		try {
			Resource[] found = new PathMatchingResourcePatternResolver()
				.getResources("classpath:static/console/graphql/*.graphql");
			for (Resource document : found) {
				documents.add(document.getContentAsString(StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		documents.add(IntrospectionQuery.INTROSPECTION_QUERY);
		return documents;
	}

	private static String firstLine(String document) {
		String trimmed = document.strip();
		int end = trimmed.indexOf('\n');
		return end < 0 ? trimmed : trimmed.substring(0, end);
	}

	@Override
	public String toString() {
		return "console documents";
	}

}
