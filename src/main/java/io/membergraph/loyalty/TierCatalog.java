package io.membergraph.loyalty;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.membergraph.loyalty.LoyaltyInputs.DefineTierInput;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.RefusedException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The programme's tiers. */
@Service
public class TierCatalog {

	private final MongoTemplate mongo;

	TierCatalog(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@PreAuthorize("isAuthenticated()")
	public List<Tier> tiers() {
		return all();
	}

	/** Tiers are a ladder of a handful of rungs; a rank beyond this is a typo. */
	static final int MAX_RANK = 100;

	/** What a tier asks to reach it (points, or spend in minor units): ten million yuan of spend at most. */
	static final long MAX_THRESHOLD = 1_000_000_000L;

	static final int MAX_BENEFITS = 50;

	@PreAuthorize("hasRole('ADMIN')")
	public Tier define(DefineTierInput input) {
		String code = InvalidInputException.requireText("code", input.code());
		if (!code.matches("[A-Z][A-Z0-9_]{0,31}")) {
			throw new InvalidInputException("code", "must be 1-32 upper-case letters, digits or _");
		}
		int rank = InvalidInputException.require("rank", input.rank());
		long threshold = InvalidInputException.require("threshold", input.threshold());
		if (rank < 1 || rank > MAX_RANK) {
			throw new InvalidInputException("rank", "must be between 1 and " + MAX_RANK);
		}
		if (threshold < 0 || threshold > MAX_THRESHOLD) {
			throw new InvalidInputException("threshold", "must be between 0 and " + MAX_THRESHOLD);
		}
		String name = InvalidInputException.oneLine("name", InvalidInputException.requireText("name", input.name()), 64);
		List<Tier.Benefit> benefits = benefits(input.benefits());
		List<Tier> others = all().stream().filter(t -> !t.code().equals(code)).toList();
		if (others.stream().anyMatch(t -> t.rank() == rank)) {
			throw new RefusedException("TIER_RANK_TAKEN", "rank", "is taken by another tier");
		}
		// A member holds the best tier whose threshold it reaches: a higher rank asking no more than a lower one
		// would take every member of the lower one, and leave it (or those between) out of reach.
		for (Tier other : others) {
			if (other.rank() < rank ? other.threshold() >= threshold : other.threshold() <= threshold) {
				throw new RefusedException("TIER_THRESHOLD_OUT_OF_ORDER", "threshold", other.code() + " (rank "
						+ other.rank() + ") asks " + other.threshold() + ": a tier asks more than every tier ranked below it "
						+ "and less than every tier ranked above it");
			}
		}
		return mongo.save(new Tier(code, name, rank, threshold, benefits));
	}

	/** A tier's perks as shown to members: a short list of one-line texts. */
	private static List<Tier.Benefit> benefits(List<Tier.Benefit> given) {
		if (given == null) {
			return List.of();
		}
		if (given.size() > MAX_BENEFITS) {
			throw new InvalidInputException("benefits", "holds more than " + MAX_BENEFITS + " benefits");
		}
		List<Tier.Benefit> benefits = new java.util.ArrayList<>();
		for (int i = 0; i < given.size(); i++) {
			Tier.Benefit benefit = given.get(i);
			String field = "benefits[" + i + "]";
			String code = InvalidInputException.requireText(field + ".code", benefit.code());
			String name = InvalidInputException.requireText(field + ".name", benefit.name());
			benefits.add(new Tier.Benefit(InvalidInputException.oneLine(field + ".code", code, 64),
					InvalidInputException.oneLine(field + ".name", name, 200),
					InvalidInputException.oneLine(field + ".value", benefit.value(), 200)));
		}
		return List.copyOf(benefits);
	}

	/** Saves tier definitions as given, for the programme defaults. */
	public void saveAll(List<Tier> tiers) {
		tiers.forEach(mongo::save);
	}

	/** All tiers by rank, lowest first; there are a handful, so one read serves a whole page of members. */
	public List<Tier> all() {
		return mongo.find(new Query().with(Sort.by("rank")), Tier.class);
	}

	Optional<Tier> entryTier() {
		return all().stream().min(Comparator.comparingInt(Tier::rank));
	}

	public Optional<Tier> byCode(String code) {
		return Optional.ofNullable(code).map(c -> mongo.findById(c, Tier.class));
	}

	public boolean isEmpty() {
		return !mongo.exists(new Query(), Tier.class);
	}

}
