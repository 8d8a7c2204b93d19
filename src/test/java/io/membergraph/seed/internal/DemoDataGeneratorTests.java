package io.membergraph.seed.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.membergraph.campaign.CampaignBulkLoad;
import io.membergraph.campaign.ContactKind;
import io.membergraph.commerce.Order;
import io.membergraph.engagement.Interaction;
import io.membergraph.engagement.InteractionType;
import io.membergraph.member.ConsentChannel;
import io.membergraph.member.Member;
import io.membergraph.member.MemberStats;
import io.membergraph.member.StatsChange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataGeneratorTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final LocalDate END = LocalDate.of(2026, 10, 31);

	private static ReferenceData reference;

	private static Collected data;

	@BeforeAll
	static void generate() {
		reference = ReferenceData.load(JsonMapper.builder().build());
		data = generate(1_000, 10_000, 40_000);
	}

	@Test
	void theSameSettingsGiveTheSameData() {
		Collected again = generate(1_000, 10_000, 40_000);
		assertThat(again.members).isEqualTo(data.members);
		assertThat(again.orders).isEqualTo(data.orders);
		assertThat(again.interactions).isEqualTo(data.interactions);
	}

	@Test
	void sizesAreCloseToTheSettings() {
		assertThat(data.members).hasSize(1_000);
		assertThat(data.orders.size()).isBetween(9_000, 11_000);
		assertThat(data.interactions.size()).isBetween(36_000, 44_000);
	}

	@Test
	void membersAreProspectsOneTimeBuyersAndRepeatBuyers() {
		Map<Integer, Long> byOrderCount = data.members.stream()
			.collect(Collectors.groupingBy(m -> Math.min(m.stats().orderCount(), 2),
					Collectors.counting()));
		assertThat(byOrderCount.get(0)).as("members who never bought").isBetween(100L, 250L);
		assertThat(byOrderCount.get(1)).as("one-time buyers").isBetween(250L, 450L);
		assertThat(byOrderCount.get(2)).as("repeat buyers").isBetween(350L, 600L);
	}

	@Test
	void everyMembersStatsAreWhatItsOrdersAddUpTo() {
		Map<String, List<Order>> ordersByMember = data.orders.stream()
			.filter(o -> o.memberId() != null)
			.collect(Collectors.groupingBy(Order::memberId));
		for (Member member : data.members) {
			MemberStats expected = MemberStats.NONE;
			for (Order order : ordersByMember.getOrDefault(member.id(), List.of())) {
				for (StatsChange change : order.statsChanges().values()) {
					expected = expected.plus(change);
				}
			}
			assertThat(member.stats()).as(member.id()).isEqualTo(expected);
		}
	}

	@Test
	void ordersPeakOnSinglesDayAndIncludeGuestsCancellationsAndRefunds() {
		Map<Boolean, Long> singlesDayOrOctober = data.orders.stream()
			.map(o -> o.placedAt().atZone(SHANGHAI).toLocalDate())
			.filter(d -> d.getYear() == 2025 && (d.getMonth() == Month.OCTOBER
					|| d.getMonth() == Month.NOVEMBER && d.getDayOfMonth() <= 11))
			.collect(Collectors.partitioningBy(d -> d.getMonth() == Month.NOVEMBER, Collectors.counting()));
		double singlesDayPerDay = singlesDayOrOctober.get(true) / 11.0;
		double octoberPerDay = singlesDayOrOctober.get(false) / 31.0;
		assertThat(singlesDayPerDay).as("orders per day, 1-11 November against October").isGreaterThan(3 * octoberPerDay);
		assertThat(data.orders.stream().filter(o -> o.memberId() == null).count()).isBetween(300L, 700L);
		assertThat(data.orders.stream().filter(o -> o.cancelledAt() != null).count()).isPositive();
		assertThat(data.orders.stream().filter(o -> !o.refunds().isEmpty()).count()).isBetween(300L, 800L);
		assertThat(data.orders).allSatisfy(o -> assertThat(o.refundedAmount()).isLessThanOrEqualTo(o.paidAmount()));
	}

	@Test
	void interactionsDropOffAlongTheFunnel() {
		Map<InteractionType, Long> byType = data.interactions.stream()
			.collect(Collectors.groupingBy(Interaction::type, Collectors.counting()));
		assertThat(byType.get(InteractionType.VISIT)).isGreaterThan(byType.get(InteractionType.BROWSE));
		assertThat(byType.get(InteractionType.BROWSE)).isGreaterThan(byType.get(InteractionType.FAVOURITE));
		assertThat(byType.get(InteractionType.ORDER)).isGreaterThan(byType.get(InteractionType.PAY) * 9 / 10);
		assertThat(byType.get(InteractionType.PAY)).isGreaterThan(byType.get(InteractionType.RECEIVE));
		assertThat(byType.get(InteractionType.RECEIVE)).isGreaterThan(byType.get(InteractionType.REVIEW));
		assertThat(data.interactions.stream().filter(i -> i.type() == InteractionType.SURVEY_RESPONSE))
			.isNotEmpty()
			.allSatisfy(i -> assertThat(i.score()).isBetween(0, 10));
		assertThat(data.interactions.stream().filter(i -> i.memberId() == null)).allSatisfy(i -> assertThat(i.visitorId()).isNotNull());
	}

	@Test
	void theShowcaseMembersTheReadmeUsesHaveAWeChatAccount() {
		assertThat(data.members.subList(0, DemoCustomers.SHOWCASE_MEMBERS)).allSatisfy(member -> assertThat(member.identities())
			.anySatisfy(identity -> assertThat(identity.externalId()).isEqualTo("oDemo" + member.memberNumber())));
	}

	@Test
	void everyMemberTakesTheTierItsLoyaltyHistoryEndsIn() {
		assertThat(data.members).allSatisfy(m -> assertThat(m.tierCode())
			.isEqualTo(m.stats().orderCount() >= 5 ? "REGULAR" : "NEW"));
	}

	@Test
	void theCampaignsOfTheHistorysLastYearWereLaunchedToWhoHadJoinedLessWhoSaidNoToTheirChannel() {
		// The history ends on 31 October 2026: Singles' Day 2026 is still to come, and 2025's was launched more than a
		// year before the end.
		assertThat(data.launches).extracting(DemoLaunches.Launch::campaignId)
			.containsExactly("C-SPRING-2026", "C-618-2026", "C-MEMBERDAY-2026");
		for (DemoLaunches.Launch launch : data.launches) {
			List<Member> joined = data.members.stream().filter(m -> m.joinedAt().isBefore(launch.launchedAt())).toList();
			// WeChat messages need the member's consent; JD's and the app's campaigns leave no one out.
			List<Member> saidNo = joined.stream()
				.filter(m -> launch.campaignId().startsWith("C-SPRING") && !m.consent().get(ConsentChannel.WECHAT).granted())
				.toList();
			assertThat(launch.audience()).as(launch.campaignId())
				.containsExactlyInAnyOrderElementsOf(joined.stream().filter(m -> !saidNo.contains(m)).map(Member::id).toList());
			assertThat(launch.leftOutWithoutConsent()).isEqualTo(saidNo.size());
		}
		assertThat(data.launches.get(0).leftOutWithoutConsent()).isPositive();
		assertThat(data.launches.get(0).audience()).hasSizeGreaterThan(200);
	}

	@Test
	void everyMemberWasAskedForSmsAndWeChatConsentAndAboutHalfForEmail() {
		assertThat(data.members).allSatisfy(m -> assertThat(m.consent()).containsKeys(ConsentChannel.SMS, ConsentChannel.WECHAT));
		long askedForEmail = data.members.stream().filter(m -> m.consent().containsKey(ConsentChannel.EMAIL)).count();
		assertThat(askedForEmail).isBetween(400L, 600L);
		long agreedToWeChat = data.members.stream().filter(m -> m.consent().get(ConsentChannel.WECHAT).granted()).count();
		assertThat(agreedToWeChat).isBetween(400L, 600L);
		assertThat(data.members).allSatisfy(m -> assertThat(m.consent().values())
			.allSatisfy(consent -> assertThat(consent.updatedAt()).isEqualTo(m.joinedAt())));
	}

	@Test
	void onlyTreatedMembersAreMessagedOrHoldTheCouponAndTheyBuyMoreInTheCampaignThanTheControlGroup() {
		int treatedBuyers = 0;
		int treated = 0;
		int controlBuyers = 0;
		int control = 0;
		for (DemoLaunches.Launch launch : data.launches) {
			Set<String> held = CampaignBulkLoad.controlGroupOf(launch.campaignId(), launch.audience(),
					reference.campaigns().stream().filter(c -> launch.campaignId().startsWith(c.id() + "-")).findFirst()
						.orElseThrow().controlGroupShare());
			Set<String> messaged = launch.audience().stream().filter(m -> !held.contains(m)).collect(Collectors.toSet());
			assertThat(held).isNotEmpty();
			assertThat(launch.reached()).extracting(CampaignBulkLoad.Reach::memberId)
				.containsExactlyInAnyOrderElementsOf(messaged);
			assertThat(launch.reached()).allSatisfy(reach -> assertThat(reach.at()).isAfter(launch.launchedAt()));
			List<Order> named = data.orders.stream().filter(o -> launch.campaignId().equals(o.campaignId())).toList();
			assertThat(named).isNotEmpty().allSatisfy(o -> assertThat(messaged).contains(o.memberId()));
			// Bought in the campaign or its attribution window, whether or not the order names it.
			Instant from = launch.launchedAt();
			Instant until = launch.launchedAt().plus(Duration.ofDays(30));
			Set<String> bought = data.orders.stream()
				.filter(o -> o.memberId() != null && o.paidAt() != null && !o.placedAt().isBefore(from)
						&& o.placedAt().isBefore(until))
				.map(Order::memberId).collect(Collectors.toSet());
			treated += messaged.size();
			treatedBuyers += (int) messaged.stream().filter(bought::contains).count();
			control += held.size();
			controlBuyers += (int) held.stream().filter(bought::contains).count();
		}
		double treatedShare = (double) treatedBuyers / treated;
		double controlShare = (double) controlBuyers / control;
		assertThat(treatedShare).as("treated %d of %d, control %d of %d", treatedBuyers, treated, controlBuyers, control)
			.isGreaterThan(controlShare + 0.02);
	}

	@Test
	void theFurtherAMessageGotTheLikelierItsMemberBoughtWithTheCampaignsCoupon() {
		Map<Boolean, int[]> buyersByClicked = Map.of(true, new int[2], false, new int[2]);
		for (DemoLaunches.Launch launch : data.launches) {
			Set<String> withCoupon = data.orders.stream().filter(o -> launch.campaignId().equals(o.campaignId()))
				.map(Order::memberId).collect(Collectors.toSet());
			for (CampaignBulkLoad.Reach reach : launch.reached()) {
				int[] counts = buyersByClicked.get(reach.furthest() == ContactKind.CLICKED);
				counts[0] += withCoupon.contains(reach.memberId()) ? 1 : 0;
				counts[1]++;
			}
		}
		int[] clicked = buyersByClicked.get(true);
		int[] notClicked = buyersByClicked.get(false);
		assertThat(clicked[1]).isGreaterThan(50);
		assertThat((double) clicked[0] / clicked[1]).as("%s of %s who clicked, %s of %s who did not", clicked[0],
				clicked[1], notClicked[0], notClicked[1]).isGreaterThan(1.5 * notClicked[0] / notClicked[1]);
	}

	private static Collected generate(int members, int orders, int interactions) {
		GeneratorSettings settings = reference.generator()
			.overriddenBy(new SeedSettings(true, members, orders, interactions, END), END);
		Collected collected = new Collected();
		new DemoDataGenerator(settings, reference, SHANGHAI, (member, memberOrders, redemptions, asOf) -> memberOrders.stream()
			.filter(Order::countsForMember)
			.count() >= 5 ? "REGULAR" : "NEW").generate(collected);
		return collected;
	}

	private static final class Collected implements DemoDataSink {

		final List<Member> members = new ArrayList<>();

		final List<Order> orders = new ArrayList<>();

		final List<Interaction> interactions = new ArrayList<>();

		final List<DemoLaunches.Launch> launches = new ArrayList<>();

		@Override
		public void members(List<Member> batch) {
			members.addAll(batch);
		}

		@Override
		public void orders(List<Order> batch) {
			orders.addAll(batch);
		}

		@Override
		public void interactions(List<Interaction> batch) {
			interactions.addAll(batch);
		}

		@Override
		public void campaignsLaunched(List<DemoLaunches.Launch> launched) {
			launches.addAll(launched);
		}

	}

}
