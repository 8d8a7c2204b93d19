package io.membergraph.campaign.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Stores and reads the audiences fixed when campaigns launch. */
@Component
public class CampaignAudiences {

	/**
	 * A launched campaign's audience, as split at launch (no member in both groups), with each member's place: the
	 * treated first, then the control group, each in its set's order. A response is measured over a hundred thousand
	 * members; by place, its sums over the groups are passes over an array rather than a hash lookup per member.
	 */
	public static final class Audience {

		private final Set<String> treated;

		private final Set<String> control;

		private final Map<String, Integer> places;

		/** Counted once: a response asks whether a place is treated for every order it takes. */
		private final int treatedCount;

		/** The sets are the audience's from now on, seen through unmodifiable views. */
		Audience(Set<String> treated, Set<String> control) {
			this.treated = Collections.unmodifiableSet(treated);
			this.control = Collections.unmodifiableSet(control);
			this.treatedCount = treated.size();
			this.places = new HashMap<>((int) ((treated.size() + control.size()) / 0.75) + 1);
			int place = 0;
			for (String member : treated) {
				places.put(member, place++);
			}
			for (String member : control) {
				places.put(member, place++);
			}
		}

		public Set<String> treated() {
			return treated;
		}

		public Set<String> control() {
			return control;
		}

		/** Whether the member is in either group; false for null (a guest's order). */
		public boolean contains(String memberId) {
			return places.containsKey(memberId);
		}

		/** The member's place, or -1 for one outside the audience. */
		int placeOf(String memberId) {
			Integer place = places.get(memberId);
			return place == null ? -1 : place;
		}

		/**
		 * Accounts outside the audience that took in members of it by a merge since the launch, each with the member
		 * whose place it takes: the customer lives there now. Of several members taken in by one account, the first
		 * place (a treated one before the control group).
		 *
		 * @param mergedAway members of the audience merged away, each with the member it lives in now
		 */
		public Map<String, String> takenInBy(Map<String, String> mergedAway) {
			Map<String, String> takenIn = new HashMap<>();
			mergedAway.forEach((merged, survivor) -> {
				if (contains(merged) && !contains(survivor)) {
					takenIn.merge(survivor, merged, (one, other) -> placeOf(one) <= placeOf(other) ? one : other);
				}
			});
			return takenIn;
		}

		/** Places 0 to {@code size() - 1}. */
		int size() {
			return treatedCount + control.size();
		}

		boolean isTreated(int place) {
			return place < treatedCount;
		}

	}

	/** How many audiences are kept in memory once read: each holds its members' ids. */
	private static final int KEPT = 8;

	private final MongoTemplate mongo;

	/**
	 * Audiences read lately, by campaign. An audience is written whole before its campaign is marked launched and
	 * never changes after, and only launched campaigns' audiences are read, so a copy read once stays right.
	 */
	private final Map<String, Audience> kept = RecentlyUsed.map(KEPT);

	CampaignAudiences(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	public void store(String campaignId, ControlGroup split) {
		List<CampaignAudience> chunks = new ArrayList<>();
		chunk(campaignId, false, split.treated(), chunks);
		chunk(campaignId, true, split.control(), chunks);
		// Rewriting the same chunks is harmless, so a launch interrupted before the campaign was marked can be redone.
		chunks.forEach(mongo::save);
	}

	private static void chunk(String campaignId, boolean control, List<String> ids, List<CampaignAudience> into) {
		for (int from = 0, chunk = 0; from < ids.size(); from += CampaignAudience.CHUNK_SIZE, chunk++) {
			List<String> part = ids.subList(from, Math.min(ids.size(), from + CampaignAudience.CHUNK_SIZE));
			into.add(new CampaignAudience(CampaignAudience.idOf(campaignId, control, chunk), campaignId, control, chunk,
					List.copyOf(part)));
		}
	}

	/** The audience of a launched campaign (callers check that it is launched: before, it may be incomplete). */
	public Audience of(String launchedCampaignId) {
		return kept.computeIfAbsent(launchedCampaignId, this::read);
	}

	private Audience read(String campaignId) {
		Set<String> treated = new HashSet<>();
		Set<String> control = new HashSet<>();
		Query query = Query.query(Criteria.where("campaignId").is(campaignId)).with(Sort.by("_id"));
		for (CampaignAudience chunk : mongo.find(query, CampaignAudience.class)) {
			(chunk.control() ? control : treated).addAll(chunk.memberIds());
		}
		return new Audience(treated, control);
	}

}
