package io.membergraph.analytics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.InteractionFacts.Event;
import io.membergraph.engagement.InteractionType;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SatisfactionTests {

	private static final AnalysisScope APRIL = new AnalysisScope(LocalDate.of(2026, 4, 30), ZoneOffset.UTC, null, null,
			null, null, null);

	@Test
	void npsIsPromotersShareMinusDetractorsSharePerPeriod() {
		List<Event> surveys = List.of(survey("m1", 10, "03-02"), survey("m2", 9, "03-03"), survey("m3", 8, "03-04"),
				survey("m4", 6, "03-05"), survey("m5", 0, "03-06"), survey("m1", 10, "04-02"), survey("m2", 10, "04-03"),
				survey("m3", 7, "04-04"));

		List<Satisfaction.NpsRow> rows = Satisfaction.nps(surveys, APRIL, Period.MONTH, s -> "all");

		// March: 2 promoters, 1 passive, 2 detractors of 5 → NPS 0, average 33 / 5
		assertThat(rows.get(0)).isEqualTo(new Satisfaction.NpsRow(LocalDate.of(2026, 3, 1), "all", 5, 2, 1, 2, 0.0, 6.6));
		// April: 2 promoters of 3 → NPS 66.7
		assertThat(rows.get(1).nps()).isCloseTo(200.0 / 3, within(1e-9));
		assertThat(rows.get(1).averageScore()).isEqualTo(9.0);
	}

	@Test
	void complaintsAreCountedPerThousandOrdersWithTheirMedianResolutionTime() {
		Event resolvedInFiveHours = new Event("m1", null, at("03-10T08:00"), InteractionType.COMPLAINT, Channel.APP, null,
				null, null, at("03-10T13:00"), null);
		Event open = new Event("m2", null, at("03-11T08:00"), InteractionType.COMPLAINT, Channel.APP, null, null, null, null, null);
		// 397 guest orders, and three of two members: the order count describes those two members.
		List<Satisfaction.Placed> orders = new ArrayList<>(Collections.nCopies(397, new Satisfaction.Placed(at("03-15T10:00"),
				null)));
		orders.add(new Satisfaction.Placed(at("03-16T10:00"), "m8"));
		orders.add(new Satisfaction.Placed(at("03-17T10:00"), "m9"));
		orders.add(new Satisfaction.Placed(at("03-18T10:00"), "m9"));

		List<Satisfaction.ComplaintRow> rows = Satisfaction.complaints(List.of(resolvedInFiveHours, open), orders, APRIL,
				Period.MONTH, LocalDate.of(2026, 3, 1));

		assertThat(rows.get(0)).isEqualTo(new Satisfaction.ComplaintRow(LocalDate.of(2026, 3, 1), 2, 400, 2, 5.0, 1, 5.0));
		assertThat(rows.get(1)).isEqualTo(new Satisfaction.ComplaintRow(LocalDate.of(2026, 4, 1), 0, 0, 0, null, 0, null));
	}

	@Test
	void aDetractorIsOneWhoseLatestAnswerWasZeroToSixAndWhoHasNotBoughtSince() {
		List<Event> surveys = List.of(survey("m3", 2, "03-05"), survey("m1", 3, "03-10"), survey("m2", 2, "03-10"),
				survey("m4", 6, "03-15"), survey("m3", 9, "03-20"));
		Map<String, CustomerHistory> members = Map.of("m1", member("m1", "03-01"), "m2", member("m2", "03-12"), "m3",
				member("m3"), "m4", member("m4"));

		List<Satisfaction.Detractor> detractors = Satisfaction.detractorsNotBoughtSince(surveys, members, APRIL);

		// m1 last bought before answering 3; m2 bought after; m3's latest answer is a 9; m4 never bought.
		assertThat(detractors).extracting(Satisfaction.Detractor::memberId).containsExactly("m1", "m4");
		assertThat(detractors.get(0).lastOrderAt()).isEqualTo(at("03-01T10:00"));
	}

	private static Event survey(String member, int score, String day) {
		return new Event(member, null, at(day + "T10:00"), InteractionType.SURVEY_RESPONSE, Channel.APP, null, null, score,
				null, null);
	}

	private static CustomerHistory member(String id, String... orderDays) {
		List<PaidOrder> orders = new ArrayList<>();
		for (String day : orderDays) {
			orders.add(new PaidOrder(id + day, at(day + "T10:00"), Channel.APP, null, Money.of("10.00"), List.of(), List.of()));
		}
		return new CustomerHistory(id, at("01-01T00:00"), Channel.APP, "SILVER", null, null, orders);
	}

	private static Instant at(String monthDayTime) {
		return Instant.parse("2026-" + monthDayTime + ":00Z");
	}

}
