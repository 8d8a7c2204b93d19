package io.membergraph.ingest.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportSettingsTests {

	@Test
	void theDefaultsAndProgressAtEveryCheckAreTaken() {
		assertThatCode(() -> new ImportSettings(20_000, 100_000, DataSize.ofGigabytes(20), DataSize.ofGigabytes(100), 200,
				1_048_576, 4, 2, Duration.ZERO, 100, 1_000_000))
			.doesNotThrowAnyException();
	}

	/** Each limit is named with its bounds: before, one message said only that every limit must be at least 1. */
	@Test
	void aLimitOutsideItsBoundsStopsTheStartNamingIt() {
		assertThatThrownBy(() -> new ImportSettings(2_000_000, 100_000, DataSize.ofGigabytes(20), DataSize.ofGigabytes(100),
				200, 1_048_576, 4, 2, Duration.ofSeconds(2), 100, 1_000_000))
			.hasMessage("membergraph.import.batch-rows must be between 1 and 1000000, not 2000000");
		assertThatThrownBy(() -> new ImportSettings(20_000, 100_000, DataSize.ofBytes(-1), DataSize.ofGigabytes(100), 200,
				1_048_576, 4, 2, Duration.ofSeconds(2), 100, 1_000_000))
			.hasMessage("membergraph.import.max-upload must be between 1B and 10TB, not -1B");
		assertThatThrownBy(() -> new ImportSettings(20_000, 100_000, DataSize.ofGigabytes(20), DataSize.ofGigabytes(100),
				200, 1_048_576, 4, 5, Duration.ofSeconds(2), 100, 1_000_000))
			.hasMessage("membergraph.import.concurrent must be between 1 and 4, not 5");
		assertThatThrownBy(() -> new ImportSettings(20_000, 100_000, DataSize.ofGigabytes(20), DataSize.ofGigabytes(100),
				200, 1_048_576, 4, 2, Duration.ofSeconds(-1), 100, 1_000_000))
			.hasMessageStartingWith("membergraph.import.progress-every must be between");
		assertThatThrownBy(() -> new ImportSettings(20_000, 100_000, DataSize.ofGigabytes(20), DataSize.ofGigabytes(100),
				200, 1_048_576, 4, 2, Duration.ofSeconds(2), 0, 1_000_000))
			.hasMessage("membergraph.import.preview-rows must be between 1 and 10000, not 0");
	}

}
