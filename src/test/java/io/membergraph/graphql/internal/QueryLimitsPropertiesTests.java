package io.membergraph.graphql.internal;

import java.time.Duration;

import io.membergraph.graphql.SmallGroups;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryLimitsPropertiesTests {

	@Test
	void limitsThatWouldRefuseEveryQueryStopTheStart() {
		assertThatCode(() -> limits(12, Duration.ofSeconds(60))).doesNotThrowAnyException();
		assertThatThrownBy(() -> limits(0, Duration.ofSeconds(60))).hasMessageContaining("max-depth");
		assertThatThrownBy(() -> limits(12, Duration.ZERO)).hasMessageContaining("timeout");
	}

	@Test
	void aMinimumGroupSizeOfNoneStopsTheStartRatherThanShowingEveryCount() {
		assertThatCode(() -> new SmallGroups(5)).doesNotThrowAnyException();
		assertThatThrownBy(() -> new SmallGroups(0))
			.hasMessage("membergraph.privacy.min-group-size must be between 1 and 1000, not 0");
	}

	private static QueryLimitsProperties limits(int maxDepth, Duration timeout) {
		return new QueryLimitsProperties(maxDepth, 20_000, 10, 10, timeout, DataSize.ofMegabytes(1), Duration.ofSeconds(2),
				Duration.ofSeconds(1));
	}

}
