package io.membergraph;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import io.membergraph.HardDays.HardDay;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On each of the {@link HardDays}, what a member does now lands on today in the business zone everywhere: the
 * order and the interaction are accepted as not in the future, the month, week and day reports hold them, and
 * segments see them "today". A day taken from UTC, or from the machine, fails here on some of these days.
 */
class HardDaysTests extends ApplicationTest {

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.membergraph.HardDays#all")
	void whatAMemberDoesNowCountsOnTodayInTheBusinessZone(HardDay day) {
		clock.set(day.instant());
		LocalDate today = today();
		String province = "边界省" + newPhone();
		String member = as("admin").documentName("registerMember")
			.variable("input", Map.of("name", "边界 会员", "phone", newPhone(), "joinChannel", "APP",
					"birthDate", today.minusYears(30).toString(), "region", Map.of("province", province)))
			.execute()
			.path("registerMember.errors").entityList(Object.class).hasSize(0)
			.path("registerMember.member.id").entity(String.class).get();

		String now = now().toString();
		as("storefront").documentName("recordOrder")
			.variable("input", Map.of("channel", "APP", "orderNumber", "HD-" + member, "memberId", member, "placedAt", now,
					"paidAt", now, "lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", "420.00"))))
			.execute()
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);
		as("storefront").documentName("recordInteraction")
			.variable("input", Map.of("eventId", "hd-" + member, "memberId", member, "channel", "APP", "type", "VISIT",
					"occurredAt", now))
			.execute()
			.path("recordInteraction.errors").entityList(Object.class).hasSize(0);

		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.lastOrderAt").entity(String.class).isEqualTo(now);
		as("crm").documentName("memberActivity").variable("id", member).variable("months", 1).execute()
			.path("member.interactionMonths[*].month").entityList(String.class).containsExactly(YearMonth.from(today).toString())
			.path("member.purchases.months[*].month").entityList(String.class).containsExactly(YearMonth.from(today).toString());
		Map<String, Object> scope = Map.of("asOf", today.toString(), "province", province);
		for (var period : Map.of("DAY", today, "WEEK", today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
				"MONTH", today.withDayOfMonth(1)).entrySet()) {
			as("crm").documentName("salesKpis").variable("scope", scope).variable("period", period.getKey())
				.variable("from", period.getValue().toString())
				.execute()
				.path("salesKpis.rows[*].start").entityList(String.class).containsExactly(period.getValue().toString())
				.path("salesKpis.rows[0].figures.orders").entity(Integer.class).isEqualTo(1)
				.path("salesKpis.rows[0].figures.newCustomers").entity(Integer.class).isEqualTo(1);
		}
		for (String query : List.of("joined = today", "orders(since today)", "interactions(type = 'VISIT', since today)",
				"age >= 30", "lifecycle = 'NEW'")) {
			as("crm").documentName("previewSegment").variable("query", "region.province = '" + province + "' AND " + query)
				.execute()
				.path("previewSegment.members").entity(Integer.class).satisfies(n -> assertThat(n).as(query).isEqualTo(1));
		}
		for (String query : List.of("joined < today", "orders(until -1d)", "age >= 31")) {
			as("crm").documentName("previewSegment").variable("query", "region.province = '" + province + "' AND " + query)
				.execute()
				.path("previewSegment.members").entity(Integer.class).satisfies(n -> assertThat(n).as(query).isZero());
		}
	}

}
