package io.membergraph.engagement;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.membergraph.engagement.internal.InteractionMonth;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.RecoveryStep;
import io.membergraph.store.LeftoverWatch;
import io.membergraph.store.RecordDocuments;
import io.membergraph.store.WriteCounts;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Keeps each member's monthly interaction counts ({@link InteractionMonth}) in step with the interactions.
 * An interaction is written marked as pending, added to its month (idempotently), then unmarked; the sweep
 * finishes interactions a crash left marked, and the rebuild checks every month against the interactions.
 */
@Service
public class InteractionRollups implements RecoveryStep {

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

	private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

	private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

	private final MongoTemplate mongo;

	private final BusinessCalendar calendar;

	private final Clock clock;

	private final LeftoverWatch leftovers;

	InteractionRollups(MongoTemplate mongo, BusinessCalendar calendar, Clock clock, WriteCounts writeCounts) {
		this.mongo = mongo;
		this.calendar = calendar;
		this.clock = clock;
		this.leftovers = writeCounts.leftovers(Interaction.class);
	}

	/** Adds a recorded interaction to its member's month and clears its pending mark. */
	void roll(Interaction interaction) {
		if (interaction.memberId() == null) {
			return;
		}
		String month = monthOf(interaction);
		addToMonths(List.of(addition(InteractionMonth.idOf(interaction.memberId(), month), interaction.memberId(), month,
				Map.of(interaction.type(), List.of(interaction.id())))));
		mongo.updateFirst(byId(interaction.id()), new Update().unset("rollupPending"), Interaction.class);
	}

	/**
	 * Adds interactions loaded in bulk to their months, in one bulk write with one update per member and month: a
	 * batch holds many interactions of a member's month, and the store's cost is per update.
	 */
	void rollAll(List<Interaction> interactions) {
		Map<String, Map<InteractionType, List<String>>> byMonth = new LinkedHashMap<>();
		Map<String, Interaction> firstOfMonth = new HashMap<>();
		for (Interaction interaction : interactions) {
			if (interaction.memberId() != null) {
				String id = InteractionMonth.idOf(interaction.memberId(), monthOf(interaction));
				firstOfMonth.putIfAbsent(id, interaction);
				byMonth.computeIfAbsent(id, month -> new EnumMap<>(InteractionType.class))
					.computeIfAbsent(interaction.type(), type -> new ArrayList<>())
					.add(interaction.id());
			}
		}
		if (byMonth.isEmpty()) {
			return;
		}
		List<UpdateOneModel<Document>> months = new ArrayList<>(byMonth.size());
		byMonth.forEach((id, events) -> {
			Interaction first = firstOfMonth.get(id);
			months.add(addition(id, first.memberId(), monthOf(first), events));
		});
		addToMonths(months);
	}

	/** The member's last {@code months} calendar months up to this one, oldest first, those with interactions only. */
	public List<InteractionMonth> recentMonths(String memberId, int months) {
		if (months < 1 || months > 120) {
			throw new InvalidInputException("months", "must be between 1 and 120");
		}
		YearMonth now = YearMonth.from(clock.instant().atZone(calendar.zone()));
		return monthsOf(memberId, now.minusMonths(months - 1L), now);
	}

	/** {@link #recentMonths} of a page of members in one read, by member id. */
	public Map<String, List<InteractionMonth>> recentMonths(java.util.Collection<String> memberIds, int months) {
		if (months < 1 || months > 120) {
			throw new InvalidInputException("months", "must be between 1 and 120");
		}
		YearMonth now = YearMonth.from(clock.instant().atZone(calendar.zone()));
		List<String> ids = new ArrayList<>();
		for (String memberId : memberIds) {
			for (YearMonth month = now.minusMonths(months - 1L); !month.isAfter(now); month = month.plusMonths(1)) {
				ids.add(InteractionMonth.idOf(memberId, month.format(MONTH)));
			}
		}
		Map<String, List<InteractionMonth>> byMember = new java.util.HashMap<>();
		memberIds.forEach(id -> byMember.put(id, new ArrayList<>()));
		mongo.find(Query.query(Criteria.where("_id").in(ids)), InteractionMonth.class)
			.stream()
			.sorted(java.util.Comparator.comparing(InteractionMonth::month))
			.forEach(month -> byMember.computeIfAbsent(month.memberId(), id -> new ArrayList<>()).add(month));
		return byMember;
	}

	/** The member's months from {@code from} to {@code to}, oldest first; months without interactions are left out. */
	public List<InteractionMonth> monthsOf(String memberId, YearMonth from, YearMonth to) {
		List<String> ids = new ArrayList<>();
		for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
			ids.add(InteractionMonth.idOf(memberId, month.format(MONTH)));
		}
		return mongo.find(Query.query(Criteria.where("_id").in(ids)), InteractionMonth.class)
			.stream()
			.sorted(java.util.Comparator.comparing(InteractionMonth::month))
			.toList();
	}

	/** Moves a merged member's months onto the survivor's. Idempotent. */
	public void moveMonths(String mergedId, String survivorId) {
		for (InteractionMonth month : mongo.find(Query.query(Criteria.where("memberId").is(mergedId)),
				InteractionMonth.class)) {
			addToMonths(List.of(addition(InteractionMonth.idOf(survivorId, month.month()), survivorId, month.month(),
					month.events() == null ? Map.of() : month.events())));
			mongo.remove(month);
		}
	}

	/**
	 * Finishes interactions a crash left between their write and their month, of those written before the moment
	 * ({@link RecoveryStep}).
	 */
	@Override
	public int recover(Instant writtenBefore) {
		List<Interaction> pending = leftovers.pending(
				() -> mongo.find(Query.query(Criteria.where("rollupPending").is(true)), Interaction.class));
		List<Interaction> left = pending.stream().filter(i -> i.changedAt() != null && i.changedAt().isBefore(writtenBefore)).toList();
		left.forEach(this::roll);
		return left.size();
	}

	/**
	 * Member ids whose monthly counts differ from their interactions; rebuilt when asked to. An interaction whose
	 * roll-up is still pending (being written, or left by a crash for the sweep) may or may not be in its month yet:
	 * either is consistent, so a check during an import reports only real differences.
	 */
	public List<String> check(boolean repair) {
		Map<String, Map<InteractionType, Set<String>>> expected = new HashMap<>();
		Set<String> pending = new HashSet<>();
		Query withMember = Query.query(Criteria.where("memberId").ne(null));
		withMember.fields().include("memberId", "type", "occurredAt", "rollupPending");
		try (Stream<Interaction> interactions = mongo.stream(withMember, Interaction.class)) {
			interactions.forEach(i -> {
				expected.computeIfAbsent(InteractionMonth.idOf(i.memberId(), monthOf(i)), id -> new HashMap<>())
					.computeIfAbsent(i.type(), t -> new HashSet<>()).add(i.id());
				if (Boolean.TRUE.equals(i.rollupPending())) {
					pending.add(i.id());
				}
			});
		}
		Set<String> differ = new TreeSet<>();
		Set<String> seen = new HashSet<>();
		try (Stream<InteractionMonth> months = mongo.stream(new Query(), InteractionMonth.class)) {
			months.forEach(month -> {
				seen.add(month.id());
				if (!same(expected.get(month.id()), stored(month), pending)) {
					differ.add(month.memberId());
					if (repair) {
						rewrite(month.id(), month.memberId(), month.month(), expected.get(month.id()));
					}
				}
			});
		}
		expected.forEach((id, events) -> {
			if (!seen.contains(id) && !same(events, Map.of(), pending)) {
				String memberId = id.substring(0, id.lastIndexOf('|'));
				differ.add(memberId);
				if (repair) {
					rewrite(id, memberId, id.substring(id.lastIndexOf('|') + 1), events);
				}
			}
		});
		return List.copyOf(differ);
	}

	private static Map<InteractionType, Set<String>> stored(InteractionMonth month) {
		Map<InteractionType, Set<String>> stored = new HashMap<>();
		if (month.events() != null) {
			month.events().forEach((type, ids) -> stored.put(type, new HashSet<>(ids)));
		}
		return stored;
	}

	/** Whether the month holds the expected events, leaving out those whose roll-up is pending. */
	private static boolean same(Map<InteractionType, Set<String>> expected, Map<InteractionType, Set<String>> stored,
			Set<String> pending) {
		return settled(expected, pending).equals(settled(stored, pending));
	}

	private static Map<InteractionType, Set<String>> settled(Map<InteractionType, Set<String>> events, Set<String> pending) {
		Map<InteractionType, Set<String>> settled = new HashMap<>();
		if (events != null) {
			events.forEach((type, ids) -> {
				Set<String> kept = new HashSet<>(ids);
				kept.removeAll(pending);
				if (!kept.isEmpty()) {
					settled.put(type, kept);
				}
			});
		}
		return settled;
	}

	private void rewrite(String id, String memberId, String month, Map<InteractionType, Set<String>> events) {
		if (events == null) {
			mongo.remove(byId(id), InteractionMonth.class);
			return;
		}
		Map<InteractionType, List<String>> sorted = new HashMap<>();
		events.forEach((type, ids) -> sorted.put(type, ids.stream().sorted().toList()));
		mongo.save(new InteractionMonth(id, memberId, month, sorted));
	}

	/** Adds the events of each type to a member's month, creating the month when it has none yet. */
	private static UpdateOneModel<Document> addition(String id, String memberId, String month,
			Map<InteractionType, ? extends List<String>> events) {
		Document additions = new Document();
		events.forEach((type, ids) -> additions.append("events." + type.name(), new Document("$each", ids)));
		Document update = new Document("$setOnInsert",
				new Document("memberId", memberId).append("month", month));
		if (!additions.isEmpty()) {
			update.append("$addToSet", additions);
		}
		return new UpdateOneModel<>(Filters.eq("_id", id), update, UPSERT);
	}

	/**
	 * Written as plain documents: Spring Data's update mapper resolves {@code events.<TYPE>} as a property path of
	 * the record, fails (a map key is no property) and throws and catches an exception per key and update, which was
	 * a twentieth of the demo data's start-up and a cost on every interaction recorded.
	 */
	private void addToMonths(List<UpdateOneModel<Document>> months) {
		if (!months.isEmpty()) {
			RecordDocuments.plain(mongo.getCollection(mongo.getCollectionName(InteractionMonth.class)))
				.bulkWrite(months, UNORDERED);
		}
	}

	private String monthOf(Interaction interaction) {
		return interaction.occurredAt().atZone(calendar.zone()).format(MONTH);
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

}
