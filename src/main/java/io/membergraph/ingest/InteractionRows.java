package io.membergraph.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Interaction rows, cleaned as they are read and recorded in batches ({@link InteractionLog#recordAll}) with the
 * outcome recording each through the API gives. A row without an event id gets one derived from its content, so
 * importing the same export again records nothing twice; a batch cut short by a crash is read again on resume and
 * finds its events recorded.
 */
final class InteractionRows implements RowSink {

	/** A cleaned row waiting for its batch. */
	private record Pending(SourceRow row, RecordInteractionInput input) {
	}

	private final InteractionLog interactions;

	private final MemberReference memberReference;

	private final FieldMapping mapping;

	private final Cleaning cleaning;

	private final int batchRows;

	private final boolean dryRun;

	private final List<Pending> pending = new ArrayList<>();

	InteractionRows(InteractionLog interactions, MemberDirectory members, ImportSpec spec, int batchRows,
			boolean dryRun) {
		this.interactions = interactions;
		this.memberReference = new MemberReference(members, spec.mapping());
		this.mapping = spec.mapping();
		this.cleaning = spec.cleaning();
		this.batchRows = batchRows;
		this.dryRun = dryRun;
	}

	@Override
	public List<Settled> accept(SourceRow row) {
		RecordInteractionInput input;
		try {
			input = clean(row);
		}
		catch (InvalidInputException ex) {
			return List.of(Settled.rejected(row, mapping, ex.field(), ex.reason()));
		}
		if (dryRun) {
			return List.of(Settled.as(row, RowOutcome.LOADED));
		}
		pending.add(new Pending(row, input));
		return pending.size() >= batchRows ? flush() : List.of();
	}

	@Override
	public List<Settled> finish() {
		return pending.isEmpty() ? List.of() : flush();
	}

	@Override
	public long heldFrom() {
		return pending.isEmpty() ? Long.MAX_VALUE : pending.get(0).row().number();
	}

	private RecordInteractionInput clean(SourceRow row) {
		Channel channel = Cleaning.channel("channel", mapping.value(row, "channel"));
		InteractionType type = type(mapping.value(row, "type"));
		// A member id is looked up with the batch; a phone or a channel account finds its member here.
		String memberId = Cleaning.text(mapping.value(row, "memberId"));
		if (memberId == null) {
			memberId = memberReference.memberOf(row, channel);
		}
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
		return new RecordInteractionInput(eventId != null ? eventId : derived, memberId, visitor, channel, type, at, sku,
				campaign, score, Map.of());
	}

	private List<Settled> flush() {
		List<InteractionPayload> recorded = interactions.recordAll(pending.stream().map(Pending::input).toList());
		List<Settled> settled = new ArrayList<>(pending.size());
		for (int i = 0; i < pending.size(); i++) {
			SourceRow row = pending.get(i).row();
			InteractionPayload outcome = recorded.get(i);
			if (!outcome.errors().isEmpty()) {
				settled.add(Settled.rejected(row, mapping, outcome.errors().get(0).field(), outcome.errors().get(0).message()));
			}
			else {
				settled.add(Settled.as(row, outcome.replayed() ? RowOutcome.DUPLICATE : RowOutcome.LOADED));
			}
		}
		pending.clear();
		return settled;
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
