package io.membergraph.analytics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.analytics.internal.ValueMatrix.Quadrant;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.LifecycleStage;
import io.membergraph.customer.LifecycleThresholds;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static io.membergraph.analytics.internal.RfmTests.AS_OF_JUNE;
import static io.membergraph.analytics.internal.RfmTests.SHANGHAI;
import static io.membergraph.analytics.internal.RfmTests.fourBuyers;
import static io.membergraph.analytics.internal.RfmTests.member;
import static io.membergraph.analytics.internal.RfmTests.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The value matrix and lifecycle stages of RfmTests' four buyers (and E, who never bought), by hand. */
class ValueMatrixAndLifecycleTests {

	@Test
	void theValueMatrixSplitsAverageOrderValueAndFrequencyAtTheirMeans() {
		// AOV: A 200, B 50, C 1000, D 300 (mean 387.50); F: 3, 1, 1, 1 (mean 1.5).
		ValueMatrix.Result result = ValueMatrix.of(fourBuyers(), AS_OF_JUNE, new ValueMatrix.Settings(null, null));

		assertThat(result.aovReference()).isEqualTo(38_750.0);
		assertThat(result.frequencyReference()).isEqualTo(1.5);
		assertThat(result.quadrants()).extracting(Quadrant::type, Quadrant::members, Quadrant::orders, Quadrant::spend)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(ValueMatrix.Type.PREMIUM, 0, 0, Money.ZERO),
					org.assertj.core.groups.Tuple.tuple(ValueMatrix.Type.FREQUENT, 1, 3, Money.of("600.00")),
					org.assertj.core.groups.Tuple.tuple(ValueMatrix.Type.BIG_TICKET, 1, 1, Money.of("1000.00")),
					org.assertj.core.groups.Tuple.tuple(ValueMatrix.Type.UNCERTAIN, 2, 2, Money.of("350.00")));
	}

	@Test
	void givenThresholdsReplaceTheMeans() {
		ValueMatrix.Result result = ValueMatrix.of(fourBuyers(), AS_OF_JUNE,
				new ValueMatrix.Settings(Money.of("100.00"), 3.0));

		// AOV >= 100: A, C, D; F >= 3: A only.
		assertThat(result.quadrants()).extracting(Quadrant::members).containsExactly(1, 0, 2, 1);
	}

	@Test
	void stagesAsOfADay() {
		// A last bought 10 days ago, B 180, C's first counted order was yesterday, D 76 days ago, E never.
		Lifecycle.Distribution distribution = Lifecycle.distribution(fourBuyers(), AS_OF_JUNE, LifecycleThresholds.DEFAULT);

		assertThat(distribution.members()).isEqualTo(5);
		assertThat(distribution.stages()).extracting(s -> s.stage() + "=" + s.members())
			.containsExactly("PROSPECT=1", "NEW=1", "ACTIVE=2", "AT_RISK=1", "LAPSED=0", "CHURNED=0");
	}

	@Test
	void transitionsBetweenTwoDays() {
		List<CustomerHistory> members = new ArrayList<>(fourBuyers());
		members.add(member("F", Instant.parse("2026-05-01T00:00:00Z"), Channel.APP));
		AnalysisScope endOfMarch = new AnalysisScope(LocalDate.of(2026, 3, 31), SHANGHAI, null, null, null, null, null);

		Lifecycle.Transitions transitions = Lifecycle.transitions(members, endOfMarch, AS_OF_JUNE, LifecycleThresholds.DEFAULT);

		// On 31 March: A active (its first order 30 days old is no longer new), B active, C, D, E prospects;
		// F had not joined.
		assertThat(transitions.members()).isEqualTo(6);
		assertThat(transitions.cells()).extracting(t -> t.from() + ">" + t.to() + "=" + t.members())
			.containsExactlyInAnyOrder("ACTIVE>ACTIVE=1", "ACTIVE>AT_RISK=1", "PROSPECT>NEW=1", "PROSPECT>ACTIVE=1",
					"PROSPECT>PROSPECT=1", "NOT_JOINED>PROSPECT=1");
	}

	@Test
	void theMembersOwnRhythmMovesAFastBuyerToAtRiskSooner() {
		CustomerHistory everyTenDays = member("G", order("2026-01-01T02:00:00Z", "10.00"), order("2026-01-11T02:00:00Z", "10.00"),
				order("2026-01-21T02:00:00Z", "10.00"), order("2026-01-31T02:00:00Z", "10.00"));
		AnalysisScope firstOfMarch = new AnalysisScope(LocalDate.of(2026, 3, 1), SHANGHAI, null, null, null, null, null);
		LifecycleThresholds rhythm = new LifecycleThresholds(30, 90, 180, 365, true, 1.5, 3, 6);

		// 29 days since the last order: active by days; by its 10-day rhythm past 1.5 x but within 3 x.
		assertThat(LifecycleStage.of(everyTenDays, firstOfMarch, LifecycleThresholds.DEFAULT)).isEqualTo(LifecycleStage.ACTIVE);
		assertThat(LifecycleStage.of(everyTenDays, firstOfMarch, rhythm)).isEqualTo(LifecycleStage.AT_RISK);
	}

	@Test
	void thresholdsOutOfOrderAreRefused() {
		assertThatThrownBy(() -> new LifecycleThresholds(30, 200, 180, 365, false, 1.5, 3, 6))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("activeDays"));
	}

	@Test
	void thresholdsPastAHundredYearsAreRefused() {
		assertThat(new LifecycleThresholds(36_600, 90, 180, 36_600, true, 1.5, 3, 100).lapsedDays()).isEqualTo(36_600);
		assertRefused("newDays", () -> new LifecycleThresholds(Integer.MAX_VALUE, 90, 180, 365, false, 1.5, 3, 6));
		assertRefused("lapsedDays", () -> new LifecycleThresholds(30, 90, 180, 36_601, false, 1.5, 3, 6));
		assertRefused("activeDays", () -> new LifecycleThresholds(30, -1, 180, 365, false, 1.5, 3, 6));
		assertRefused("lapsedFactor", () -> new LifecycleThresholds(30, 90, 180, 365, true, 1.5, 3, 1e308));
		assertRefused("frequencyThreshold", () -> new ValueMatrix.Settings(null, 1e308));
	}

	private static void assertRefused(String field, ThrowingCallable settings) {
		assertThatThrownBy(settings)
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
	}

}
