package io.membergraph.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.membergraph.engagement.InteractionLog;
import io.membergraph.engagement.InteractionLog.InteractionPayload;
import io.membergraph.engagement.InteractionLog.RecordInteractionInput;
import io.membergraph.engagement.InteractionType;
import io.membergraph.ingest.ImportCounts.RowOutcome;
import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Digests;
import io.membergraph.shared.InvalidInputException;

/**
 * Interaction rows settle one by one, each recorded as the API records it. A row without an event id gets
 * one derived from its content, so importing the same export again records nothing twice.
 */
final class InteractionRows extends RowByRow {

	static final Set<String> FIELDS = Set.of("eventId", "memberId", "memberPhone", "memberExternalId", "visitorId",
			"channel", "type", "occurredAt", "sku", "campaignId", "score");

	private final InteractionLog interactions;

	private final MemberReference memberReference;

	private final ColumnMapping mapping;

	private final Cleaning cleaning;

	InteractionRows(InteractionLog interactions, MemberDirectory members, ColumnMapping mapping, Cleaning cleaning) {
		super(mapping);
		this.interactions = interactions;
		this.memberReference = new MemberReference(members, mapping);
		this.mapping = mapping;
		this.cleaning = cleaning;
	}

	@Override
	public Set<String> fields() {
		return FIELDS;
	}

	@Override
	RowOutcome load(SourceRow row) {
		Channel channel = Cleaning.channel("channel", mapping.value(row, "channel"));
		InteractionType type = type(mapping.value(row, "type"));
		String memberId = memberReference.memberOf(row, channel);
		String eventId = Cleaning.text(mapping.value(row, "eventId"));
		RecordInteractionInput input = new RecordInteractionInput(
				eventId != null ? eventId : "import-" + Digests.sha256Hex(row.values().toString()).substring(0, 32), memberId,
				Cleaning.text(mapping.value(row, "visitorId")), channel, type,
				InvalidInputException.require("occurredAt", cleaning.dateTime("occurredAt", mapping.value(row, "occurredAt"))),
				Cleaning.text(mapping.value(row, "sku")), Cleaning.text(mapping.value(row, "campaignId")),
				Cleaning.integer("score", mapping.value(row, "score")), Map.of());
		InteractionPayload recorded = interactions.record(input);
		if (!recorded.errors().isEmpty()) {
			throw new InvalidInputException(recorded.errors().get(0).field(), recorded.errors().get(0).message());
		}
		return recorded.replayed() ? RowOutcome.DUPLICATE : RowOutcome.LOADED;
	}

	/** An interaction type as exports write it: {@code add_to_cart}, {@code Add To Cart}, {@code ADD-TO-CART}. */
	private static InteractionType type(String value) {
		String text = InvalidInputException.requireText("type", value);
		String name = text.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
		try {
			return InteractionType.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("type", "'" + text + "' is not an interaction type "
					+ Arrays.toString(InteractionType.values()));
		}
	}

}
