package io.membergraph.ingest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.membergraph.engagement.InteractionLog;
import io.membergraph.engagement.InteractionLog.InteractionPayload;
import io.membergraph.engagement.InteractionLog.RecordInteractionInput;
import io.membergraph.engagement.InteractionType;
import io.membergraph.ingest.internal.ImportCounts.RowOutcome;
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
public final class InteractionRows extends InBatches<InteractionRows.Pending> {

	/** A cleaned row waiting for its batch: everything but its member, which is found with the batch's. */
	record Pending(SourceRow row, MemberReference.Ref member, String eventId, String visitor, Channel channel,
			InteractionType type, Instant at, String sku, String campaign, Integer score) implements InBatches.Cleaned {

		/** The input to record for the member found; without an event id, one named by what the row says. */
		RecordInteractionInput input(String memberId) {
			String derived = "import-" + Digests.sha256Hex(String.join("|", String.valueOf(memberId),
					String.valueOf(visitor), channel.name(), type.name(), at.toString(), String.valueOf(sku),
					String.valueOf(campaign), String.valueOf(score))).substring(0, 32);
			return new RecordInteractionInput(eventId != null ? eventId : derived, memberId, visitor, channel, type, at,
					sku, campaign, score, Map.of());
		}

	}

	private final InteractionLog interactions;

	private final MemberReference memberReference;

	private final FieldMapping mapping;

	private final Cleaning cleaning;

	private final Amounts amounts;

	InteractionRows(InteractionLog interactions, MemberDirectory members, ImportSpec spec, int batchRows,
			boolean dryRun) {
		super(spec.mapping(), batchRows, dryRun);
		this.interactions = interactions;
		this.mapping = spec.mapping();
		this.cleaning = spec.cleaning();
		this.memberReference = new MemberReference(members, spec.mapping(), cleaning);
		this.amounts = spec.amounts();
	}

	/** What recording the row would do, writing nothing: a preview reads a few rows, each on its own. */
	@Override
	Settled preview(Pending row) {
		MemberReference.Ref member = row.member();
		String memberId = member == null ? null : memberReference.resolve(List.of(member)).get(member);
		if (member != null && memberId == null) {
			return Settled.rejected(row.row(), mapping, member.field(), member.unknown());
		}
		return interactions.refusal(row.input(memberId))
			.map(refused -> Settled.rejected(row.row(), mapping, refused.field(), refused.message()))
			.orElseGet(() -> Settled.as(row.row(), RowOutcome.LOADED));
	}

	@Override
	Pending clean(SourceRow row) {
		Channel channel = Cleaning.channel("channel", mapping.value(row, "channel"));
		InteractionType type = type(mapping.value(row, "type"));
		Instant at = InvalidInputException.require("occurredAt",
				cleaning.dateTime("occurredAt", mapping.value(row, "occurredAt")));
		return new Pending(row, memberReference.of(row, channel),
				Cleaning.identifier("eventId", mapping.value(row, "eventId")),
				Cleaning.identifier("visitorId", mapping.value(row, "visitorId")), channel, type, at,
				Cleaning.identifier("sku", mapping.value(row, "sku")), Cleaning.text(mapping.value(row, "campaignId")),
				amounts.integer("score", mapping.value(row, "score")));
	}

	/**
	 * Records the batch: members found together (a phone or an account no member holds rejects its row here, a
	 * member id is checked as it is recorded), then every interaction in one {@link InteractionLog#recordAll}.
	 */
	@Override
	List<Settled> load(List<Pending> pending) {
		Map<MemberReference.Ref, String> found = memberReference.resolve(
				pending.stream().map(Pending::member).filter(Objects::nonNull).toList());
		Settled[] settled = new Settled[pending.size()];
		List<Integer> sent = new ArrayList<>();
		List<RecordInteractionInput> inputs = new ArrayList<>();
		for (int i = 0; i < pending.size(); i++) {
			Pending row = pending.get(i);
			String memberId = row.member() == null ? null : found.get(row.member());
			if (row.member() != null && memberId == null) {
				settled[i] = Settled.rejected(row.row(), mapping, row.member().field(), row.member().unknown());
				continue;
			}
			sent.add(i);
			inputs.add(row.input(memberId));
		}
		List<InteractionPayload> recorded = inputs.isEmpty() ? List.of() : interactions.recordAll(inputs);
		for (int k = 0; k < sent.size(); k++) {
			SourceRow row = pending.get(sent.get(k)).row();
			InteractionPayload outcome = recorded.get(k);
			settled[sent.get(k)] = outcome.errors().isEmpty()
					? Settled.as(row, outcome.replayed() ? RowOutcome.DUPLICATE : RowOutcome.LOADED)
					: Settled.rejected(row, mapping, outcome.errors().get(0).field(), outcome.errors().get(0).message());
		}
		return List.of(settled);
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
