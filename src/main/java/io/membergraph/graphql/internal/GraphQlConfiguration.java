package io.membergraph.graphql.internal;

import java.time.Clock;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import io.membergraph.graphql.SmallGroups;
import io.membergraph.shared.PageRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

@Configuration(proxyBeanMethods = false)
public class GraphQlConfiguration {

	@Bean
	RuntimeWiringConfigurer scalars() {
		return wiring -> wiring.scalar(GraphQlScalars.DATE_TIME)
			.scalar(GraphQlScalars.DATE)
			.scalar(GraphQlScalars.MONEY)
			.scalar(GraphQlScalars.UNIT_PRICE)
			.scalar(GraphQlScalars.LONG)
			.scalar(GraphQlScalars.JSON);
	}

	@Bean
	MaxQueryDepthInstrumentation maxQueryDepth(QueryLimitsProperties limits) {
		return new MaxQueryDepthInstrumentation(limits.maxDepth());
	}

	/**
	 * A field costs its schema weight ({@code @cost}, 1 unless marked), and a connection's children count once per
	 * requested node, so {@code first: 100} nested twice is costly.
	 */
	@Bean
	MaxQueryComplexityInstrumentation maxQueryComplexity(QueryLimitsProperties limits) {
		return new MaxQueryComplexityInstrumentation(limits.maxComplexity(), (environment, childComplexity) -> {
			int weight = FieldCosts.weight(environment.getFieldDefinition());
			Object first = environment.getArguments().get("first");
			if (environment.getFieldDefinition().getArguments().stream().anyMatch(a -> a.getName().equals("first"))) {
				int pageSize = first instanceof Integer size ? size : PageRequest.DEFAULT_SIZE;
				return weight + pageSize * Math.max(childComplexity, 1);
			}
			return weight + childComplexity;
		});
	}

	/** Checked before the complexity, whose message would not say what to do. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	FieldCosts.ExpensiveFieldsLimit expensiveFieldsLimit(QueryLimitsProperties limits) {
		return new FieldCosts.ExpensiveFieldsLimit(limits.maxExpensiveFields());
	}

	/** Checked before the complexity too: a storefront's aliased lookups are told why they are refused. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	OneMemberAtATime oneMemberAtATime(QueryLimitsProperties limits) {
		return new OneMemberAtATime(limits.maxStorefrontFields());
	}

	/** Counts of fewer than the minimum group size, and what rests on them, withheld from callers marked so. */
	@Bean
	SmallGroups smallGroups(@Value("${membergraph.privacy.min-group-size:5}") int minGroupSize) {
		return new SmallGroups(minGroupSize);
	}

	/** Documents asked again are not parsed and validated again. */
	@Bean
	GraphQlSourceBuilderCustomizer parsedDocuments() {
		ParsedDocuments documents = new ParsedDocuments();
		return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(documents));
	}

	/** A request that runs longer than the limit is stopped: its remaining fields are not started. */
	@Bean
	RequestDeadline requestDeadline(Clock clock, QueryLimitsProperties limits) {
		return new RequestDeadline(clock, limits.timeout());
	}

	/** A request whose client has hung up is stopped: its remaining fields are not started. */
	@Bean
	AbandonedRequests abandonedRequests(Clock clock, QueryLimitsProperties limits, MeterRegistry meters) {
		return new AbandonedRequests(clock, limits.clientCheckAfter(), limits.clientCheckEvery(),
				ClientLine::ofCurrentRequest, Counter.builder("membergraph.graphql.abandoned")
					.description("GraphQL requests stopped because their client had hung up")
					.register(meters));
	}

}
