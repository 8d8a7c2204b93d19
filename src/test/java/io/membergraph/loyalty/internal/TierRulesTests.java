package io.membergraph.loyalty.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.membergraph.loyalty.PointsAccount.Qualifying;
import io.membergraph.loyalty.PointsAccount;
import io.membergraph.loyalty.Tier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TierRulesTests {

	private static final List<Tier> LADDER = List.of(new Tier("BASIC", "Basic", 1, 0, List.of()),
			new Tier("SILVER", "Silver", 2, 2000, List.of()), new Tier("GOLD", "Gold", 3, 8000, List.of()));

	private static final Instant NOVEMBER_2026 = Instant.parse("2026-11-20T02:00:00Z");

	@Test
	void spendQualifiesInWholeCurrencyUnitsAsTheThresholdsAreWritten() {
		TierRules bySpend = rules(LoyaltySettings.Qualification.SPEND);
		// 1,999.99 of spend over two months: short of SILVER's 2,000 by a cent
		PointsAccount short_ = account(Map.of("2026-10", new Qualifying(40, 150_000), "2026-11", new Qualifying(0, 49_999)));
		assertThat(bySpend.qualifyingValue(short_, NOVEMBER_2026)).isEqualTo(1999);
		assertThat(bySpend.qualifiedTier(short_, NOVEMBER_2026).code()).isEqualTo("BASIC");

		PointsAccount reached = account(Map.of("2026-10", new Qualifying(40, 150_000), "2026-11", new Qualifying(0, 50_000)));
		assertThat(bySpend.qualifiedTier(reached, NOVEMBER_2026).code()).isEqualTo("SILVER");
	}

	@Test
	void pointsQualifyAsEarnedAndOnlyWithinTheWindow() {
		TierRules byPoints = rules(LoyaltySettings.Qualification.POINTS);
		PointsAccount account = account(Map.of("2025-11", new Qualifying(9_000, 900_000),
				"2025-12", new Qualifying(2_000, 100), "2026-11", new Qualifying(100, 100)));
		// the window of twelve months ending in November 2026 starts in December 2025
		assertThat(byPoints.qualifyingValue(account, NOVEMBER_2026)).isEqualTo(2_100);
		assertThat(byPoints.qualifiedTier(account, NOVEMBER_2026).code()).isEqualTo("SILVER");
	}

	@Test
	void settingsOutOfBoundsStopTheStartNamingTheProperty() {
		assertThatThrownBy(() -> new LoyaltySettings(LoyaltySettings.Expiry.END_OF_FOLLOWING_YEAR, 24, false,
				Duration.ofDays(30), LoyaltySettings.Qualification.POINTS, 0))
			.hasMessage("membergraph.loyalty.qualification-months must be between 1 and 120, not 0");
		assertThatThrownBy(() -> new LoyaltySettings(LoyaltySettings.Expiry.AFTER_MONTHS, 0, false, Duration.ofDays(30),
				LoyaltySettings.Qualification.POINTS, 12))
			.hasMessageStartingWith("membergraph.loyalty.expiry-months");
		assertThatThrownBy(() -> new LoyaltySettings(LoyaltySettings.Expiry.NEVER, 24, false, Duration.ZERO,
				LoyaltySettings.Qualification.POINTS, 12))
			.hasMessageStartingWith("membergraph.loyalty.expiring-soon");
	}

	private static TierRules rules(LoyaltySettings.Qualification qualification) {
		return new TierRules(LADDER, new LoyaltySettings(LoyaltySettings.Expiry.END_OF_FOLLOWING_YEAR, 24, false,
				Duration.ofDays(30), qualification, 12), ZoneId.of("Asia/Shanghai"));
	}

	private static PointsAccount account(Map<String, Qualifying> qualifying) {
		return new PointsAccount("M1", 0, 0, 0, 0, 0, 0, 0, List.of(), qualifying, List.of(), 0, null, null);
	}

}
