package io.membergraph.loyalty.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.membergraph.loyalty.Activity;
import io.membergraph.loyalty.Tier;
import io.membergraph.loyalty.TierCatalog;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberRegistered;
import io.membergraph.member.MembersRegistered;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The programme a new store starts with: the tiers and earning rules of {@code seed/loyalty.json}, loaded
 * when the store has none (embedded or real; ADMINs change them afterwards). Also welcomes new members:
 * the registration reward and the entry tier.
 */
@Component
@Order(-1)
public class LoyaltyProgramme implements ApplicationRunner {

	private static final Log log = LogFactory.getLog(LoyaltyProgramme.class);

	private final BatchLoyalty batches;

	private final PointsJournals journals;

	private final TierCatalog tiers;

	private final EarnRules rules;

	private final PointsLedger ledger;

	private final TierQualification qualification;

	private final MemberDirectory members;

	private final JsonMapper json;

	LoyaltyProgramme(TierCatalog tiers, EarnRules rules, PointsLedger ledger, TierQualification qualification,
			MemberDirectory members, BatchLoyalty batches, PointsJournals journals, JsonMapper json) {
		this.batches = batches;
		this.journals = journals;
		this.tiers = tiers;
		this.rules = rules;
		this.ledger = ledger;
		this.qualification = qualification;
		this.members = members;
		this.json = json;
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Definition(List<Tier> tiers, List<EarnRule> earnRules) {
	}

	@Override
	public void run(ApplicationArguments args) {
		Definition defaults = defaults(json);
		if (tiers.isEmpty()) {
			tiers.saveAll(defaults.tiers());
			log.info("Loaded the default tiers from seed/loyalty.json");
		}
		if (rules.isEmpty()) {
			rules.saveAll(defaults.earnRules());
			log.info("Loaded the default earning rules from seed/loyalty.json");
		}
	}

	static Definition defaults(JsonMapper json) {
		try (InputStream in = new ClassPathResource("seed/loyalty.json").getInputStream()) {
			return json.readValue(in, Definition.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read seed/loyalty.json: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Welcomes a new member: the registration reward, then the entry tier, shown on the member last. Each step
	 * is idempotent and a member without a tier is one not yet welcomed, so {@link #welcomeLeftovers} finishes
	 * whatever a crash interrupted.
	 */
	@EventListener
	void welcome(MemberRegistered registered) {
		if (tiers.isEmpty()) {
			return;
		}
		long points = rules.calculator().forActivity(Activity.REGISTRATION);
		if (points > 0) {
			ledger.earn(registered.memberId(), "registration", points, Activity.REGISTRATION.name(), "registration", 0,
					registered.joinedAt(), "system");
		}
		qualification.enter(registered.memberId(), registered.joinedAt());
	}

	/** Welcomes members registered together (an import), in one batch of loyalty writes. */
	@EventListener
	void welcomeAll(MembersRegistered registered) {
		batches.welcome(registered.batch(), registered.members().stream().map(MemberRegistered::memberId).toList());
	}

	/**
	 * Welcomes members that registered but were never welcomed; returns how many. A member of a bulk welcome a
	 * crash cut short may have its account written already: its batch's journal is carried out first, so that the
	 * welcome finds what was done.
	 */
	public int welcomeLeftovers(java.time.Instant registeredBefore) {
		if (tiers.isEmpty()) {
			return 0;
		}
		List<MemberRegistered> waiting = members.awaitingTier(1_000, registeredBefore);
		waiting.forEach(member -> {
			journals.finishLeftJournals(member.memberId());
			welcome(member);
		});
		return waiting.size();
	}

}
