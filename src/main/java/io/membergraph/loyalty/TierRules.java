package io.membergraph.loyalty;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

import io.membergraph.loyalty.PointsAccount.Qualifying;

/** Which tier a member qualifies for: the best tier whose threshold their rolling window reaches. */
final class TierRules {

	private final List<Tier> tiers;

	private final LoyaltySettings settings;

	private final ZoneId zone;

	TierRules(List<Tier> tiers, LoyaltySettings settings, ZoneId zone) {
		this.tiers = tiers.stream().sorted(Comparator.comparingInt(Tier::rank)).toList();
		this.settings = settings;
		this.zone = zone;
	}

	/** Points (or spend) earned in the calendar months of the window ending with the month of {@code asOf}. */
	long qualifyingValue(PointsAccount account, Instant asOf) {
		YearMonth last = YearMonth.from(asOf.atZone(zone));
		YearMonth first = last.minusMonths(settings.qualificationMonths() - 1L);
		long value = 0;
		for (var month : account.qualifying().entrySet()) {
			YearMonth m = YearMonth.parse(month.getKey());
			if (!m.isBefore(first) && !m.isAfter(last)) {
				Qualifying q = month.getValue();
				value += settings.qualification() == LoyaltySettings.Qualification.POINTS ? q.points() : q.spend();
			}
		}
		return value;
	}

	Tier qualifiedTier(PointsAccount account, Instant asOf) {
		long value = qualifyingValue(account, asOf);
		Tier best = tiers.get(0);
		for (Tier tier : tiers) {
			if (value >= tier.threshold()) {
				best = tier;
			}
		}
		return best;
	}

	int rankOf(String code) {
		return tiers.stream().filter(t -> t.code().equals(code)).mapToInt(Tier::rank).findFirst().orElse(0);
	}

	Tier entry() {
		return tiers.get(0);
	}

}
