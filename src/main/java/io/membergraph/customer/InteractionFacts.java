package io.membergraph.customer;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.membergraph.customer.internal.ColumnView;
import io.membergraph.customer.internal.InteractionColumns;
import io.membergraph.customer.internal.TimeColumns;
import io.membergraph.engagement.Interaction;
import io.membergraph.engagement.InteractionType;
import io.membergraph.shared.Channel;
import io.membergraph.shared.SettingOutOfBounds;
import io.membergraph.shared.WarmUp;
import io.membergraph.store.ChangeStampedViews;
import io.membergraph.store.ValueDictionary;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Every interaction in brief, for features that select members by what they did (segments) and for interaction
 * analytics (funnels, satisfaction). Kept in memory in time order, in columns ({@link ColumnView}), so a window
 * of days is a slice, not a scan: the monthly rollups cannot answer a window of days.
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

	/** Reads what a funnel needs of an interaction: who, when, what and where. */
	@FunctionalInterface
	public interface StepReader {

		/**
		 * @param memberId the member, or null for an anonymous visitor
		 * @param visitorId the visitor, if the client recorded one
		 * @param millis when, in epoch milliseconds
		 */
		void step(String memberId, String visitorId, long millis, InteractionType type, Channel channel);

	}

	private static final String[] LOWER_CASE = Arrays.stream(InteractionType.values())
		.map(t -> t.name().toLowerCase(Locale.ROOT))
		.toArray(String[]::new);

	/** What the view reads of each interaction. */
	static final String[] FIELDS = { "memberId", "visitorId", "occurredAt", "type", "channel", "campaignId", "sku",
			"score", "properties.resolvedAt", "properties.storeId", "changedAt" };

	/** Interactions as the view keeps them: by when they occurred. */
	static final ColumnView.Kind<Document, Event, InteractionColumns> KIND = new ColumnView.PlainKind<>("occurredAt",
			"changedAt") {

		@Override
		public Event recordOf(Document interaction) {
			return eventOf(interaction);
		}

		@Override
		public InteractionColumns.Builder builder(int expected, ValueDictionary dictionary) {
			return new InteractionColumns.Builder(expected, dictionary);
		}

	};

	private final ColumnView<Document, Event, InteractionColumns> all;

	InteractionFacts(ChangeStampedViews views, @Value("${membergraph.views.interactions-fold-at:50000}") int foldAt) {
		if (foldAt < 1) {
			throw new SettingOutOfBounds("membergraph.views.interactions-fold-at", "at least 1", foldAt);
		}
		this.all = new ColumnView<>(views.plainFeed(Interaction.class, "changedAt", FIELDS), KIND, foldAt);
	}

	/**
	 * The event of a stored interaction, read from the document as stored (the view reads hundreds of thousands at
	 * start-up, and mapping each to the entity first was a third of the read for the demo data): enums by name, instants as dates,
	 * properties as the strings, numbers and booleans {@code recordInteraction} accepts.
	 */
	static Event eventOf(Document i) {
		Document properties = i.get("properties", Document.class);
		Object resolved = properties == null ? null : properties.get("resolvedAt");
		Object store = properties == null ? null : properties.get("storeId");
		String channel = i.getString("channel");
		Object score = i.get("score");
		return new Event(i.getString("memberId"), i.getString("visitorId"), i.getDate("occurredAt").toInstant(),
				InteractionType.valueOf(i.getString("type")), channel == null ? null : Channel.valueOf(channel),
				i.getString("campaignId"), i.getString("sku"), score == null ? null : ((Number) score).intValue(),
				resolved == null ? null : instantOrNull(resolved.toString()), store == null ? null : store.toString());
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
		boolean[] wanted = new boolean[LOWER_CASE.length];
		for (int type = 0; type < LOWER_CASE.length; type++) {
			wanted[type] = types.isEmpty() || types.stream().anyMatch(LOWER_CASE[type]::equalsIgnoreCase);
		}
		all.current().forEach(TimeColumns.millis(from), Long.MAX_VALUE,
				InteractionColumns.wanted((type, member) -> member && (types.isEmpty() || type >= 0 && wanted[type])), each);
	}

	/** Hands every interaction, members' and visitors', that occurred in [{@code from}, {@code to}) to {@code each}, oldest first. */
	public void between(Instant from, Instant to, Consumer<Event> each) {
		all.current().forEach(TimeColumns.millis(from), TimeColumns.millis(to), ColumnView.all(), each);
	}

	/**
	 * Hands every interaction of the given types, members' and visitors', that occurred in [{@code from},
	 * {@code to}) to {@code each}, oldest first; rows of other types are passed over undecoded.
	 */
	public void between(Instant from, Instant to, Collection<InteractionType> types, Consumer<Event> each) {
		boolean[] wanted = wanted(types);
		all.current().forEach(TimeColumns.millis(from), TimeColumns.millis(to),
				InteractionColumns.wanted((type, member) -> type >= 0 && wanted[type]), each);
	}

	/**
	 * Hands every interaction of the given types, members' and visitors', that occurred in [{@code from},
	 * {@code to}) to {@code each}, oldest first. Decodes only the fields a step has: a funnel reads hundreds of
	 * thousands of interactions, and making each a whole {@link Event} was most of its time.
	 */
	public void steps(Instant from, Instant to, Collection<InteractionType> types, StepReader each) {
		boolean[] wanted = wanted(types);
		all.current().visit(TimeColumns.millis(from), TimeColumns.millis(to), InteractionColumns.steps(wanted, each));
	}

	private static boolean[] wanted(Collection<InteractionType> types) {
		boolean[] wanted = new boolean[LOWER_CASE.length];
		types.forEach(type -> wanted[type.ordinal()] = true);
		return wanted;
	}

	@Override
	public void warm() {
		all.current();
	}

}
