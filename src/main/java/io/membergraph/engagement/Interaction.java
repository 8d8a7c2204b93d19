package io.membergraph.engagement;

import java.time.Instant;
import java.util.Map;

import io.membergraph.shared.Channel;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Something a member (or an anonymous visitor) did with the brand. The id is the client's event id when it
 * sends one, so a resent event is recorded once.
 *
 * @param score the answer of a survey response, 0 to 10
 * @param rollupPending true from the write until the member's monthly counts include the interaction; the
 * recovery sweep finishes what a crash interrupted (indexed sparse: unset once rolled up, so the index holds only the
 * few pending)
 * @param changedAt when the interaction was last written (recorded, or moved to a surviving member), so the
 * in-memory view of interactions reloads only what changed
 */
@Document("interactions")
@CompoundIndex(name = "member_time", def = "{'memberId': 1, 'occurredAt': -1}")
@CompoundIndex(name = "type_time", def = "{'type': 1, 'occurredAt': -1}")
public record Interaction(@Id String id, String memberId, String visitorId, Channel channel, InteractionType type,
		Instant occurredAt, String sku, String campaignId, Integer score, Map<String, Object> properties,
		Instant recordedAt, @Indexed(sparse = true) Boolean rollupPending, @Indexed Instant changedAt) {

	/** The same interaction of another member: the survivor, when the given member was merged away. */
	Interaction forMember(String id) {
		return new Interaction(this.id, id, visitorId, channel, type, occurredAt, sku, campaignId, score, properties,
				recordedAt, rollupPending, changedAt);
	}

	Interaction withRollupPending(Boolean pending) {
		return new Interaction(id, memberId, visitorId, channel, type, occurredAt, sku, campaignId, score, properties,
				recordedAt, pending, changedAt);
	}

	/** This interaction stamped as written at {@code at}; every write of an interaction sets {@code changedAt}. */
	Interaction changedAt(Instant at) {
		return new Interaction(id, memberId, visitorId, channel, type, occurredAt, sku, campaignId, score, properties,
				recordedAt, rollupPending, at);
	}

}
