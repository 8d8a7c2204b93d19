package io.membergraph.graphql;

import io.membergraph.PinnedClockConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** What every GraphQL slice test needs besides its controller: the scalars, limits, error mapping and clock. */
@TestConfiguration
@Import({ GraphQlConfiguration.class, GraphQlErrors.class, PinnedClockConfiguration.class })
@EnableConfigurationProperties(QueryLimitsProperties.class)
public class GraphQlSliceSupport {
}
