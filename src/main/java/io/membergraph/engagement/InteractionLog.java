package io.membergraph.engagement;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Connection;
import io.membergraph.shared.Cursor;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.PageRequest;
import io.membergraph.shared.TimeBounds;
import io.membergraph.shared.UserError;
import io.membergraph.store.Lookups;
import io.membergraph.store.RecordDocuments;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Records interactions and reads each member's interactions, newest first. */
@Service
public class InteractionLog {

	static final int MAX_PROPERTIES = 50;

	/** A property is a fact about the event (a page, a search term, a coupon), not a document. */
	static final int MAX_PROPERTY_LENGTH = 1_000;

	private static final BigDecimal MAX_PROPERTY_NUMBER = BigDecimal.TEN.pow(15);

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-.:]{1,100}");

	private static final Pattern PROPERTY_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

	private final MongoTemplate mongo;

	private final RecordDocuments documents;

	private final MemberDirectory members;

	private final InteractionRollups rollups;

	private final Clock clock;

	InteractionLog(MongoTemplate mongo, MemberDirectory members, InteractionRollups rollups, Clock clock,
			RecordDocuments documents) {
		this.mongo = mongo;
		this.documents = documents;
		this.members = members;
		this.rollups = rollups;
		this.clock = clock;
	}

	public record RecordInteractionInput(String eventId, String memberId, String visitorId, Channel channel,
			InteractionType type, Instant occurredAt, String sku, String campaignId, Integer score,
			Map<String, Object> properties) {
	}

	public record InteractionPayload(Interaction interaction, boolean replayed, List<UserError> errors) {
	}

	@PreAuthorize("hasAnyRole('ADMIN','STOREFRONT','CRM_SPECIALIST','SUPPORT')")
	public InteractionPayload record(RecordInteractionInput input) {
		Interaction given = validated(input);
		Interaction interaction = given;
		if (given.memberId() != null) {
			String current = members.currentId(given.memberId()).orElse(null);
			if (current == null) {
				return new InteractionPayload(null, false,
						List.of(new UserError("MEMBER_NOT_FOUND", "No member with id '" + given.memberId() + "'", "memberId")));
			}
			interaction = given.forMember(current);
		}
		try {
			Interaction recorded = mongo.insert(interaction);
			rollups.roll(recorded);
			return new InteractionPayload(recorded.withRollupPending(null), false, List.of());
		}
		catch (DuplicateKeyException resent) {
			Interaction earlier = mongo.findById(interaction.id(), Interaction.class);
			if (Boolean.TRUE.equals(earlier.rollupPending())) {
				rollups.roll(earlier);
			}
			return new InteractionPayload(earlier.withRollupPending(null), true, List.of());
		}
	}

	private Interaction validated(RecordInteractionInput input) {
		String memberId = blankToNull(input.memberId());
		String visitorId = blankToNull(input.visitorId());
		if (memberId == null && visitorId == null) {
			throw new InvalidInputException("memberId", "either memberId or visitorId is required");
		}
		if (visitorId != null) {
			InvalidInputException.oneLine("visitorId", visitorId, 100);
		}
		InvalidInputException.require("channel", input.channel());
		InteractionType type = InvalidInputException.require("type", input.type());
		Instant now = clock.instant();
		Instant occurredAt = input.occurredAt() == null ? now : input.occurredAt().truncatedTo(ChronoUnit.MILLIS);
		if (occurredAt.isAfter(now.plusSeconds(300))) {
			throw new InvalidInputException("occurredAt", "is in the future");
		}
		if (occurredAt.isBefore(TimeBounds.EARLIEST)) {
			// A 1970 from a Unix time of 0 or an empty field read as one is a broken export, not an old visit.
			throw new InvalidInputException("occurredAt", "is before " + TimeBounds.EARLIEST + ", the earliest date kept");
		}
		Integer score = input.score();
		if (type == InteractionType.SURVEY_RESPONSE && score == null) {
			throw new InvalidInputException("score", "is required for a survey response");
		}
		if (score != null && (score < 0 || score > 10)) {
			throw new InvalidInputException("score", "must be between 0 and 10");
		}
		String id = input.eventId() == null ? UUID.randomUUID().toString() : input.eventId().strip();
		if (!ID.matcher(id).matches()) {
			throw new InvalidInputException("eventId", "must be 1-100 letters, digits or _-.:");
		}
		return new Interaction(id, memberId, visitorId, input.channel(), type, occurredAt,
				InvalidInputException.oneLine("sku", blankToNull(input.sku()), 64),
				InvalidInputException.oneLine("campaignId", blankToNull(input.campaignId()), 64), score,
				properties(input.properties()), now, memberId != null ? Boolean.TRUE : null, now);
	}

	/**
	 * Property keys become field names in MongoDB, so they are plain identifiers: no {@code $}, no dots. Values are
	 * flat: a text keeps the rules of every text of the API (line breaks allowed), a number is a whole number or a
	 * decimal of at most 10^15 in size, as a double holds it exactly enough to compare and sum; a number beyond is a
	 * mistake, and one beyond a long could not even be stored.
	 */
	private static Map<String, Object> properties(Map<String, Object> properties) {
		if (properties == null) {
			return Map.of();
		}
		if (properties.size() > MAX_PROPERTIES) {
			throw new InvalidInputException("properties", "hold at most " + MAX_PROPERTIES + " entries");
		}
		Map<String, Object> checked = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : properties.entrySet()) {
			String key = entry.getKey();
			if (!PROPERTY_KEY.matcher(key).matches()) {
				throw new InvalidInputException("properties", "key '" + (key.length() > 40 ? key.substring(0, 40) + "…" : key)
						+ "' must start with a letter and hold at most 40 letters, digits and _");
			}
			checked.put(key, propertyValue("properties." + key, entry.getValue()));
		}
		return checked;
	}

	private static Object propertyValue(String field, Object value) {
		if (value == null || value instanceof Boolean) {
			return value;
		}
		if (value instanceof String text) {
			return InvalidInputException.paragraph(field, text, MAX_PROPERTY_LENGTH);
		}
		if (value instanceof Number number) {
			return propertyNumber(field, number);
		}
		throw new InvalidInputException(field, "must be a string, number or boolean");
	}

	private static Number propertyNumber(String field, Number number) {
		BigDecimal exact = new BigDecimal(number.toString());
		if (exact.abs().compareTo(MAX_PROPERTY_NUMBER) > 0) {
			throw new InvalidInputException(field, "must be between -10^15 and 10^15");
		}
		return exact.stripTrailingZeros().scale() <= 0 ? (Number) exact.longValueExact() : (Number) exact.doubleValue();
	}

	/**
	 * {@link #record} for a batch, as imports send them, with the same outcome per input: one read for the events
	 * recorded before, one insert and one bulk update of the members' months instead of a round of each per event.
	 * Inserted with their rollup pending and cleared once the months are written, as one recorded alone is, so a
	 * batch cut short is completed by the recovery sweep. Invalid input is that input's error (code
	 * {@code INVALID_INPUT}, naming the field), not the batch's.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST') or hasAuthority('IMPORT_JOB')")
	public List<InteractionPayload> recordAll(List<RecordInteractionInput> inputs) {
		InteractionPayload[] outcomes = new InteractionPayload[inputs.size()];
		Interaction[] valid = new Interaction[inputs.size()];
		Set<String> named = new HashSet<>();
		for (int i = 0; i < inputs.size(); i++) {
			try {
				valid[i] = validated(inputs.get(i));
				if (valid[i].memberId() != null) {
					named.add(valid[i].memberId());
				}
			}
			catch (InvalidInputException ex) {
				outcomes[i] = new InteractionPayload(null, false,
						List.of(new UserError("INVALID_INPUT", ex.reason(), ex.field())));
			}
		}
		Map<String, String> current = named.isEmpty() ? Map.of() : members.currentIds(named);
		Map<String, Interaction> recordedBefore = new HashMap<>();
		List<String> ids = Arrays.stream(valid).filter(Objects::nonNull).map(Interaction::id).distinct().toList();
		mongo.find(Lookups.byIds(ids), Interaction.class).forEach(i -> recordedBefore.put(i.id(), i));
		Map<String, Interaction> fresh = new LinkedHashMap<>();
		for (int i = 0; i < valid.length; i++) {
			Interaction interaction = valid[i];
			if (interaction == null) {
				continue;
			}
			if (interaction.memberId() != null) {
				String memberId = current.get(interaction.memberId());
				if (memberId == null) {
					outcomes[i] = new InteractionPayload(null, false, List.of(new UserError("MEMBER_NOT_FOUND",
							"No member with id '" + interaction.memberId() + "'", "memberId")));
					continue;
				}
				interaction = interaction.forMember(memberId);
			}
			Interaction earlier = recordedBefore.getOrDefault(interaction.id(), fresh.get(interaction.id()));
			if (earlier != null) {
				outcomes[i] = new InteractionPayload(earlier.withRollupPending(null), true, List.of());
			}
			else {
				fresh.put(interaction.id(), interaction);
				outcomes[i] = new InteractionPayload(interaction.withRollupPending(null), false, List.of());
			}
		}
		recordedBefore.values().stream().filter(i -> Boolean.TRUE.equals(i.rollupPending())).forEach(rollups::roll);
		Set<String> recordedMeanwhile = insertFresh(List.copyOf(fresh.values()));
		for (int i = 0; i < outcomes.length; i++) {
			InteractionPayload outcome = outcomes[i];
			if (outcome.interaction() != null && !outcome.replayed()
					&& recordedMeanwhile.contains(outcome.interaction().id())) {
				outcomes[i] = new InteractionPayload(outcome.interaction(), true, List.of());
			}
		}
		return Arrays.asList(outcomes);
	}

	/** Why {@link #record} would refuse the input, writing nothing, for previews; empty when it would record it. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST') or hasAuthority('IMPORT_JOB')")
	public Optional<UserError> refusal(RecordInteractionInput input) {
		Interaction interaction;
		try {
			interaction = validated(input);
		}
		catch (InvalidInputException ex) {
			return Optional.of(new UserError("INVALID_INPUT", ex.reason(), ex.field()));
		}
		if (interaction.memberId() != null && members.currentId(interaction.memberId()).isEmpty()) {
			return Optional.of(new UserError("MEMBER_NOT_FOUND", "No member with id '" + interaction.memberId() + "'",
					"memberId"));
		}
		return Optional.empty();
	}

	/**
	 * Inserts the interactions and rolls them into their months; returns the ids of those another client (an import
	 * of the same file beside this one, the API) recorded since they were looked up: theirs, rolled up by them.
	 */
	private Set<String> insertFresh(List<Interaction> fresh) {
		if (fresh.isEmpty()) {
			return Set.of();
		}
		Set<String> recordedMeanwhile = new HashSet<>();
		documents.insertNew(fresh, Interaction.class).forEach(i -> recordedMeanwhile.add(fresh.get(i).id()));
		List<Interaction> ours = fresh.stream().filter(i -> !recordedMeanwhile.contains(i.id())).toList();
		rollups.rollAll(ours);
		List<String> pending = ours.stream().filter(i -> Boolean.TRUE.equals(i.rollupPending())).map(Interaction::id).toList();
		for (int from = 0; from < pending.size(); from += 1_000) {
			mongo.updateMulti(Query.query(Criteria.where("_id").in(pending.subList(from, Math.min(pending.size(), from + 1_000)))),
					new Update().unset("rollupPending"), Interaction.class);
		}
		return recordedMeanwhile;
	}

	/** Inserts interactions as given, for demo data and imports. */
	public void insertAll(List<Interaction> interactions) {
		Instant now = clock.instant();
		List<Interaction> stamped = interactions.stream().map(i -> i.changedAt(now)).toList();
		documents.insert(stamped, Interaction.class);
		rollups.rollAll(stamped);
	}

	/** A page of one member's interactions, optionally of some types only. */
	public record MemberInteractionsPage(String memberId, Set<InteractionType> types, PageRequest page) {
	}

	/** The requested pages for many members with one query. */
	public Map<MemberInteractionsPage, Connection<Interaction>> pagesFor(Set<MemberInteractionsPage> requests) {
		Set<String> memberIds = requests.stream().map(MemberInteractionsPage::memberId).collect(Collectors.toSet());
		Query query = Query.query(Criteria.where("memberId").in(memberIds))
			.with(Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("_id")));
		Map<String, List<Interaction>> byMember = mongo.find(query, Interaction.class)
			.stream()
			.collect(Collectors.groupingBy(Interaction::memberId));
		Map<MemberInteractionsPage, Connection<Interaction>> pages = new HashMap<>();
		for (MemberInteractionsPage request : requests) {
			List<Interaction> rest = new ArrayList<>();
			for (Interaction interaction : byMember.getOrDefault(request.memberId(), List.of())) {
				if (request.types().isEmpty() || request.types().contains(interaction.type())) {
					if (request.page().after() == null
							|| request.page().after().precedesNewestFirst(interaction.occurredAt(), interaction.id())) {
						rest.add(interaction);
						if (rest.size() == request.page().fetchSize()) {
							break;
						}
					}
				}
			}
			pages.put(request, Connection.of(rest, request.page(),
					i -> Cursor.of(i.occurredAt(), i.id()).encode()));
		}
		return pages;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
