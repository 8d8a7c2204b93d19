package io.membergraph.seed.internal;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedSettingsTests {

	@Test
	void sizesAndTheEndDateLeftEmptyComeFromTheGeneratorsFile() {
		assertThatCode(() -> new SeedSettings(true, null, null, null, null)).doesNotThrowAnyException();
	}

	@Test
	void theBenchmarksSizesAndAnEmptyHistoryAreTaken() {
		assertThatCode(() -> new SeedSettings(true, 100_000, 1_000_000, 3_000_000, LocalDate.of(2026, 12, 6)))
			.doesNotThrowAnyException();
		assertThatCode(() -> new SeedSettings(true, 1, 0, 0, null)).doesNotThrowAnyException();
	}

	@Test
	void aSizeOrEndDateOutsideItsBoundsStopsTheStartNamingIt() {
		assertThatThrownBy(() -> new SeedSettings(true, -5, null, null, null))
			.hasMessage("membergraph.seed.members must be between 1 and 10000000, not -5");
		assertThatThrownBy(() -> new SeedSettings(true, null, -1, null, null))
			.hasMessage("membergraph.seed.orders must be between 0 and 100000000, not -1");
		assertThatThrownBy(() -> new SeedSettings(true, null, null, 300_000_001, null))
			.hasMessage("membergraph.seed.interactions must be between 0 and 300000000, not 300000001");
		assertThatThrownBy(() -> new SeedSettings(true, null, null, null, LocalDate.of(9999, 12, 31)))
			.hasMessage("membergraph.seed.end-date must be between 2000-01-01 and 2100-12-31, not 9999-12-31");
	}

}
