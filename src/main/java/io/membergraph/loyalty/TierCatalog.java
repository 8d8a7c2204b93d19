package io.membergraph.loyalty;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.membergraph.member.MemberProfiles;
import io.membergraph.member.MemberRegistered;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The programme's tiers, and the entry tier every new member starts in. */
@Service
public class TierCatalog {

	private final MongoTemplate mongo;

	private final MemberProfiles profiles;

	TierCatalog(MongoTemplate mongo, MemberProfiles profiles) {
		this.mongo = mongo;
		this.profiles = profiles;
	}

	@PreAuthorize("isAuthenticated()")
	public List<Tier> tiers() {
		return all();
	}

	/** Saves tier definitions as given, for demo data. */
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

	@EventListener
	void startInEntryTier(MemberRegistered registered) {
		entryTier().ifPresent(tier -> profiles.changeTier(registered.memberId(), tier.code()));
	}

}
