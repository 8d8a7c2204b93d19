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
class TierCatalog {

	private final MongoTemplate mongo;

	TierCatalog(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@PreAuthorize("isAuthenticated()")
	public List<Tier> tiers() {
		return all();
	}

	@PreAuthorize("hasRole('ADMIN')")
	public Tier define(DefineTierInput input) {
		String code = InvalidInputException.requireText("code", input.code());
		if (!code.matches("[A-Z][A-Z0-9_]{0,31}")) {
			throw new InvalidInputException("code", "must be 1-32 upper-case letters, digits or _");
		}
		int rank = InvalidInputException.require("rank", input.rank());
		long threshold = InvalidInputException.require("threshold", input.threshold());
		if (rank < 1) {
			throw new InvalidInputException("rank", "must be at least 1");
		}
		if (threshold < 0) {
			throw new InvalidInputException("threshold", "must not be negative");
		}
		if (all().stream().anyMatch(t -> t.rank() == rank && !t.code().equals(code))) {
			throw new RefusedException("TIER_RANK_TAKEN", "rank", "is taken by another tier");
		}
		String name = InvalidInputException.oneLine("name", InvalidInputException.requireText("name", input.name()), 64);
		return mongo.save(new Tier(code, name, rank, threshold, input.benefits() == null ? List.of() : input.benefits()));
	}

	/** Saves tier definitions as given, for the programme defaults. */
	public void saveAll(List<Tier> tiers) {
		tiers.forEach(mongo::save);
	}

	/** All tiers by rank, lowest first; there are a handful, so one read serves a whole page of members. */
	List<Tier> all() {
		return mongo.find(new Query().with(Sort.by("rank")), Tier.class);
	}

	Optional<Tier> entryTier() {
		return all().stream().min(Comparator.comparingInt(Tier::rank));
	}

	Optional<Tier> byCode(String code) {
		return Optional.ofNullable(code).map(c -> mongo.findById(c, Tier.class));
	}

	boolean isEmpty() {
		return !mongo.exists(new Query(), Tier.class);
	}

}
