package io.membergraph.engagement;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.membergraph.shared.Channel;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Members' interactions in a time window, for features that select members by what they did (segments). Read
 * from the interactions themselves by time (indexed by type and time on MongoDB): the monthly rollups cannot
 * answer a window of days.
 */
@Service
public class InteractionFacts {

	/** One interaction of a member, without its details. */
	public record Event(String memberId, Instant occurredAt, String type, Channel channel) {
	}

	private final MongoTemplate mongo;

	InteractionFacts(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Hands each member interaction that occurred at or after {@code from} to {@code each}; only those of the
	 * given types (lower case, as in {@code add_to_cart}) unless {@code types} is empty.
	 */
	public void since(Instant from, List<String> types, Consumer<Event> each) {
		Criteria window = Criteria.where("occurredAt").gte(from).and("memberId").ne(null);
		if (!types.isEmpty()) {
			window = window.and("type").in(types.stream().map(t -> InteractionType.valueOf(t.toUpperCase())).toList());
		}
		Query query = Query.query(window);
		query.fields().include("memberId", "occurredAt", "type", "channel");
		query.cursorBatchSize(1_000);
		try (Stream<Interaction> found = mongo.stream(query, Interaction.class)) {
			found.forEach(i -> each.accept(new Event(i.memberId(), i.occurredAt(), i.type().name().toLowerCase(), i.channel())));
		}
	}

}
