package io.membergraph.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

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

	private final InteractionLog interactions;

	private final MemberReference memberReference;

	private final FieldMapping mapping;

	private final Cleaning cleaning;

	private final boolean dryRun;

	InteractionRows(InteractionLog interactions, MemberDirectory members, ImportSpec spec, boolean dryRun) {
		super(spec.mapping());
		this.interactions = interactions;
		this.memberReference = new MemberReference(members, spec.mapping());
		this.mapping = spec.mapping();
		this.cleaning = spec.cleaning();
		this.dryRun = dryRun;
	}

	@Override
	RowOutcome load(SourceRow row) {
		Channel channel = Cleaning.channel("channel", mapping.value(row, "channel"));
		InteractionType type = type(mapping.value(row, "type"));
		String memberId = memberReference.memberOf(row, channel);
		String eventId = Cleaning.text(mapping.value(row, "eventId"));
		java.time.Instant at = InvalidInputException.require("occurredAt",
				cleaning.dateTime("occurredAt", mapping.value(row, "occurredAt")));
		String visitor = Cleaning.text(mapping.value(row, "visitorId"));
		String sku = Cleaning.text(mapping.value(row, "sku"));
		String campaign = Cleaning.text(mapping.value(row, "campaignId"));
		Integer score = Cleaning.integer("score", mapping.value(row, "score"));
		// Without an event id, the event is named by what it says, so the same event imported again is a replay.
		String derived = "import-" + Digests.sha256Hex(String.join("|", String.valueOf(memberId), String.valueOf(visitor),
				channel.name(), type.name(), at.toString(), String.valueOf(sku), String.valueOf(campaign),
				String.valueOf(score))).substring(0, 32);
		RecordInteractionInput input = new RecordInteractionInput(eventId != null ? eventId : derived, memberId, visitor,
				channel, type, at, sku, campaign, score, Map.of());
		if (dryRun) {
			return RowOutcome.LOADED;
		}
		InteractionPayload recorded = interactions.record(input);
		if (!recorded.errors().isEmpty()) {
			throw new InvalidInputException(recorded.errors().get(0).field(), recorded.errors().get(0).message());
		}
		return recorded.replayed() ? RowOutcome.DUPLICATE : RowOutcome.LOADED;
	}

	/**
	 * An interaction type as exports write it: {@code add_to_cart}, {@code Add To Cart}, {@code ADD-TO-CART},
	 * {@code addtocart}. Other names (a log's {@code view} or {@code transaction}) are translated by the mapping.
	 */
	static InteractionType type(String value) {
		String text = InvalidInputException.requireText("type", value);
		String name = text.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
		for (InteractionType type : InteractionType.values()) {
			if (type.name().replace("_", "").equals(name)) {
				return type;
			}
		}
		throw new InvalidInputException("type", "'" + text + "' is not an interaction type "
				+ Arrays.toString(InteractionType.values()) + "; translate the file's own names in the mapping, e.g. "
				+ "{\"type\": {\"column\": \"event\", \"values\": {\"view\": \"BROWSE\"}}}");
	}

}
