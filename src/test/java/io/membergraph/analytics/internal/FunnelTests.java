package io.membergraph.analytics.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.customer.InteractionFacts.Event;
import io.membergraph.engagement.InteractionType;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

import static io.membergraph.engagement.InteractionType.ADD_TO_CART;
import static io.membergraph.engagement.InteractionType.BROWSE;
import static io.membergraph.engagement.InteractionType.ORDER;
import static io.membergraph.engagement.InteractionType.VISIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Funnel visit → browse → add_to_cart → order with a 7-day window over six hand-made actors:
 * A does every step in order; B adds to cart before visiting; C browses only after the window; visitor v1 visits
 * and browses; visitor v2 visits and then browses as member D (one person); E browses without visiting.
 */
class FunnelTests {

	private static final List<InteractionType> STEPS = List.of(VISIT, BROWSE, ADD_TO_CART, ORDER);

	private static final List<Event> EVENTS = sorted(List.of(
			member("A", VISIT, "03-01T10:00:00", Channel.WEB), member("A", BROWSE, "03-01T10:05:00", Channel.WEB),
			member("A", ADD_TO_CART, "03-01T10:10:00", Channel.WEB), member("A", ORDER, "03-02T10:10:00", Channel.WEB),
			member("B", ADD_TO_CART, "03-01T09:00:00", Channel.WEB), member("B", VISIT, "03-01T10:00:00", Channel.WEB),
			member("B", BROWSE, "03-01T10:01:00", Channel.WEB),
			member("C", VISIT, "03-01T10:00:00", Channel.WEB), member("C", BROWSE, "03-10T10:00:00", Channel.WEB),
			visitor("v1", null, VISIT, "03-01T10:00:00"), visitor("v1", null, BROWSE, "03-01T10:02:00"),
			visitor("v2", null, VISIT, "03-01T10:00:00"), visitor("v2", "D", BROWSE, "03-01T10:01:00"),
			member("E", BROWSE, "03-01T10:00:00", Channel.WEB)));

	@Test
	void anOrderedFunnelCountsEachStepAfterThePreviousWithinTheWindow() {
		Funnel.Result everyone = funnel(true).get(0);

		assertThat(everyone.steps()).extracting(Funnel.Step::reached).containsExactly(5, 4, 1, 1);
		assertThat(everyone.steps()).extracting(Funnel.Step::stepConversion).containsExactly(null, 0.8, 0.25, 1.0);
		assertThat(everyone.steps().get(3).overallConversion()).isEqualTo(0.2);
		assertThat(everyone.entered()).isEqualTo(5);
		assertThat(everyone.completed()).isEqualTo(1);
		assertThat(everyone.bottleneck()).isEqualTo("add_to_cart");
	}

	@Test
	void medianTimesBetweenStepsAreOverTheActorsWhoReachedTheStep() {
		Funnel.Result everyone = funnel(true).get(0);

		// visit → browse: A 300 s, B 60 s, v1 120 s, D 60 s → median 90 s
		assertThat(everyone.steps().get(1).medianSecondsFromPrevious()).isEqualTo(90.0);
		assertThat(everyone.steps().get(3).medianSecondsFromPrevious()).isEqualTo(86_400.0);
	}

	@Test
	void anUnorderedFunnelCountsTheFirstStepsInAnyOrderWithinTheWindow() {
		Funnel.Result everyone = funnel(false).get(0);

		// B now reaches add_to_cart; E still never visited, so it never entered.
		assertThat(everyone.steps()).extracting(Funnel.Step::reached).containsExactly(5, 4, 2, 1);
		assertThat(everyone.steps().get(1).medianSecondsFromPrevious()).isNull();
	}

	@Test
	void aSplitByChannelGroupsActorsByTheChannelOfTheirFirstStep() {
		List<Funnel.Result> results = funnel(true, true);

		assertThat(results).extracting(Funnel.Result::group).containsExactly(null, "WEB", "APP");
		assertThat(results).extracting(Funnel.Result::entered).containsExactly(5, 3, 2);
	}

	@Test
	void aScopeOfMembersCountsThemAndTheVisitorsSeenAsThemAndNoAnonymousVisitor() {
		Funnel.Result admitted = funnel(true, false, Set.of("A", "D")).get(0);

		// A, and v2 who browsed as D; not v1, anonymous throughout, nor B, C and E
		assertThat(admitted.steps()).extracting(Funnel.Step::reached).containsExactly(2, 2, 1, 1);
	}

	@Test
	void aSplitBySegmentCountsMembersInTheirSegmentsAndVisitorsInNone() {
		Funnel funnel = new Funnel(new Funnel.Settings(STEPS, 7, true), Map.of("v2", "D"), null);
		EVENTS.forEach(e -> funnel.add(e.memberId(), e.visitorId(), e.occurredAt().toEpochMilli(), e.type(), e.channel()));

		List<Funnel.Result> results = funnel.results(member -> member.equals("A") || member.equals("D")
				? List.of("vip") : List.of(), false);

		assertThat(results).extracting(Funnel.Result::group).containsExactly(null, "vip");
		assertThat(results.get(1).steps()).extracting(Funnel.Step::reached).containsExactly(2, 2, 1, 1);
	}

	@Test
	void funnelsNeedTwoToTwelveDistinctStepsAndASensibleWindow() {
		assertThatThrownBy(() -> new Funnel.Settings(List.of(VISIT), 7, true))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("steps"));
		assertThatThrownBy(() -> new Funnel.Settings(List.of(VISIT, VISIT), 7, true))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("steps"));
		assertThatThrownBy(() -> new Funnel.Settings(STEPS, 0, true))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("windowDays"));
	}

	@Test
	void withoutStepsTheFunnelIsTheShoppingFunnelNoStepACustomerMaySkip() {
		assertThat(new Funnel.Settings(null, 7, true).steps()).containsExactly(VISIT, InteractionType.BROWSE,
				InteractionType.ADD_TO_CART, InteractionType.ORDER, InteractionType.PAY);
	}

	private static List<Funnel.Result> funnel(boolean ordered) {
		return funnel(ordered, false);
	}

	private static List<Funnel.Result> funnel(boolean ordered, boolean byEntryChannel) {
		return funnel(ordered, byEntryChannel, null);
	}

	private static List<Funnel.Result> funnel(boolean ordered, boolean byEntryChannel, Set<String> admitted) {
		Funnel funnel = new Funnel(new Funnel.Settings(STEPS, 7, ordered), Map.of("v2", "D"), admitted);
		EVENTS.forEach(e -> funnel.add(e.memberId(), e.visitorId(), e.occurredAt().toEpochMilli(), e.type(), e.channel()));
		return funnel.results(actor -> List.of(), byEntryChannel);
	}

	private static Event member(String id, InteractionType type, String at, Channel channel) {
		return new Event(id, null, Instant.parse("2026-" + at + "Z"), type, channel, null, null, null, null, null);
	}

	private static Event visitor(String visitorId, String memberId, InteractionType type, String at) {
		return new Event(memberId, visitorId, Instant.parse("2026-" + at + "Z"), type, Channel.APP, null, null, null, null, null);
	}

	private static List<Event> sorted(List<Event> events) {
		List<Event> sorted = new ArrayList<>(events);
		sorted.sort(Comparator.comparing(Event::occurredAt));
		return sorted;
	}

}
