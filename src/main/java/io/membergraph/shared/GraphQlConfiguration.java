package io.membergraph.shared;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

	@Bean
	RuntimeWiringConfigurer scalars() {
		return wiring -> wiring.scalar(GraphQlScalars.DATE_TIME)
			.scalar(GraphQlScalars.DATE)
			.scalar(GraphQlScalars.MONEY)
			.scalar(GraphQlScalars.UNIT_PRICE)
			.scalar(GraphQlScalars.JSON);
	}

	@Bean
	MaxQueryDepthInstrumentation maxQueryDepth(QueryLimitsProperties limits) {
		return new MaxQueryDepthInstrumentation(limits.maxDepth());
	}

	/** Counts a connection's children once per requested node, so {@code first: 100} nested twice is costly. */
	@Bean
	MaxQueryComplexityInstrumentation maxQueryComplexity(QueryLimitsProperties limits) {
		return new MaxQueryComplexityInstrumentation(limits.maxComplexity(), (environment, childComplexity) -> {
			Object first = environment.getArguments().get("first");
			if (environment.getFieldDefinition().getArguments().stream().anyMatch(a -> a.getName().equals("first"))) {
				int pageSize = first instanceof Integer size ? size : PageRequest.DEFAULT_SIZE;
				return 1 + pageSize * Math.max(childComplexity, 1);
			}
			return 1 + childComplexity;
		});
	}

}
