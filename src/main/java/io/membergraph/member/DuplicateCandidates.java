package io.membergraph.member;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Finds members who are probably one customer registered twice (their identities are unique, so they differ
 * there): the same name and birth date, or the same name in the same city joined through different channels
 * with no conflicting birth dates.
 * Each pair comes with its evidence; a name shared by many people in a city is too weak and is left out.
 */
@Service
public class DuplicateCandidates {

	/** Groups larger than this share a common name, not a person. */
	static final int MAX_GROUP = 5;

	private final MongoTemplate mongo;

	private final MemberDirectory directory;

	DuplicateCandidates(MongoTemplate mongo, MemberDirectory directory) {
		this.mongo = mongo;
		this.directory = directory;
	}

	/** Two members and why they look like one customer; more evidence, higher score. */
	public record Candidate(Member first, Member second, List<String> evidence, int score) {
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public List<Candidate> find(int limit) {
		Map<List<String>, Set<String>> evidence = new LinkedHashMap<>();
		pairs(groups("birthDate", Criteria.where("birthDate").ne(null)), List.of("same name", "same birth date"), evidence);
		pairs(groups("region.city", Criteria.where("region.city").ne(null)), List.of("same name", "same city"), evidence);
		List<Candidate> candidates = new ArrayList<>();
		Map<String, Member> members = new LinkedHashMap<>();
		// In one read: a name shared in many small groups makes thousands of members to compare.
		directory.findByIds(evidence.keySet().stream().flatMap(List::stream).distinct().toList())
			.forEach(m -> members.put(m.id(), m));
		evidence.forEach((pair, reasons) -> {
			Member a = members.get(pair.get(0));
			Member b = members.get(pair.get(1));
			if (a != null && b != null && !a.id().equals(b.id()) && !bornOnDifferentDays(a, b)
					&& (reasons.contains("same birth date") || a.joinChannel() != b.joinChannel())) {
				candidates.add(new Candidate(a, b, List.copyOf(reasons), reasons.size()));
			}
		});
		candidates.sort(Comparator.comparingInt(Candidate::score).reversed()
			.thenComparing(c -> c.first().id()).thenComparing(c -> c.second().id()));
		return candidates.subList(0, Math.min(limit, candidates.size()));
	}

	/** Two known, different birth dates make two people, whatever else they share. */
	private static boolean bornOnDifferentDays(Member a, Member b) {
		return a.birthDate() != null && b.birthDate() != null && !a.birthDate().equals(b.birthDate());
	}

	/** Ids of members sharing a name and the given field, in small groups only. */
	private List<List<String>> groups(String field, Criteria present) {
		return mongo.aggregate(Aggregation.newAggregation(Aggregation.match(present.and("name").ne(null).and("status").ne(MemberStatus.MERGED)),
				Aggregation.group("name", field).push("_id").as("ids")),
				Member.class, Document.class)
			.getMappedResults()
			.stream()
			.map(d -> d.getList("ids", String.class))
			.filter(ids -> ids.size() > 1 && ids.size() <= MAX_GROUP)
			.toList();
	}

	private static void pairs(List<List<String>> groups, List<String> reasons, Map<List<String>, Set<String>> evidence) {
		for (List<String> ids : groups) {
			List<String> sorted = ids.stream().sorted().toList();
			for (int i = 0; i < sorted.size(); i++) {
				for (int j = i + 1; j < sorted.size(); j++) {
					evidence.computeIfAbsent(List.of(sorted.get(i), sorted.get(j)), k -> new LinkedHashSet<>())
						.addAll(reasons);
				}
			}
		}
	}

}
