package io.membergraph.campaign.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.campaign.ContactKind;
import io.membergraph.campaign.Campaign;
import io.membergraph.campaign.internal.CampaignAudiences.Audience;
import io.membergraph.campaign.internal.CampaignResponse.ChannelResponse;
import io.membergraph.campaign.internal.CampaignResponse.DayResponse;
import io.membergraph.campaign.CampaignStatus;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderStatus;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A campaign measured on hand-made data, every expected figure worked out in the comments. Treated t1–t4,
 * control c1–c2; launched 1 March, ends 8 March, 7-day window, so the period runs to 15 March; cost 100.00.
 */
class ResponseMeasurementTests {

	private static final Campaign SPRING = new Campaign("C1", "Spring", Channel.WECHAT, at("03-01T00:00"),
			at("03-08T00:00"), "S1", 0.33, 7, Money.of("100.00"), CampaignStatus.LAUNCHED, "marketer",
			at("02-20T00:00"), at("03-01T00:00"), 6, 2);

	private static final Audience AUDIENCE = new Audience(Set.of("t1", "t2", "t3", "t4"), Set.of("c1", "c2"));

	private static final List<CampaignContact> CONTACTS = List.of(
			// t1 gets every step on WeChat, t2 is delivered to on WeChat, t3 is only sent an app push, t4 nothing.
			contact("C1", "t1", ContactKind.SENT, Channel.WECHAT, "03-01T01:00"),
			contact("C1", "t1", ContactKind.DELIVERED, Channel.WECHAT, "03-01T01:00"),
			contact("C1", "t1", ContactKind.OPENED, Channel.WECHAT, "03-01T02:00"),
			contact("C1", "t1", ContactKind.CLICKED, Channel.WECHAT, "03-01T02:00"),
			contact("C1", "t2", ContactKind.SENT, Channel.WECHAT, "03-01T01:00"),
			contact("C1", "t2", ContactKind.DELIVERED, Channel.WECHAT, "03-01T01:00"),
			contact("C1", "t3", ContactKind.SENT, Channel.APP, "03-01T01:00"),
			// Another campaign (3-day window) reaches t2 later than C1 did.
			contact("C2", "t2", ContactKind.SENT, Channel.APP, "03-04T00:00"));

	private static final List<Order> ORDERS = List.of(
			order("t1", "03-02T10:00", "50.00", "5.00", null, null),
			// fully refunded: no revenue, no conversion
			order("t1", "03-06T10:00", "20.00", "0.00", "20.00", null),
			// within both C1's and C2's windows: last touch is C2, first touch C1
			order("t2", "03-05T10:00", "80.00", "0.00", null, null),
			// never contacted, but the order names the campaign (its coupon)
			order("t4", "03-03T10:00", "30.00", "0.00", null, "C1"),
			// the control group buys too, and its coupon use is never credited
			order("c1", "03-03T12:00", "40.00", "0.00", null, "C1"),
			// outside the audience: ignored
			order("x9", "03-03T12:00", "999.00", "0.00", null, null));

	@Test
	void lastTouchCreditsTheOrdersOnlyThisCampaignTouchedLast() {
		CampaignResponse response = measure(Attribution.LAST_TOUCH);

		assertThat(response.audience()).isEqualTo(6);
		assertThat(response.contacts().sent()).isEqualTo(3);
		assertThat(response.contacts().delivered()).isEqualTo(2);
		assertThat(response.contacts().opened()).isEqualTo(1);
		assertThat(response.contacts().clicked()).isEqualTo(1);
		assertThat(response.contacts().deliveryRate()).isCloseTo(2 / 3.0, within(1e-12));
		assertThat(response.contacts().openRate()).isEqualTo(0.5);
		assertThat(response.contacts().clickRate()).isEqualTo(0.5);
		// t1 (contacted) and t4 (coupon); t2's order goes to C2, which touched last.
		assertThat(response.conversions()).isEqualTo(2);
		assertThat(response.conversionRate()).isCloseTo(2 / 3.0, within(1e-12));
		assertThat(response.orders()).isEqualTo(2);
		assertThat(response.revenue()).isEqualTo(Money.of("80.00"));
		assertThat(response.averageDiscount()).isEqualTo(Money.of("2.50"));
		assertThat(response.costPerConversion()).isEqualTo(Money.of("50.00"));
		assertThat(response.roi()).isCloseTo(-0.2, within(1e-12));
	}

	@Test
	void firstTouchCreditsTheOrderToTheEarliestCampaignStillInItsWindow() {
		CampaignResponse response = measure(Attribution.FIRST_TOUCH);

		assertThat(response.conversions()).isEqualTo(3);
		assertThat(response.revenue()).isEqualTo(Money.of("160.00"));
		assertThat(response.roi()).isCloseTo(0.6, within(1e-12));
	}

	@Test
	void upliftComparesEveryBuyerOfBothGroupsWhateverTheCredit() {
		CampaignResponse response = measure(Attribution.LAST_TOUCH);

		// Buyers: t1, t2, t4 of 4 treated (0.75), c1 of 2 in control (0.5).
		Uplift conversion = response.conversionUplift();
		assertThat(conversion.treated()).isEqualTo(0.75);
		assertThat(conversion.control()).isEqualTo(0.5);
		assertThat(conversion.difference()).isEqualTo(0.25);
		// se = sqrt(0.75·0.25/4 + 0.5·0.5/2) = 0.414578; z(0.975) = 1.959964
		assertThat(conversion.lower()).isCloseTo(0.25 - 0.812559, within(1e-6));
		assertThat(conversion.upper()).isCloseTo(0.25 + 0.812559, within(1e-6));
		// Revenue per member: treated (50 + 80 + 0 + 30) / 4 = 40, control (40 + 0) / 2 = 20.
		Uplift revenue = response.revenueUplift();
		assertThat(revenue.treated()).isEqualTo(40.0);
		assertThat(revenue.control()).isEqualTo(20.0);
		assertThat(revenue.difference()).isEqualTo(20.0);
	}

	@Test
	void channelsSplitTheContactedMembersByTheChannelTheyWereSentThrough() {
		List<ChannelResponse> channels = measure(Attribution.LAST_TOUCH).byChannel();

		assertThat(channels).extracting(ChannelResponse::channel).containsExactly(Channel.APP, Channel.WECHAT);
		ChannelResponse wechat = channels.get(1);
		assertThat(wechat.contacts().sent()).isEqualTo(2);
		assertThat(wechat.conversions()).isEqualTo(1);
		assertThat(wechat.revenue()).isEqualTo(Money.of("50.00"));
		assertThat(channels.get(0).conversions()).isZero();
	}

	@Test
	void dailyFiguresAccumulateFromTheLaunchToTheEndOfThePeriod() {
		List<DayResponse> days = measure(Attribution.LAST_TOUCH).daily();

		assertThat(days).hasSize(14);
		assertThat(days.get(0)).isEqualTo(new DayResponse(LocalDate.of(2026, 3, 1), 0, 0.0, 0.0));
		assertThat(days.get(1)).isEqualTo(new DayResponse(LocalDate.of(2026, 3, 2), 1, 0.25, 0.0));
		assertThat(days.get(2)).isEqualTo(new DayResponse(LocalDate.of(2026, 3, 3), 2, 0.5, 0.5));
		assertThat(days.get(4)).isEqualTo(new DayResponse(LocalDate.of(2026, 3, 5), 2, 0.75, 0.5));
		assertThat(days.get(13)).isEqualTo(new DayResponse(LocalDate.of(2026, 3, 14), 2, 0.75, 0.5));
	}

	/**
	 * Members merged since the launch: t3 into an account outside the audience, which buys within C1's window; t4 and
	 * c1 into one outside account (the treated place counts); c2 into t1, who keeps its own place.
	 */
	@Test
	void theOrdersOfAnAccountThatTookInMembersOfTheAudienceCountAtTheirPlace() {
		ResponseMeasurement measurement = new ResponseMeasurement(SPRING, AUDIENCE, Attribution.LAST_TOUCH, 0.95,
				ZoneOffset.UTC, SPRING.measuredUntil()).contacts(CONTACTS, Map.of("C1", 7, "C2", 3))
			.followingMerges(Map.of("t3", "s3", "t4", "s4", "c1", "s4", "c2", "t1"));
		ORDERS.forEach(measurement::order);
		measurement.order(order("s3", "03-02T09:00", "60.00", "0.00", null, null));
		measurement.order(order("s4", "03-02T09:00", "10.00", "0.00", null, null));
		measurement.order(order("x9", "03-02T09:00", "70.00", "0.00", null, "C1"));
		CampaignResponse response = measurement.result();

		// t1, t4 (its coupon) and now t3, whose app push reached it before it bought as s3
		assertThat(response.conversions()).isEqualTo(3);
		assertThat(response.revenue()).isEqualTo(Money.of("140.00"));
		// every treated member bought; the control group as before
		assertThat(response.conversionUplift().treated()).isEqualTo(1.0);
		assertThat(response.conversionUplift().control()).isEqualTo(0.5);
		assertThat(response.revenueUplift().treated()).isEqualTo((50 + 80 + 60 + 30 + 10) / 4.0);
	}

	@Test
	void withoutAControlGroupThereIsNoUplift() {
		Audience allTreated = new Audience(Set.of("t1", "t2", "t3", "t4"), Set.of());
		ResponseMeasurement measurement = new ResponseMeasurement(SPRING, allTreated, Attribution.LAST_TOUCH, 0.95,
				ZoneOffset.UTC, SPRING.measuredUntil()).contacts(CONTACTS, Map.of("C1", 7, "C2", 3));
		ORDERS.forEach(measurement::order);

		assertThat(measurement.result().conversionUplift()).isNull();
		assertThat(measurement.result().revenueUplift()).isNull();
	}

	/**
	 * A larger random audience (two thousand members, contacts of three campaigns, orders with and without a
	 * campaign's code, refunds, members outside the audience) measured as each member's orders and touches say,
	 * worked out here member by member: the totals, both uplifts to the last bit, every channel and every day.
	 */
	@Test
	void aLargeAudienceIsMeasuredAsEachMembersOrdersAndTouchesSay() {
		java.util.Random random = new java.util.Random(11);
		Set<String> treatedSet = new java.util.HashSet<>();
		Set<String> controlSet = new java.util.HashSet<>();
		for (int i = 0; i < 2_000; i++) {
			(random.nextInt(10) == 0 ? controlSet : treatedSet).add("m" + i);
		}
		Audience audience = new Audience(treatedSet, controlSet);
		Map<String, Integer> windows = Map.of("C1", 7, "C2", 3, "C3", 10);
		List<CampaignContact> contacts = new java.util.ArrayList<>();
		List<Order> orders = new java.util.ArrayList<>();
		Channel[] channels = { Channel.WECHAT, Channel.APP, Channel.WEB };
		for (int i = 0; i < 2_300; i++) {
			String member = "m" + i;
			for (String campaign : List.of("C1", "C2", "C3")) {
				if (random.nextInt(3) == 0) {
					Instant sent = at("03-01T00:00").plusSeconds(random.nextInt(10 * 86_400));
					Channel channel = channels[random.nextInt(channels.length)];
					contacts.add(contact(campaign, member, ContactKind.SENT, channel, sent));
					if (random.nextBoolean()) {
						contacts.add(contact(campaign, member, ContactKind.OPENED, channel, sent.plusSeconds(600)));
					}
				}
			}
			for (int n = random.nextInt(4); n > 0; n--) {
				Instant placed = at("03-01T00:00").plusSeconds(random.nextInt(14 * 86_400));
				long paid = 100 + random.nextInt(50_000);
				long refunded = random.nextInt(6) == 0 ? random.nextInt((int) paid + 1) : 0;
				String code = random.nextInt(8) == 0 ? List.of("C1", "C2").get(random.nextInt(2)) : null;
				orders.add(order(member + "-" + n, member, placed, paid, random.nextInt(500), refunded, code));
			}
		}

		for (Attribution attribution : Attribution.values()) {
			ResponseMeasurement measurement = new ResponseMeasurement(SPRING, audience, attribution, 0.9, ZoneOffset.UTC,
					SPRING.measuredUntil()).contacts(contacts, windows);
			orders.forEach(measurement::order);
			CampaignResponse response = measurement.result();

			// Member by member: each order's net revenue, and the campaign it is credited to.
			Map<String, long[]> bought = new java.util.HashMap<>(); // revenue, credited orders, credited revenue
			Map<String, Instant> firstOrder = new java.util.HashMap<>();
			Map<String, Instant> firstCredited = new java.util.HashMap<>();
			for (Order order : orders) {
				long net = order.paidAmount().minorUnits() - order.refundedAmount().minorUnits();
				String member = order.memberId();
				if (!audience.contains(member) || net <= 0) {
					continue;
				}
				long[] sums = bought.computeIfAbsent(member, m -> new long[3]);
				sums[0] += net;
				firstOrder.merge(member, order.placedAt(), (a, b) -> a.isBefore(b) ? a : b);
				String credited = order.campaignId();
				if (credited == null) {
					CampaignContact chosen = null;
					for (CampaignContact touch : contacts) {
						boolean inWindow = touch.memberId().equals(member) && !touch.at().isAfter(order.placedAt())
								&& order.placedAt().isBefore(touch.at().plus(java.time.Duration.ofDays(windows.get(touch.campaignId()))));
						if (inWindow && (chosen == null || (attribution == Attribution.LAST_TOUCH
								? touch.at().isAfter(chosen.at()) : touch.at().isBefore(chosen.at())))) {
							chosen = touch;
						}
					}
					credited = chosen == null ? null : chosen.campaignId();
				}
				if (treatedSet.contains(member) && "C1".equals(credited)) {
					sums[1]++;
					sums[2] += net;
					firstCredited.merge(member, order.placedAt(), (a, b) -> a.isBefore(b) ? a : b);
				}
			}
			long conversions = bought.values().stream().filter(b -> b[1] > 0).count();
			assertThat(response.conversions()).as(attribution + " conversions").isEqualTo(conversions).isPositive();
			assertThat(response.orders()).isEqualTo(bought.values().stream().mapToLong(b -> b[1]).sum());
			assertThat(response.revenue().minorUnits()).isEqualTo(bought.values().stream().mapToLong(b -> b[2]).sum());
			double[] treatedRevenue = treatedSet.stream().mapToDouble(m -> bought.containsKey(m) ? bought.get(m)[0] / 100.0 : 0).toArray();
			double[] controlRevenue = controlSet.stream().mapToDouble(m -> bought.containsKey(m) ? bought.get(m)[0] / 100.0 : 0).toArray();
			assertThat(response.revenueUplift()).isEqualTo(Uplift.ofMeans(treatedRevenue, controlRevenue, 0.9));
			assertThat(response.conversionUplift()).isEqualTo(Uplift.ofConversion(
					treatedSet.stream().filter(bought::containsKey).count(), treatedSet.size(),
					controlSet.stream().filter(bought::containsKey).count(), controlSet.size(), 0.9));
			for (ChannelResponse channel : response.byChannel()) {
				Set<String> reached = new java.util.HashSet<>();
				contacts.stream().filter(c -> c.campaignId().equals("C1") && c.kind() == ContactKind.SENT
						&& treatedSet.contains(c.memberId()) && c.channel() == channel.channel())
					.forEach(c -> reached.add(c.memberId()));
				assertThat(channel.conversions()).as(channel.channel() + " conversions")
					.isEqualTo(reached.stream().filter(m -> bought.containsKey(m) && bought.get(m)[1] > 0).count());
				assertThat(channel.revenue().minorUnits()).isEqualTo(reached.stream()
					.filter(bought::containsKey).mapToLong(m -> bought.get(m)[2]).sum());
			}
			DayResponse last = response.daily().get(response.daily().size() - 1);
			assertThat(last.conversions()).isEqualTo(firstCredited.size());
			assertThat(last.treatedBuyingShare()).isEqualTo(CampaignResponse.rate(
					(int) firstOrder.keySet().stream().filter(treatedSet::contains).count(), treatedSet.size()));
			assertThat(last.controlBuyingShare()).isEqualTo(CampaignResponse.rate(
					(int) firstOrder.keySet().stream().filter(controlSet::contains).count(), controlSet.size()));
		}
	}

	@Test
	void anOpenOrAClickReportedAloneCountsAsDeliveredAndSentSoNoRateGoesAboveOne() {
		List<CampaignContact> opensOnly = List.of(
				contact("C1", "t1", ContactKind.OPENED, Channel.WECHAT, "03-01T02:00"),
				contact("C1", "t2", ContactKind.OPENED, Channel.WECHAT, "03-01T02:00"),
				contact("C1", "t3", ContactKind.CLICKED, Channel.WECHAT, "03-01T02:00"),
				contact("C1", "t4", ContactKind.SENT, Channel.WECHAT, "03-01T01:00"),
				contact("C1", "t4", ContactKind.DELIVERED, Channel.WECHAT, "03-01T01:00"));
		CampaignResponse response = new ResponseMeasurement(SPRING, AUDIENCE, Attribution.LAST_TOUCH, 0.95, ZoneOffset.UTC,
				SPRING.measuredUntil()).contacts(opensOnly, Map.of("C1", 7)).result();

		assertThat(response.contacts()).extracting(c -> c.sent(), c -> c.delivered(), c -> c.opened(), c -> c.clicked())
			.containsExactly(4, 4, 3, 1);
		assertThat(response.contacts().deliveryRate()).isEqualTo(1.0);
		assertThat(response.contacts().openRate()).isEqualTo(0.75);
		assertThat(response.contacts().clickRate()).isEqualTo(0.25);
		assertThat(response.byChannel().get(0).contacts().openRate()).isEqualTo(0.75);
	}

	/**
	 * What a response is remembered by for a MARKETER: its contacts' digest is the same for the same contacts in any
	 * order, and another when a contact of this campaign or of another touching its audience is added (which may move an
	 * order's credit), or when another campaign's window changes.
	 */
	@Test
	void theReachsDigestChangesWithEveryContactThatCouldMoveACredit() {
		Map<String, Integer> windows = Map.of("C1", 7, "C2", 3);
		long digest = ResponseMeasurement.reach(SPRING, AUDIENCE, CONTACTS, windows).digest();
		List<CampaignContact> reversed = new java.util.ArrayList<>(CONTACTS);
		java.util.Collections.reverse(reversed);
		List<CampaignContact> oneMore = new java.util.ArrayList<>(CONTACTS);
		oneMore.add(contact("C1", "t4", ContactKind.SENT, Channel.WECHAT, "03-01T01:00"));
		List<CampaignContact> anotherCampaigns = new java.util.ArrayList<>(CONTACTS);
		anotherCampaigns.add(contact("C2", "t1", ContactKind.SENT, Channel.APP, "03-02T00:00"));

		assertThat(ResponseMeasurement.reach(SPRING, AUDIENCE, reversed, windows).digest()).isEqualTo(digest);
		assertThat(ResponseMeasurement.reach(SPRING, AUDIENCE, oneMore, windows).digest()).isNotEqualTo(digest);
		assertThat(ResponseMeasurement.reach(SPRING, AUDIENCE, anotherCampaigns, windows).digest()).isNotEqualTo(digest);
		assertThat(ResponseMeasurement.reach(SPRING, AUDIENCE, CONTACTS, Map.of("C1", 7, "C2", 5)).digest())
			.isNotEqualTo(digest);
	}

	/** The orders credited, as a MARKETER's response is remembered by: t1's paid order and t4's coupon order. */
	@Test
	void theCreditedOrdersAreThoseTheConversionsRestOn() {
		ResponseMeasurement measurement = new ResponseMeasurement(SPRING, AUDIENCE, Attribution.LAST_TOUCH, 0.95,
				ZoneOffset.UTC, SPRING.measuredUntil()).contacts(CONTACTS, Map.of("C1", 7, "C2", 3));
		ORDERS.forEach(measurement::order);

		assertThat(measurement.credited()).extracting(ResponseMeasurement.Credited::memberId, ResponseMeasurement.Credited::net)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("t1", 5000L), org.assertj.core.groups.Tuple.tuple("t4", 3000L));
	}

	private static CampaignResponse measure(Attribution attribution) {
		ResponseMeasurement measurement = new ResponseMeasurement(SPRING, AUDIENCE, attribution, 0.95, ZoneOffset.UTC,
				SPRING.measuredUntil()).contacts(CONTACTS, Map.of("C1", 7, "C2", 3));
		ORDERS.forEach(measurement::order);
		return measurement.result();
	}

	private static CampaignContact contact(String campaign, String member, ContactKind kind, Channel channel,
			String at) {
		return new CampaignContact(CampaignContact.idOf(campaign, member, kind), campaign, member, kind, channel, at(at),
				at(at));
	}

	private static Order order(String member, String placedAt, String paid, String discount, String refunded,
			String campaign) {
		Instant placed = at(placedAt);
		return new Order("APP:" + member + placedAt, member + placedAt, Channel.APP, member, null, null, OrderStatus.PAID,
				placed, placed, null, null, null, null, List.of(), Money.of(discount), Money.of(paid), null, campaign,
				List.of(), refunded == null ? Money.ZERO : Money.of(refunded), null, null, placed, placed, "CNY", null, null, null);
	}

	private static CampaignContact contact(String campaign, String member, ContactKind kind, Channel channel,
			Instant at) {
		return new CampaignContact(CampaignContact.idOf(campaign, member, kind), campaign, member, kind, channel, at, at);
	}

	private static Order order(String number, String member, Instant placed, long paid, long discount, long refunded,
			String campaign) {
		return new Order("APP:" + number, number, Channel.APP, member, null, null, OrderStatus.PAID, placed, placed, null,
				null, null, null, List.of(), new Money(discount), new Money(paid), null, campaign, List.of(),
				new Money(refunded), null, null, placed, placed, "CNY", null, null, null);
	}

	private static Instant at(String monthDayTime) {
		return Instant.parse("2026-" + monthDayTime + ":00Z");
	}

}
