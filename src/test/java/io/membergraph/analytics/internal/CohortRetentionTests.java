package io.membergraph.analytics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.analytics.internal.CohortRetention.Basis;
import io.membergraph.analytics.internal.CohortRetention.Cohort;
import io.membergraph.analytics.internal.CohortRetention.Settings;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

import static io.membergraph.analytics.internal.RfmTests.SHANGHAI;
import static io.membergraph.analytics.internal.RfmTests.member;
import static io.membergraph.analytics.internal.RfmTests.order;
import static io.membergraph.analytics.internal.RfmTests.refund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cohort triangle small enough to count by hand. */
class CohortRetentionTests {

	static final AnalysisScope AS_OF_MARCH = new AnalysisScope(LocalDate.of(2026, 3, 15), SHANGHAI, null, null, null, null,
			null);

	/**
	 * January cohort: P (bought January, February), Q (January, March), R (January only; its February order
	 * refunded in full). February cohort: S (February; its first order at 23:30 on 31 January UTC is already
	 * 1 February in Shanghai), T (February, March). U joined in January and never bought.
	 */
	static List<CustomerHistory> members() {
		Instant january = Instant.parse("2025-12-20T00:00:00Z");
		return List.of(
				member("P", january, Channel.TMALL, order("2026-01-05T02:00:00Z", "10.00"), order("2026-02-05T02:00:00Z", "10.00")),
				member("Q", january, Channel.WEB, order("2026-01-10T02:00:00Z", "10.00"), order("2026-03-10T02:00:00Z", "10.00")),
				member("R", Instant.parse("2026-01-02T00:00:00Z"), Channel.WEB, order("2026-01-20T02:00:00Z", "10.00"),
						order("2026-02-20T02:00:00Z", "10.00", refund("2026-02-21T02:00:00Z", "10.00"))),
				member("S", Instant.parse("2026-01-15T00:00:00Z"), Channel.TMALL, order("2026-01-31T23:30:00Z", "10.00")),
				member("T", Instant.parse("2026-02-03T00:00:00Z"), Channel.WEB, order("2026-02-04T02:00:00Z", "10.00"),
						order("2026-03-01T02:00:00Z", "10.00")),
				member("U", Instant.parse("2026-01-03T00:00:00Z"), Channel.WEB));
	}

	@Test
	void byFirstOrderMonth() {
		List<Cohort> cohorts = CohortRetention.of(members(), AS_OF_MARCH,
				new Settings(Basis.FIRST_ORDER, YearMonth.of(2026, 1), YearMonth.of(2026, 3), 12, false)).cohorts();

		// January: 3 members; February 1 (P), March 1 (Q). February: 2 members; March 1 (T). The triangle stops at March.
		assertThat(cohorts).extracting(Cohort::month, Cohort::size, Cohort::retained).containsExactly(
				org.assertj.core.groups.Tuple.tuple(YearMonth.of(2026, 1), 3, List.of(3, 1, 1)),
				org.assertj.core.groups.Tuple.tuple(YearMonth.of(2026, 2), 2, List.of(2, 1)));
		assertThat(cohorts.get(0).rates()).containsExactly(1.0, 1.0 / 3, 1.0 / 3);
	}

	@Test
	void byRegistrationMonthAndAcquisitionChannel() {
		List<Cohort> cohorts = CohortRetention.of(members(), AS_OF_MARCH,
				new Settings(Basis.REGISTRATION, YearMonth.of(2026, 1), YearMonth.of(2026, 2), 12, true)).cohorts();

		// Joined in January: R, U (WEB), S (TMALL). Joined in February: T (WEB). P and Q joined in December.
		assertThat(cohorts).extracting(c -> c.month() + " " + c.channel() + " " + c.size() + " " + c.retained())
			.containsExactly("2026-01 TMALL 1 [0, 1, 0]", "2026-01 WEB 2 [1, 0, 0]", "2026-02 WEB 1 [1, 1]");
	}

	@Test
	void aRangeTheWrongWayRoundIsRefused() {
		assertThatThrownBy(() -> new Settings(null, YearMonth.of(2026, 3), YearMonth.of(2026, 1), 12, false))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("to"));
	}

}
