package io.membergraph.analytics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.analytics.internal.Rfm.MemberRfm;
import io.membergraph.analytics.internal.Rfm.Reference;
import io.membergraph.analytics.internal.Rfm.Settings;
import io.membergraph.commerce.MemberPurchases.Item;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.commerce.MemberPurchases.RefundAt;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.RfmSegment;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFM on four members whose values, scores and segments are worked out by hand in the comments. */
public class RfmTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static final AnalysisScope AS_OF_JUNE = new AnalysisScope(LocalDate.of(2026, 6, 30), SHANGHAI, null, null, null, null,
			null);

	/**
	 * A: 3 orders, last 20 June: R 10, F 3, M 600. B: one order on 1 January: R 180, F 1, M 50. C: an order on
	 * 29 June (R 1) and one refunded in full: F 1, M 1000. D: 15 April, 100 of 400 refunded: R 76, F 1, M 300;
	 * its July order is after the as-of day. E never bought. A's order at 00:30 on 1 July Shanghai time
	 * (16:30 UTC on 30 June) is after the as-of day too.
	 */
	static List<CustomerHistory> fourBuyers() {
		return List.of(
				member("A", order("2026-03-01T02:00:00Z", "300.00"), order("2026-05-10T02:00:00Z", "200.00"),
						order("2026-06-20T02:00:00Z", "100.00"), order("2026-06-30T16:30:00Z", "999.00")),
				member("B", order("2026-01-01T02:00:00Z", "50.00")),
				member("C", order("2026-06-01T02:00:00Z", "1000.00", refund("2026-06-02T02:00:00Z", "1000.00")),
						order("2026-06-29T02:00:00Z", "1000.00")),
				member("D", order("2026-04-15T02:00:00Z", "400.00", refund("2026-04-20T02:00:00Z", "100.00")),
						order("2026-07-05T02:00:00Z", "80.00")),
				member("E"));
	}

	@Test
	void valuesScoresAndSegmentsAgainstTheMean() {
		Rfm.Result result = Rfm.of(fourBuyers(), AS_OF_JUNE, Settings.DEFAULT);
		Map<String, MemberRfm> byId = byId(result);

		assertThat(result.members()).isEqualTo(4);
		// Means: R (10 + 180 + 1 + 76) / 4 = 66.75, F 6 / 4 = 1.5, M 1950 / 4 = 487.50.
		assertThat(result.recencyReference()).isEqualTo(66.75);
		assertThat(result.frequencyReference()).isEqualTo(1.5);
		assertThat(result.monetaryReference()).isEqualTo(Money.of("487.50"));
		assertThat(byId.get("A")).isEqualTo(new MemberRfm("A", 10, 3, Money.of("600.00"), 3, 4, 3, RfmSegment.IMPORTANT_VALUE));
		assertThat(byId.get("B")).isEqualTo(new MemberRfm("B", 180, 1, Money.of("50.00"), 1, 1, 1, RfmSegment.GENERAL_WIN_BACK));
		assertThat(byId.get("C"))
			.isEqualTo(new MemberRfm("C", 1, 1, Money.of("1000.00"), 4, 1, 4, RfmSegment.IMPORTANT_DEVELOPMENT));
		assertThat(byId.get("D")).isEqualTo(new MemberRfm("D", 76, 1, Money.of("300.00"), 2, 1, 2, RfmSegment.GENERAL_WIN_BACK));
		assertThat(byId).doesNotContainKey("E");

		Rfm.SegmentSummary winBack = result.segments().stream().filter(s -> s.segment() == RfmSegment.GENERAL_WIN_BACK)
			.findFirst().orElseThrow();
		assertThat(winBack.members()).isEqualTo(2);
		assertThat(winBack.spend()).isEqualTo(Money.of("350.00"));
		assertThat(winBack.spendShare()).isEqualTo(350.0 / 1950.0);
		assertThat(result.segments()).hasSize(8);
	}

	@Test
	void againstTheMedianEveryoneWithTheMedianOrderCountIsFrequent() {
		// Medians: R (10 + 76) / 2 = 43, F 1, M (300 + 600) / 2 = 450.
		Rfm.Result result = Rfm.of(fourBuyers(), AS_OF_JUNE, new Settings(Reference.MEDIAN, null, null, null, null, null, null));

		assertThat(result.recencyReference()).isEqualTo(43.0);
		assertThat(byId(result)).extractingFromEntries(e -> e.getKey() + ":" + e.getValue().segment())
			.containsExactlyInAnyOrder("A:IMPORTANT_VALUE", "B:GENERAL_RETENTION", "C:IMPORTANT_VALUE", "D:GENERAL_RETENTION");
	}

	@Test
	void givenCutsScoreInsteadOfQuintilesAndGivenThresholdsSegment() {
		Settings settings = new Settings(Reference.THRESHOLDS, 30.0, 2.0, Money.of("500.00"), List.of(7, 30, 90, 180),
				List.of(2, 3, 5, 10), List.of(Money.of("100.00"), Money.of("300.00"), Money.of("600.00"), Money.of("1000.00")));

		Map<String, MemberRfm> byId = byId(Rfm.of(fourBuyers(), AS_OF_JUNE, settings));

		// R: cuts at or above the days; F and M: cuts at or below the value.
		assertThat(byId.get("A")).extracting(MemberRfm::r, MemberRfm::f, MemberRfm::m).containsExactly(4, 3, 4);
		assertThat(byId.get("B")).extracting(MemberRfm::r, MemberRfm::f, MemberRfm::m).containsExactly(2, 1, 1);
		assertThat(byId.get("C")).extracting(MemberRfm::r, MemberRfm::f, MemberRfm::m).containsExactly(5, 1, 5);
		assertThat(byId.get("D")).extracting(MemberRfm::r, MemberRfm::f, MemberRfm::m).containsExactly(3, 1, 3);
		assertThat(byId.get("D").segment()).isEqualTo(RfmSegment.GENERAL_WIN_BACK);
		assertThat(byId.get("A").segment()).isEqualTo(RfmSegment.IMPORTANT_VALUE);
	}

	@Test
	void aLookBackWindowCountsOnlyItsOrders() {
		AnalysisScope lastQuarter = new AnalysisScope(LocalDate.of(2026, 6, 30), SHANGHAI, 90, null, null, null, null);

		Map<String, MemberRfm> byId = byId(Rfm.of(fourBuyers(), lastQuarter, Settings.DEFAULT));

		// The window starts on 2 April: A keeps two orders, B drops out.
		assertThat(byId.get("A").frequency()).isEqualTo(2);
		assertThat(byId.get("A").monetary()).isEqualTo(Money.of("300.00"));
		assertThat(byId).doesNotContainKey("B");
	}

	@Test
	void badSettingsNameTheirField() {
		assertThatThrownBy(() -> new Settings(Reference.THRESHOLDS, null, 1.0, Money.ZERO, null, null, null))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("recencyThreshold"));
		assertThatThrownBy(() -> new Settings(null, null, null, null, List.of(1, 2, 2, 3), null, null))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("recencyCuts"));
	}

	@Test
	void settingsPastAnyRealCustomerAreRefused() {
		assertThat(new Settings(Reference.THRESHOLDS, 36_600.0, 1_000_000.0, Money.ZERO, List.of(0, 1, 2, 36_600),
				List.of(0, 1, 2, 1_000_000), null).recencyThreshold()).isEqualTo(36_600.0);
		assertRefused("recencyThreshold", () -> new Settings(Reference.THRESHOLDS, 36_601.0, 1.0, Money.ZERO, null, null, null));
		assertRefused("recencyThreshold", () -> new Settings(Reference.THRESHOLDS, -0.5, 1.0, Money.ZERO, null, null, null));
		assertRefused("frequencyThreshold", () -> new Settings(Reference.THRESHOLDS, 30.0, 1e308, Money.ZERO, null, null, null));
		assertRefused("frequencyThreshold", () -> new Settings(Reference.THRESHOLDS, 30.0, -1.0, Money.ZERO, null, null, null));
		assertRefused("monetaryThreshold", () -> new Settings(Reference.THRESHOLDS, 30.0, 1.0, Money.of("-1.00"), null, null, null));
		assertRefused("recencyCuts", () -> new Settings(null, null, null, null, List.of(-5, 0, 1, 2), null, null));
		assertRefused("frequencyCuts", () -> new Settings(null, null, null, null, null, List.of(1, 2, 3, 2_000_000), null));
	}

	private static void assertRefused(String field, ThrowingCallable settings) {
		assertThatThrownBy(settings)
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
	}

	public static Map<String, MemberRfm> byId(Rfm.Result result) {
		return result.scored().stream().collect(Collectors.toMap(MemberRfm::memberId, Function.identity()));
	}

	static CustomerHistory member(String id, PaidOrder... orders) {
		return member(id, Instant.parse("2025-12-01T00:00:00Z"), Channel.WEB, orders);
	}

	static CustomerHistory member(String id, Instant joinedAt, Channel channel, PaidOrder... orders) {
		return new CustomerHistory(id, joinedAt, channel, "BASIC", "广东", "广州", List.of(orders));
	}

	static PaidOrder order(String at, String amount, RefundAt... refunds) {
		return order(at, amount, List.of(new Item("SK-1", "skincare")), refunds);
	}

	static PaidOrder order(String at, String amount, List<Item> items, RefundAt... refunds) {
		return new PaidOrder("O-" + at, Instant.parse(at), Channel.WEB, null, Money.of(amount), List.of(refunds), items);
	}

	static RefundAt refund(String at, String amount) {
		return new RefundAt(Instant.parse(at), Money.of(amount));
	}

}
