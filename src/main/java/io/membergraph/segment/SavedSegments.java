package io.membergraph.segment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.security.Caller;
import io.membergraph.segment.internal.SegmentMembership;
import io.membergraph.segment.internal.SegmentPopulation;
import io.membergraph.segment.internal.SegmentQueryParser;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.Connection;
import io.membergraph.shared.DurationSetting;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.PageRequest;
import io.membergraph.shared.RefusedException;
import io.membergraph.store.Lookups;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Saved segments: defined and changed by CRM specialists and admins, read (with their members masked) by
 * marketers too. Saving or changing a segment evaluates it; evaluations also run on demand and on a schedule,
 * and each adds to the segment's size history.
 */
@Service
public class SavedSegments {

	private static final Log log = LogFactory.getLog(SavedSegments.class);

	static final int MAX_NAME = 100;

	private final MongoTemplate mongo;

	private final SegmentPopulation population;

	private final BusinessCalendar calendar;

	private final Caller caller;

	private final Clock clock;

	private final SegmentMemberships memberships;

	SavedSegments(MongoTemplate mongo, SegmentPopulation population, BusinessCalendar calendar, Caller caller,
			Clock clock, SegmentMemberships memberships,
			@Value("${membergraph.segments.evaluation-interval:PT1H}") Duration evaluationInterval) {
		// Every segment evaluated over all members: more often than a minute and it never stops.
		DurationSetting.within("membergraph.segments.evaluation-interval", evaluationInterval, Duration.ofMinutes(1),
				Duration.ofDays(7));
		this.memberships = memberships;
		this.mongo = mongo;
		this.population = population;
		this.calendar = calendar;
		this.caller = caller;
		this.clock = clock;
	}

	public record SegmentInput(String name, String description, String query) {
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public Segment save(SegmentInput input) {
		SegmentInput checked = checked(input);
		Instant now = clock.instant();
		Segment segment = new Segment(new ObjectId().toHexString(), checked.name(), checked.description(), checked.query(),
				caller.name(), now, now, null, null, null, null, List.of());
		try {
			mongo.insert(segment);
		}
		catch (DuplicateKeyException taken) {
			throw new RefusedException("SEGMENT_NAME_TAKEN", "name", "a segment named '" + checked.name() + "' exists already");
		}
		return evaluate(segment);
	}

	/**
	 * Saves segments as given, for demo data: each checked as {@link #save} checks it, and evaluated before the
	 * service reports ready ({@link #evaluateThoseNeverEvaluated}), over read models warm by then. The caller vouches
	 * for the names being free.
	 */
	public List<Segment> saveAll(List<SegmentInput> inputs, String createdBy) {
		Instant now = clock.instant();
		List<Segment> saved = new ArrayList<>();
		for (SegmentInput input : inputs) {
			SegmentInput checked = checked(input);
			saved.add(mongo.insert(new Segment(new ObjectId().toHexString(), checked.name(), checked.description(),
					checked.query(), createdBy, now, now, null, null, null, null, List.of())));
		}
		return saved;
	}

	/**
	 * Evaluates every segment never evaluated: one saved in bulk, or one whose save a crash cut short between writing
	 * it and evaluating it. A campaign launches only to an evaluated segment.
	 *
	 * @return how many were evaluated
	 */
	public int evaluateThoseNeverEvaluated() {
		List<Segment> never = mongo.find(Query.query(Criteria.where("evaluation").is(null)), Segment.class);
		never.forEach(this::evaluate);
		return never.size();
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public Segment update(String id, SegmentInput input) {
		existing(id);
		SegmentInput checked = checked(input);
		// Only the definition is written: an evaluation finishing meanwhile keeps its members and sizes.
		Update definition = new Update().set("name", checked.name()).set("description", checked.description())
			.set("query", checked.query()).set("updatedAt", clock.instant());
		try {
			if (mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), definition, Segment.class).getMatchedCount() == 0) {
				throw new RefusedException("SEGMENT_NOT_FOUND", "id", "no segment '" + id + "'");
			}
		}
		catch (DuplicateKeyException taken) {
			throw new RefusedException("SEGMENT_NAME_TAKEN", "name", "a segment named '" + checked.name() + "' exists already");
		}
		return evaluate(existing(id));
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public String delete(String id) {
		Segment segment = existing(id);
		mongo.remove(Query.query(Criteria.where("_id").is(id)), Segment.class);
		memberships.drop(segment.evaluation());
		return segment.id();
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public List<Segment> all() {
		return mongo.find(new Query().with(Sort.by("name")), Segment.class);
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public Segment byId(String id) {
		return mongo.findById(InvalidInputException.requireText("id", id), Segment.class);
	}

	/** Those of the segments that exist, by id, in one read (a page of campaigns and their targets). */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public Map<String, Segment> byIds(Collection<String> ids) {
		Map<String, Segment> found = new HashMap<>();
		if (!ids.isEmpty()) {
			mongo.find(Lookups.byIds(ids), Segment.class).forEach(segment -> found.put(segment.id(), segment));
		}
		return found;
	}

	/** Evaluates the segment now; its members and size history change. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public Segment reevaluate(String id) {
		return evaluate(existing(id));
	}

	/** The members of the segment's latest evaluation, member ids ascending. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public Connection<String> members(String id, PageRequest page) {
		Segment segment = existing(id);
		List<String> fetched = new ArrayList<>();
		String after = page.after() == null ? null : page.after().key(0);
		for (SegmentMembership chunk : memberships.chunksOf(segment)) {
			for (String memberId : chunk.memberIds()) {
				if ((after == null || memberId.compareTo(after) > 0) && fetched.size() < page.fetchSize()) {
					fetched.add(memberId);
				}
			}
			if (fetched.size() >= page.fetchSize()) {
				break;
			}
		}
		return Connection.of(fetched, page, memberId -> io.membergraph.shared.Cursor.of(memberId).encode());
	}

	/** Every segment evaluated again, keeping their size histories; on the schedule set by the property. */
	@Scheduled(initialDelayString = "${membergraph.segments.evaluation-interval:PT1H}",
			fixedDelayString = "${membergraph.segments.evaluation-interval:PT1H}")
	public void evaluateAll() {
		for (Segment segment : mongo.findAll(Segment.class)) {
			try {
				// Read again: the run is long, and a segment changed or deleted since the list was read is taken as it is.
				Segment current = mongo.findById(segment.id(), Segment.class);
				if (current != null) {
					evaluate(current);
				}
			}
			catch (RuntimeException ex) {
				log.warn("Segment " + segment.id() + " could not be evaluated: " + ex.getMessage());
			}
		}
	}

	/**
	 * Writes the members of a new evaluation, then points the segment to it, then drops the previous one: a
	 * reader sees the old members or the new, never a mix.
	 */
	Segment evaluate(Segment segment) {
		LocalDate today = calendar.dayOf(clock.instant());
		List<String> selected = new ArrayList<>(
				population.select(today, SegmentQueryParser.parse(segment.query()), new ArrayList<>()));
		selected.sort(null);
		String evaluation = segment.id() + "|" + new ObjectId().toHexString();
		List<SegmentMembership> chunks = new ArrayList<>();
		for (int from = 0, chunk = 0; from < selected.size(); from += SegmentMembership.CHUNK_SIZE, chunk++) {
			chunks.add(new SegmentMembership(SegmentMembership.idOf(evaluation, chunk), evaluation, chunk,
					List.copyOf(selected.subList(from, Math.min(selected.size(), from + SegmentMembership.CHUNK_SIZE)))));
		}
		if (!chunks.isEmpty()) {
			mongo.insert(chunks, SegmentMembership.class);
		}
		Instant now = clock.instant();
		List<Segment.Size> sizes = new ArrayList<>(segment.sizes() == null ? List.of() : segment.sizes());
		sizes.add(new Segment.Size(now, today, selected.size()));
		if (sizes.size() > Segment.MAX_SIZES) {
			sizes = sizes.subList(sizes.size() - Segment.MAX_SIZES, sizes.size());
		}
		// Guarded by the evaluation and the definition read: a segment changed, evaluated or deleted meanwhile keeps
		// what it has (an update evaluates the new definition itself), and this evaluation's members go.
		Query asRead = Query.query(Criteria.where("_id").is(segment.id()).and("evaluation").is(segment.evaluation())
			.and("query").is(segment.query()));
		Update outcome = new Update().set("evaluation", evaluation).set("evaluatedAt", now).set("evaluatedOn", today)
			.set("members", selected.size()).set("sizes", List.copyOf(sizes));
		if (mongo.updateFirst(asRead, outcome, Segment.class).getModifiedCount() == 0) {
			memberships.drop(evaluation);
			return existing(segment.id());
		}
		memberships.drop(segment.evaluation());
		return mongo.findById(segment.id(), Segment.class);
	}

	Segment existing(String id) {
		Segment segment = mongo.findById(InvalidInputException.requireText("id", id), Segment.class);
		if (segment == null) {
			throw new RefusedException("SEGMENT_NOT_FOUND", "id", "no segment '" + id + "'");
		}
		return segment;
	}

	private static SegmentInput checked(SegmentInput input) {
		InvalidInputException.require("input", input);
		String name = InvalidInputException.oneLine("name", InvalidInputException.requireText("name", input.name()),
				MAX_NAME);
		String query = InvalidInputException.requireText("query", input.query()).strip();
		SegmentQueryParser.parse(query);
		String description = input.description() == null || input.description().isBlank() ? null
				: InvalidInputException.paragraph("description", input.description().strip(), 1_000);
		return new SegmentInput(name, description, query);
	}

}
