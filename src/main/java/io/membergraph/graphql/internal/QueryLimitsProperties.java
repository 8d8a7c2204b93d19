package io.membergraph.graphql.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits that reject abusive GraphQL operations before they run, and bound the ones that do.
 *
 * @param maxDepth deepest field nesting allowed
 * @param maxComplexity largest complexity score: each field's {@code @cost} weight (1 unless marked), a
 * connection's children counted per page node
 * @param maxExpensiveFields most fields of weight 100 or more (analyses, whole-population work) in one request,
 * aliases counted one by one
 * @param maxStorefrontFields most top-level fields in one request of a STOREFRONT or MEMBER caller, aliases counted
 * one by one: they read one member at a time
 * @param timeout longest a request may run; its fields not started by then are answered {@code REQUEST_TIMEOUT}
 * @param maxRequestSize largest request body accepted at {@code /graphql}; answered 413 beyond it
 * @param clientCheckAfter how long a request runs before it starts asking whether its client is still there
 * @param clientCheckEvery how often it asks again; a request whose client has gone is stopped
 */
@ConfigurationProperties("membergraph.graphql")
public record QueryLimitsProperties(@DefaultValue("12") int maxDepth, @DefaultValue("20000") int maxComplexity,
		@DefaultValue("10") int maxExpensiveFields, @DefaultValue("10") int maxStorefrontFields,
		@DefaultValue("60s") Duration timeout,
		@DefaultValue("1MB") DataSize maxRequestSize, @DefaultValue("2s") Duration clientCheckAfter,
		@DefaultValue("1s") Duration clientCheckEvery) {

	public QueryLimitsProperties {
		// A limit of 0 would refuse every query; a timeout or a check of no time would stop every request at once.
		if (maxDepth < 1 || maxComplexity < 1 || maxExpensiveFields < 1 || maxStorefrontFields < 1 || !positive(timeout)
				|| maxRequestSize == null || maxRequestSize.toBytes() < 1024 || clientCheckAfter == null
				|| clientCheckAfter.isNegative() || !positive(clientCheckEvery)) {
			throw new IllegalArgumentException("membergraph.graphql: max-depth, max-complexity, max-expensive-fields and "
					+ "max-storefront-fields must be at least 1, timeout and client-check-every more than 0, "
					+ "client-check-after not negative, max-request-size at least 1KB");
		}
	}

	private static boolean positive(Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}
}
