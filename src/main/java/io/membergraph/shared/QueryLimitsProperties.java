package io.membergraph.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits that reject abusive GraphQL operations before they run.
 *
 * @param maxDepth deepest field nesting allowed
 * @param maxComplexity largest complexity score: one per field, a connection's children counted per page
 * node
 */
@ConfigurationProperties("membergraph.graphql")
public record QueryLimitsProperties(@DefaultValue("12") int maxDepth, @DefaultValue("20000") int maxComplexity) {
}
