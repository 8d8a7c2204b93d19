package io.membergraph.segment.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.customer.MemberPrediction;

/**
 * One member as a segment sees it: the fields of {@link SegmentField} and what the member did, days in the
 * business time zone. Null where the member has no value (no tier, no birth date).
 *
 * @param channels the join channel and every channel of the member's identities
 * @param consent granted or withdrawn, by consent channel name; a channel never asked is absent
 * @param orders the member's counted orders as of the evaluation day, oldest first
 */
public record SegmentMember(String id, String tier, String province, String city, LocalDate birthDate, String gender,
		LocalDate joined, String joinChannel, Set<String> channels, Set<String> tags, Map<String, Boolean> consent,
		Long pointsBalance, Long pointsExpiringSoon, String rfmSegment, String lifecycle,
		MemberPrediction prediction, List<OrderFact> orders, List<InteractionFact> interactions) {

	/**
	 * A counted order: its day (days since 1970-01-01), where it was placed, its spend net of refunds and what it
	 * held (empty when the condition asks for no product).
	 */
	public record OrderFact(long epochDay, String channel, String store, long netSpendMinor, Set<String> skus,
			Set<String> categories) {

		public OrderFact(LocalDate day, String channel, String store, long netSpendMinor, Set<String> skus,
				Set<String> categories) {
			this(day.toEpochDay(), channel, store, netSpendMinor, skus, categories);
		}

	}

	/** An interaction: its day (days since 1970-01-01), type and channel. */
	public record InteractionFact(long epochDay, String type, String channel) {

		public InteractionFact(LocalDate day, String type, String channel) {
			this(day.toEpochDay(), type, channel);
		}

	}

}
