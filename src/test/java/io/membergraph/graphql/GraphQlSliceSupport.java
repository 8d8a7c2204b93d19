package io.membergraph.graphql;

import io.membergraph.PinnedClockConfiguration;
import io.membergraph.graphql.internal.GraphQlConfiguration;
import io.membergraph.graphql.internal.GraphQlErrors;
import io.membergraph.graphql.internal.QueryLimitsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What every GraphQL slice test needs besides its controller: the scalars, limits, error mapping and clock, and a
 * registry for the limits' counters (the service has Actuator's).
 */
@TestConfiguration
@Import({ GraphQlConfiguration.class, GraphQlErrors.class, PinnedClockConfiguration.class })
@EnableConfigurationProperties(QueryLimitsProperties.class)
public class GraphQlSliceSupport {

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

}
