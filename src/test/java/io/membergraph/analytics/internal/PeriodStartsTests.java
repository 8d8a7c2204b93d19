package io.membergraph.analytics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;

import io.membergraph.analytics.AnalysisScope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodStartsTests {

	private static final AnalysisScope SCOPE = new AnalysisScope(LocalDate.of(2026, 3, 31), ZoneId.of("Asia/Shanghai"),
			null, null, null, null, null);

	@Test
	void aMomentFallsInThePeriodOfItsDayInTheScopesZone() {
		Random random = new Random(7);
		for (Period period : Period.values()) {
			LocalDate from = LocalDate.of(2025, 2, 14);
			PeriodStarts starts = new PeriodStarts(SCOPE, period, from);
			long first = SCOPE.startOf(period.startOf(from)).toEpochMilli();
			long end = SCOPE.end().toEpochMilli();
			for (int i = 0; i < 20_000; i++) {
				long at = first + (long) (random.nextDouble() * (end - first));
				LocalDate expected = period.startOf(SCOPE.dayOf(Instant.ofEpochMilli(at)));
				assertThat(starts.start(starts.indexOf(at))).as("%s at %s", period, Instant.ofEpochMilli(at))
					.isEqualTo(expected);
			}
		}
	}

	@Test
	void theFirstInstantOfAPeriodIsItsOwnAndTheOneBeforeIsThePrevious() {
		PeriodStarts months = new PeriodStarts(SCOPE, Period.MONTH, LocalDate.of(2026, 1, 20));
		long march = Instant.parse("2026-02-28T16:00:00Z").toEpochMilli();

		assertThat(months.size()).isEqualTo(3);
		assertThat(months.start(months.indexOf(march))).isEqualTo(LocalDate.of(2026, 3, 1));
		assertThat(months.start(months.indexOf(march - 1))).isEqualTo(LocalDate.of(2026, 2, 1));
		assertThat(months.indexOf(Instant.parse("2025-12-31T15:59:59.999Z").toEpochMilli())).isEqualTo(-1);
		assertThat(months.start(months.indexOf(Instant.parse("2026-12-31T00:00:00Z").toEpochMilli())))
			.isEqualTo(LocalDate.of(2026, 3, 1));
	}

}
