package io.membergraph.seed.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.membergraph.commerce.Order;
import io.membergraph.commerce.Product;
import io.membergraph.loyalty.LoyaltyBulkLoad.Redemption;
import io.membergraph.member.Member;
import io.membergraph.member.MemberStats;
import io.membergraph.shared.Channel;

/**
 * Generates demo members, orders and interactions from a fixed random seed: the same settings give the
 * same data. Members are prospects (no order), one-time buyers or repeat buyers with their own rhythm, and
 * some repeat buyers stop buying; orders follow the seasons; a share of orders are guests'; the campaigns of the
 * history's last year were launched, and their messages brought orders ({@link DemoLaunches}).
 * <p>
 * Output is streamed to a {@link DemoDataSink} in batches, so the size is limited by the store, not the heap.
 */
public final class DemoDataGenerator {

	static final int BATCH_SIZE = 5_000;

	/** Share of orders with a recorded browsing session before them; other sessions are generated to fill up. */
	private static final double SESSION_BEFORE_ORDER = 0.35;

	/**
	 * What the separate streams of draws are seeded with, beside the settings' seed: the consents are drawn before the
	 * members, and the launched campaigns' messages and the orders they bring as the members are generated.
	 */
	private static final long CONSENT_DRAWS = 0x636F6E73656E74L;

	private static final long CAMPAIGN_DRAWS = 0x63616D706169676EL;

	/** Share of orders after which the member redeems points (refused when the balance is short). */
	private static final double REDEMPTION_AFTER_ORDER = 0.2;

	private enum BuyerType {

		PROSPECT, ONE_TIME, REPEAT

	}

	private final GeneratorSettings settings;

	private final ReferenceData reference;

	private final ZoneId zone;

	private final Loyalty loyalty;

	/** What a member's history earns in the loyalty programme; returns the tier the member ends in. */
	interface Loyalty {

		String settle(Member member, List<Order> orders, List<Redemption> redemptions, Instant asOf);

	}

	DemoDataGenerator(GeneratorSettings settings, ReferenceData reference, ZoneId zone, Loyalty loyalty) {
		this.settings = settings;
		this.reference = reference;
		this.zone = zone;
		this.loyalty = loyalty;
	}

	record Summary(int members, long orders, long interactions) {
	}

	Summary generate(DemoDataSink sink) {
		Random random = new Random(settings.randomSeed());
		LocalDate last = settings.endDate();
		LocalDate first = last.minusMonths(settings.months()).plusDays(1);
		Instant end = last.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
		SeasonalCalendar calendar = new SeasonalCalendar(first, last, settings.seasonalPeaks());
		DemoBatches batches = new DemoBatches(sink, BATCH_SIZE);
		DemoCustomers customers = new DemoCustomers(settings, zone);
		DemoInteractions interactions = new DemoInteractions(zone, end, reference.products(), batches::interaction);

		int members = settings.members();
		BuyerType[] types = new BuyerType[members];
		Channel[] joinChannels = new Channel[members];
		LocalDate[] joinDays = new LocalDate[members];
		byte[] consents = new byte[members];
		Random consentDraws = new Random(settings.randomSeed() ^ CONSENT_DRAWS);
		double[] appetite = new double[members];
		int oneTimers = 0;
		double totalAppetite = 0;
		for (int i = 0; i < members; i++) {
			joinChannels[i] = customers.joinChannel(random);
			joinDays[i] = calendar.draw(first, last, random);
			consents[i] = DemoCustomers.consents(consentDraws);
			double u = random.nextDouble();
			types[i] = u < settings.prospectShare() ? BuyerType.PROSPECT
					: u < settings.prospectShare() + settings.oneTimeBuyerShare() ? BuyerType.ONE_TIME : BuyerType.REPEAT;
			if (types[i] == BuyerType.ONE_TIME) {
				oneTimers++;
			}
			if (types[i] == BuyerType.REPEAT) {
				// Gamma(2)-like spread: most repeat buyers buy a few times, some very often; and the longer a
				// member has been around, the more orders there has been time for.
				double days = last.toEpochDay() - joinDays[i].toEpochDay() + 1;
				appetite[i] = (-Math.log(1 - random.nextDouble()) - Math.log(1 - random.nextDouble())) * days;
				totalAppetite += appetite[i];
			}
		}
		DemoLaunches launches = new DemoLaunches(DemoCampaign.between(reference.campaigns(), first, last).stream()
			.filter(campaign -> campaign.launchedIn(first, last)).toList(), joinDays, consents, zone,
				new Random(settings.randomSeed() ^ CAMPAIGN_DRAWS));
		DemoOrders orders = new DemoOrders(settings, reference, zone, end, launches::mayName);
		long guestOrders = Math.round(settings.orders() * settings.guestOrderShare());
		long repeatOrders = Math.max(0, settings.orders() - guestOrders - oneTimers);
		long guestsEmitted = 0;
		long ordersEmitted = 0;

		for (int i = 0; i < members; i++) {
			Channel joinChannel = joinChannels[i];
			LocalDate joinDay = joinDays[i];
			Member registered = customers.member(i, joinDay, joinChannel, consents[i], random);
			interactions.registration(registered);
			List<LocalDate> orderDays = orderDays(types[i], appetite[i], totalAppetite, repeatOrders, joinDay, last,
					calendar, random);
			Product favourite = orders.favourite(random);
			List<Order> memberOrders = new ArrayList<>();
			for (LocalDate day : orderDays) {
				Channel channel = random.nextDouble() < 0.7 ? joinChannel : customers.joinChannel(random);
				Order order = orders.order(registered.id(), channel, day, favourite, random);
				memberOrders.add(order);
				if (random.nextDouble() < SESSION_BEFORE_ORDER) {
					interactions.session(registered.id(), null, channel, day, random);
				}
				interactions.aroundOrder(order, random);
			}
			List<Order> brought = launches.message(i, favourite, orders);
			if (!brought.isEmpty()) {
				brought.forEach(order -> interactions.aroundOrder(order, random));
				memberOrders.addAll(brought);
				memberOrders.sort(Comparator.comparing(Order::placedAt));
			}
			memberOrders.forEach(batches::order);
			List<Redemption> redemptions = redemptions(registered, memberOrders, end, random);
			ordersEmitted += memberOrders.size();
			batches.member(settled(registered, memberOrders, redemptions, end));

			for (; guestsEmitted < guestOrders * (i + 1) / members; guestsEmitted++) {
				LocalDate day = calendar.draw(first, last, random);
				Order guest = orders.order(null, customers.joinChannel(random), day, null, random);
				batches.order(guest);
				ordersEmitted++;
			}
			fillSessions(registered, (long) settings.interactions() * (i + 1) / members, interactions, calendar, last,
					random);
		}
		batches.flush();
		sink.campaignsLaunched(launches.launches());
		return new Summary(members, ordersEmitted, interactions.produced());
	}

	/** The days a member buys on: none, one soon after joining, or a rhythm of their own until they stop. */
	private List<LocalDate> orderDays(BuyerType type, double appetite, double totalAppetite, long repeatOrders,
			LocalDate joinDay, LocalDate last, SeasonalCalendar calendar, Random random) {
		if (type == BuyerType.PROSPECT) {
			return List.of();
		}
		LocalDate firstOrder = calendar.draw(joinDay, min(joinDay.plusDays(45), last), random);
		if (type == BuyerType.ONE_TIME) {
			return List.of(firstOrder);
		}
		int count = (int) Math.max(2, Math.round(appetite / totalAppetite * repeatOrders));
		LocalDate stop = last;
		if (random.nextDouble() < settings.churnedShareOfRepeatBuyers()) {
			long activeDays = Math.max(60, (long) (random.nextDouble() * (last.toEpochDay() - firstOrder.toEpochDay())));
			stop = min(firstOrder.plusDays(activeDays), last);
		}
		List<LocalDate> result = new ArrayList<>();
		result.add(firstOrder);
		for (int k = 1; k < count; k++) {
			result.add(calendar.draw(firstOrder, stop, random));
		}
		result.sort(null);
		return result;
	}

	/** Browsing sessions (some anonymous) and campaign messages until the interaction count is on target. */
	private void fillSessions(Member member, long target, DemoInteractions interactions, SeasonalCalendar calendar,
			LocalDate last, Random random) {
		int attempts = 0;
		while (interactions.produced() < target && attempts++ < 1_000) {
			LocalDate day = calendar.draw(member.joinedAt().atZone(zone).toLocalDate(), last, random);
			double u = random.nextDouble();
			if (u < 0.25) {
				interactions.session(null, "V" + random.nextInt(Integer.MAX_VALUE), member.joinChannel(), day, random);
			}
			else if (u < 0.4 && member.consent().values().stream().anyMatch(c -> c.granted())) {
				interactions.campaignMessage(member, campaignOf(day), day, random);
			}
			else {
				interactions.session(member.id(), null, member.joinChannel(), day, random);
			}
		}
	}

	private String campaignOf(LocalDate day) {
		return reference.campaigns().get(day.getMonthValue() % reference.campaigns().size()).id() + "-" + day.getYear();
	}

	/** Now and then, some days after an order, a member spends points on a reward. */
	private static List<Redemption> redemptions(Member member, List<Order> orders, Instant end, Random random) {
		List<Redemption> redemptions = new ArrayList<>();
		for (Order order : orders) {
			if (random.nextDouble() < REDEMPTION_AFTER_ORDER) {
				Instant at = order.placedAt().plusSeconds(86_400L * (1 + random.nextInt(20)));
				long points = 500L * (1 + random.nextInt(4));
				if (at.isBefore(end)) {
					redemptions.add(new Redemption(at, points, member.id() + "-" + order.orderNumber()));
				}
			}
		}
		return redemptions;
	}

	/** The member with the stats its orders give, and the tier its loyalty history ends in. */
	private Member settled(Member member, List<Order> orders, List<Redemption> redemptions, Instant end) {
		MemberStats stats = MemberStats.NONE;
		for (Order order : orders) {
			for (var change : order.statsChanges().values()) {
				stats = stats.plus(change);
			}
		}
		return new Member(member.id(), member.memberNumber(), member.name(), member.gender(), member.birthDate(),
				member.phone(), member.email(), member.region(), member.occupation(), member.incomeBand(),
				member.joinedAt(), member.joinChannel(), member.identities(), member.consent(), member.tags(),
				member.attributes(), member.status(), loyalty.settle(member, orders, redemptions, end), stats, List.of(),
				member.updatedAt());
	}

	private static LocalDate min(LocalDate a, LocalDate b) {
		return a.isBefore(b) ? a : b;
	}

}
