package io.membergraph.loyalty.internal;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import io.membergraph.loyalty.LoyaltyInputs.DefineEarnRuleInput;
import io.membergraph.loyalty.TierCatalog;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.TimeBounds;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The programme's earning rules, editable by ADMIN. */
@Service
public class EarnRules {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

	private final MongoTemplate mongo;

	private final Clock clock;

	private final TierCatalog tiers;

	EarnRules(MongoTemplate mongo, Clock clock, TierCatalog tiers) {
		this.clock = clock;
		this.mongo = mongo;
		this.tiers = tiers;
	}

	@PreAuthorize("isAuthenticated()")
	public List<EarnRule> rules() {
		return all();
	}

	/** Points one rule grants at a time (an activity, a campaign's bonus): far beyond any programme's rewards. */
	static final long MAX_POINTS = 1_000_000;

	@PreAuthorize("hasRole('ADMIN')")
	public EarnRule define(DefineEarnRuleInput input) {
		String id = InvalidInputException.requireText("id", input.id());
		if (!ID.matcher(id).matches()) {
			throw new InvalidInputException("id", "must be 1-64 letters, digits or _.-");
		}
		EarnRule.Type type = InvalidInputException.require("type", input.type());
		double factor = input.factor() == null ? 1.0 : input.factor();
		long points = input.points() == null ? 0 : input.points();
		switch (type) {
			case BASE_RATE -> InvalidInputException.requireText("tierCode", input.tierCode());
			case CATEGORY_MULTIPLIER -> InvalidInputException.requireText("category", input.category());
			case SKU_MULTIPLIER -> InvalidInputException.requireText("sku", input.sku());
			case CAMPAIGN_BONUS -> {
			}
			case ACTIVITY_REWARD -> {
				InvalidInputException.require("activity", input.activity());
				if (points <= 0) {
					throw new InvalidInputException("points", "must be greater than 0 for an ACTIVITY_REWARD");
				}
			}
		}
		if (!(factor > 0 && factor <= 100)) {
			throw new InvalidInputException("factor", "must be greater than 0 and at most 100");
		}
		if (points < 0 || points > MAX_POINTS) {
			throw new InvalidInputException("points", "must be between 0 and " + MAX_POINTS);
		}
		Integer dailyLimit = input.dailyLimit();
		if (dailyLimit != null) {
			if (type != EarnRule.Type.ACTIVITY_REWARD || !input.activity().reportedByClient()) {
				throw new InvalidInputException("dailyLimit", "applies to ACTIVITY_REWARD rules of what a client reports "
						+ "(REVIEW, CHECK_IN); the programme grants the others once each");
			}
			if (dailyLimit < 1 || dailyLimit > EarnRule.MAX_DAILY_LIMIT) {
				throw new InvalidInputException("dailyLimit", "must be between 1 and " + EarnRule.MAX_DAILY_LIMIT);
			}
		}
		InvalidInputException.oneLine("tierCode", input.tierCode(), 64);
		if (input.tierCode() != null && tiers.byCode(input.tierCode()).isEmpty()) {
			// A typo would make a rule that never applies, and say nothing.
			throw new InvalidInputException("tierCode", "'" + input.tierCode() + "' is not a tier");
		}
		InvalidInputException.oneLine("category", input.category(), 64);
		InvalidInputException.oneLine("sku", input.sku(), 100);
		InvalidInputException.oneLine("campaignPrefix", input.campaignPrefix(), 64);
		TimeBounds.planned("validFrom", input.validFrom(), clock.instant());
		TimeBounds.planned("validTo", input.validTo(), clock.instant());
		if (input.validFrom() != null && input.validTo() != null && !input.validTo().isAfter(input.validFrom())) {
			throw new InvalidInputException("validTo", "must be after validFrom");
		}
		return mongo.save(new EarnRule(id, type, input.tierCode(), input.category(), input.sku(), input.campaignPrefix(),
				input.activity(), factor, points, input.validFrom(), input.validTo(), dailyLimit));
	}

	List<EarnRule> all() {
		return mongo.find(new Query().with(Sort.by("_id")), EarnRule.class);
	}

	public PointsCalculator calculator() {
		return new PointsCalculator(all());
	}

	/** Saves rules as given, for the programme defaults. */
	public void saveAll(List<EarnRule> rules) {
		rules.forEach(mongo::save);
	}

	public boolean isEmpty() {
		return !mongo.exists(new Query(), EarnRule.class);
	}

}
