package io.membergraph.graphql.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.membergraph.PinnedClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request whose client has hung up stops: from {@code after} on, the client is asked about at the start of a
 * field at most once per {@code every}, and once it has gone no further field starts. (Each slow field moves the
 * pinned clock on by 200 ms; the client is a list of answers.)
 */
class AbandonedRequestsTests {

	private final PinnedClock clock = new PinnedClock();

	private final List<Duration> startedAt = new ArrayList<>();

	private final List<Duration> askedAt = new ArrayList<>();

	private final Counter stopped = new SimpleMeterRegistry().counter("stopped");

	private GraphQL graphQl(Boolean... answers) {
		var start = clock.instant();
		List<Boolean> remaining = new ArrayList<>(List.of(answers));
		ClientLine line = () -> {
			askedAt.add(Duration.between(start, clock.instant()));
			return remaining.isEmpty() || remaining.remove(0);
		};
		return GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
				new SchemaParser().parse("type Query { slow: Int }"),
				RuntimeWiring.newRuntimeWiring().type("Query", type -> type.dataFetcher("slow", environment -> {
					startedAt.add(Duration.between(start, clock.instant()));
					clock.advance(Duration.ofMillis(200));
					return 1;
				})).build()))
			.instrumentation(new AbandonedRequests(clock, Duration.ofMillis(500), Duration.ofMillis(300), () -> line,
					stopped))
			.build();
	}

	private static String slowFields(int count) {
		return "{ " + IntStream.range(0, count).mapToObj(i -> "a" + i + ": slow").collect(Collectors.joining(" ")) + " }";
	}

	@Test
	void aClientThatWaitsIsAskedFromTheFirstFieldAfterTheDelayOnAndGetsEveryField() {
		var result = graphQl().execute(slowFields(10));

		assertThat(result.getErrors()).isEmpty();
		assertThat(startedAt).hasSize(10);
		assertThat(askedAt).as("at the first field from 500 ms on, then at most every 300 ms")
			.containsExactly(Duration.ofMillis(600), Duration.ofMillis(1000), Duration.ofMillis(1400),
					Duration.ofMillis(1800));
		assertThat(stopped.count()).isZero();
	}

	@Test
	void onceTheClientHasGoneNoFurtherFieldStarts() {
		graphQl(true, false).execute(slowFields(10));

		assertThat(askedAt).containsExactly(Duration.ofMillis(600), Duration.ofMillis(1000));
		assertThat(startedAt).as("the fields started before the client was found gone")
			.containsExactly(Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(600),
					Duration.ofMillis(800));
		assertThat(stopped.count()).isEqualTo(1);
	}

	@Test
	void aQuickRequestIsNeverAsked() {
		var result = graphQl(false).execute(slowFields(3));

		assertThat(result.getErrors()).isEmpty();
		assertThat(startedAt).hasSize(3);
		assertThat(askedAt).as("600 ms of work: the last field starts at 400 ms, before the first question").isEmpty();
	}

}
