package io.membergraph.customer;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.membergraph.engagement.Interaction;
import io.membergraph.engagement.InteractionType;
import io.membergraph.shared.Channel;
import io.membergraph.shared.WarmUp;
import io.membergraph.store.ChangeStampedViews;
import io.membergraph.store.TimeOrdered;
import org.springframework.stereotype.Service;

/**
 * Every interaction in brief, for features that select members by what they did (segments) and for interaction
 * analytics (funnels, satisfaction). Kept in memory as a change-stamped view and ordered by time, so a window of
 * days is a slice, not a scan: the monthly rollups cannot answer a window of days.
 */
@Service
public class InteractionFacts implements WarmUp {

	/**
	 * One interaction without its free properties.
	 *
	 * @param memberId the member, or null for an anonymous visitor
	 * @param resolvedAt for a complaint, when it was resolved, if the client recorded it (property {@code resolvedAt})
	 * @param storeId the store the interaction happened in, if the client recorded it (property {@code storeId}), e.g.
	 * where a member registered
	 */
	public record Event(String memberId, String visitorId, Instant occurredAt, InteractionType type, Channel channel,
			String campaignId, String sku, Integer score, Instant resolvedAt, String storeId) {

		/** The member, or else the anonymous visitor, prefixed so the two never collide. */
		public String actor() {
			return memberId != null ? memberId : "visitor:" + visitorId;
		}

		/** The type as the segment language and the analytics API spell it, e.g. {@code add_to_cart}. */
		public String typeName() {
			return LOWER_CASE[type.ordinal()];
		}

	}

	private static final String[] LOWER_CASE = Arrays.stream(InteractionType.values())
		.map(t -> t.name().toLowerCase(Locale.ROOT))
		.toArray(String[]::new);

	private static final String[] FIELDS = { "memberId", "visitorId", "occurredAt", "type", "channel", "campaignId", "sku",
			"score", "properties.resolvedAt", "properties.storeId", "changedAt" };

	/** Events of one instant keep the order they came in (a stable sort; later ones merged in after them). */
	private static final Comparator<Event> BY_TIME = Comparator.comparing(Event::occurredAt);

	private final TimeOrdered<Event> all;

	private final Map<String, String> sharedStrings = new ConcurrentHashMap<>();

	InteractionFacts(ChangeStampedViews views) {
		this.all = new TimeOrdered<>(views.of(Interaction.class, "changedAt", FIELDS, Interaction::id, this::eventOf),
				BY_TIME, event -> event.occurredAt().toEpochMilli(), Event[]::new);
	}

	private Event eventOf(Interaction i) {
		Object resolved = i.properties() == null ? null : i.properties().get("resolvedAt");
		Object store = i.properties() == null ? null : i.properties().get("storeId");
		return new Event(shared(i.memberId()), i.visitorId(), i.occurredAt(), i.type(), i.channel(), shared(i.campaignId()),
				shared(i.sku()), i.score(), resolved == null ? null : instantOrNull(resolved.toString()),
				store == null ? null : shared(store.toString()));
	}

	/**
	 * One copy of each member id, SKU, campaign and store: millions of events name the same few hundred thousand, and
	 * every read decodes a fresh string.
	 */
	private String shared(String value) {
		return value == null ? null : sharedStrings.computeIfAbsent(value, v -> v);
	}

	private static Instant instantOrNull(String text) {
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException notATime) {
			return null;
		}
	}

	/**
	 * Hands each member interaction that occurred at or after {@code from} to {@code each}; only those of the
	 * given types (lower case, as in {@code add_to_cart}) unless {@code types} is empty.
	 */
	public void since(Instant from, List<String> types, Consumer<Event> each) {
		Set<String> wanted = types.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
		between(from, Instant.MAX, event -> {
			if (event.memberId() != null && (wanted.isEmpty() || wanted.contains(event.typeName()))) {
				each.accept(event);
			}
		});
	}

	/** Hands every interaction, members' and visitors', that occurred in [{@code from}, {@code to}) to {@code each}, oldest first. */
	public void between(Instant from, Instant to, Consumer<Event> each) {
		all.current().between(from, to).forEach(each);
	}

	@Override
	public void warm() {
		all.current();
	}

}
