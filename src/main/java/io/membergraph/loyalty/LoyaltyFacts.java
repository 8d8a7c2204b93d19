package io.membergraph.loyalty;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * What analyses need from the loyalty programme: each member's tier on a past day, from the recorded tier
 * changes, and the points moved by the ledger. Reveals no personal data.
 */
@Service
public class LoyaltyFacts {

	private final MongoTemplate mongo;

	LoyaltyFacts(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Each member's tier just before {@code end}: the target of its latest tier change before then. */
	public Map<String, String> tiersBefore(Instant end) {
		Map<String, TierChange> latest = new HashMap<>();
		Query before = Query.query(Criteria.where("at").lt(end));
		before.fields().include("memberId", "to", "at");
		try (Stream<TierChange> changes = mongo.stream(before, TierChange.class)) {
			changes.forEach(c -> latest.merge(c.memberId(), c, (a, b) -> b.at().isAfter(a.at()) ? b : a));
		}
		Map<String, String> tiers = new HashMap<>();
		latest.forEach((member, change) -> tiers.put(member, change.to()));
		return tiers;
	}

	/** The kinds of points movement an analysis reports. */
	public enum Flow {

		ISSUED, REDEEMED, EXPIRED, ADJUSTED, REVERSED

	}

	/**
	 * Hands every applied ledger entry of the given members that took effect in [{@code start}, {@code end}) to
	 * {@code sink}, as its time and its points (positive for points issued, negative for points taken).
	 */
	public void pointsMoved(Set<String> memberIds, Instant start, Instant end,
			BiConsumer<Instant, Map.Entry<Flow, Long>> sink) {
		Query applied = Query.query(Criteria.where("status").is(EntryStatus.APPLIED).and("occurredAt").gte(start).lt(end));
		applied.fields().include("memberId", "type", "points", "occurredAt");
		// Read as plain documents: the projection leaves out fields the entry record needs.
		try (Stream<Document> entries = mongo.stream(applied, Document.class, mongo.getCollectionName(PointsEntry.class))) {
			entries.filter(e -> memberIds.contains(e.getString("memberId")))
				.forEach(e -> sink.accept(e.getDate("occurredAt").toInstant(),
						Map.entry(flowOf(EntryType.valueOf(e.getString("type"))), ((Number) e.get("points")).longValue())));
		}
	}

	private static Flow flowOf(EntryType type) {
		return switch (type) {
			case EARN -> Flow.ISSUED;
			case REDEEM -> Flow.REDEEMED;
			case EXPIRE -> Flow.EXPIRED;
			case ADJUST -> Flow.ADJUSTED;
			case REVERSE -> Flow.REVERSED;
		};
	}

}
