package io.membergraph.graphql;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.membergraph.PinnedClock;
import io.membergraph.graphql.internal.RequestDeadline;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request time-out ends the work, not only the wait: once a request has run past its limit, the field that
 * would start next is answered {@code REQUEST_TIMEOUT} and none after it starts. (Each slow field here moves the
 * pinned clock on by 200 ms instead of sleeping.)
 */
class RequestTimeoutTests {

	private final PinnedClock clock = new PinnedClock();

	private int started;

	private final GraphQL graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
			new SchemaParser().parse("type Query { slow: Int }"),
			RuntimeWiring.newRuntimeWiring().type("Query", type -> type.dataFetcher("slow", environment -> {
				started++;
				clock.advance(Duration.ofMillis(200));
				return 1;
			})).build()))
		.instrumentation(new RequestDeadline(clock, Duration.ofMillis(500)))
		.build();

	@Test
	void fieldsNotStartedBeforeTheLimitAreNeverStarted() {
		String twentySlowFields = IntStream.range(0, 20).mapToObj(i -> "a" + i + ": slow").collect(Collectors.joining(" "));

		ExecutionResult result = graphQl.execute("{ " + twentySlowFields + " }");

		assertThat(started).as("fields of 200 ms started under a 500 ms limit").isEqualTo(3);
		assertThat(result.getErrors()).singleElement().satisfies(error -> {
			assertThat(error.getMessage()).startsWith("Request time-out: the request ran longer than its limit");
			assertThat(error.getErrorType()).hasToString("REQUEST_TIMEOUT");
		});
	}

	@Test
	void aRequestWithinTheLimitRunsWhole() {
		ExecutionResult result = graphQl.execute("{ a: slow b: slow }");

		assertThat(result.getErrors()).isEmpty();
		assertThat(result.<Map<String, Object>>getData()).containsEntry("a", 1).containsEntry("b", 1);
		assertThat(started).isEqualTo(2);
	}

	@Test
	void eachRequestHasItsOwnDeadline() {
		graphQl.execute("{ a: slow b: slow }");

		ExecutionResult next = graphQl.execute("{ a: slow b: slow }");

		assertThat(next.getErrors()).as("the first request's time does not count against the next").isEmpty();
		assertThat(List.of(started)).containsExactly(4);
	}

}
