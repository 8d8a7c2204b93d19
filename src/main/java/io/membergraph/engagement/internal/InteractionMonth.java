package io.membergraph.engagement.internal;

import java.util.List;
import java.util.Map;

import io.membergraph.engagement.InteractionType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One member's interactions in one calendar month (business time zone), by type: the ids of the events, so
 * adding one is an idempotent {@code $addToSet} and the count is the number of ids. Kept at write time so
 * "how active was this member, month by month" never scans the interactions.
 *
 * @param id {@code memberId|yyyy-MM}
 */
@Document("member_interaction_months")
public record InteractionMonth(@Id String id, @Indexed String memberId, String month,
		Map<InteractionType, List<String>> events) {

	public static String idOf(String memberId, String month) {
		return memberId + "|" + month;
	}

	/** Interactions of each type in the month. */
	public Map<InteractionType, Integer> counts() {
		Map<InteractionType, Integer> counts = new java.util.EnumMap<>(InteractionType.class);
		if (events != null) {
			events.forEach((type, ids) -> counts.put(type, ids.size()));
		}
		return counts;
	}

}
