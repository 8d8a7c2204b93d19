package io.membergraph.seed.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

import io.membergraph.campaign.CampaignBulkLoad;
import io.membergraph.campaign.CampaignBulkLoad.Reach;
import io.membergraph.campaign.ContactKind;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.Product;
import io.membergraph.member.ConsentChannel;

/**
 * The demo's launched campaigns as the generator plays them ({@link DemoCampaign}): each one's audience, the members
 * who had joined by its launch less those who had said no to messages through its channel; the control group a launch
 * holds out of it; how far each treated member's message got; and the orders the messages brought. The further a
 * message got, the likelier its member buys in the campaign, so the response shows an uplift over the control group,
 * whose members get no message and hold no coupon of the campaign.
 * <p>
 * Members are kept by their place in the generated order, in bit sets and arrays, so a history of millions of members
 * holds a few bytes a member per campaign; their ids are made again when the audience is written.
 */
final class DemoLaunches {

	/** The chance that a treated member buys in the campaign, by the furthest step its message got. */
	private static final double[] BUYS_AFTER = { 0.02, 0.04, 0.12, 0.35 };

	private static final ContactKind[] STEPS = ContactKind.values();

	/** One launched campaign: its audience as fixed at the launch, and what its messages did. */
	static final class Launch {

		private final DemoCampaign campaign;

		private final Instant launchedAt;

		private final BitSet audience;

		private final BitSet treated;

		private final int leftOutWithoutConsent;

		/** By member place: 1 + the furthest step its message got, 0 for no message; and when, after the launch. */
		private final byte[] furthest;

		private final int[] secondsAfterLaunch;

		private Launch(DemoCampaign campaign, Instant launchedAt, BitSet audience, int members, int leftOutWithoutConsent) {
			this.campaign = campaign;
			this.launchedAt = launchedAt;
			this.audience = audience;
			this.leftOutWithoutConsent = leftOutWithoutConsent;
			// Drawn as the launch draws it, over the ids; kept by place.
			Set<String> control = CampaignBulkLoad.controlGroupOf(campaign.id(), audience(),
					campaign.spec().controlGroupShare());
			this.treated = (BitSet) audience.clone();
			control.forEach(id -> treated.clear(DemoCustomers.indexOf(id)));
			this.furthest = new byte[members];
			this.secondsAfterLaunch = new int[members];
		}

		String campaignId() {
			return campaign.id();
		}

		Instant launchedAt() {
			return launchedAt;
		}

		/** The audience's member ids, made again from their places. */
		List<String> audience() {
			return audience.stream().mapToObj(DemoCustomers::idOf).toList();
		}

		int leftOutWithoutConsent() {
			return leftOutWithoutConsent;
		}

		/** How far each treated member's message got; every treated member was sent one. */
		List<Reach> reached() {
			List<Reach> reached = new ArrayList<>(treated.cardinality());
			treated.stream().filter(place -> furthest[place] > 0).forEach(place -> reached.add(new Reach(
					DemoCustomers.idOf(place), STEPS[furthest[place] - 1], launchedAt.plusSeconds(secondsAfterLaunch[place]))));
			return reached;
		}

	}

	private final List<Launch> launches = new ArrayList<>();

	private final Map<String, Launch> byCampaign = new HashMap<>();

	private final ZoneId zone;

	private final RandomGenerator random;

	/**
	 * @param joinDays the day each member joins, by its place in the generated order
	 * @param consents the consents each member gives on joining, by place ({@link DemoCustomers#consents})
	 * @param random the draws of the campaigns' messages and the orders they bring, apart from the rest of the data
	 */
	DemoLaunches(List<DemoCampaign> launched, LocalDate[] joinDays, byte[] consents, ZoneId zone, RandomGenerator random) {
		this.zone = zone;
		this.random = random;
		for (DemoCampaign campaign : launched) {
			Optional<ConsentChannel> needed = CampaignBulkLoad.consentNeededFor(campaign.spec().channel());
			BitSet audience = new BitSet(joinDays.length);
			int leftOut = 0;
			for (int place = 0; place < joinDays.length; place++) {
				if (joinDays[place].isBefore(campaign.launchDay())) {
					if (needed.isPresent() && Boolean.FALSE.equals(DemoCustomers.agreed(consents[place], needed.get()))) {
						leftOut++;
					}
					else {
						audience.set(place);
					}
				}
			}
			Instant launchedAt = campaign.launchDay().atStartOfDay(zone).plusHours(10).toInstant();
			Launch launch = new Launch(campaign, launchedAt, audience, joinDays.length, leftOut);
			launches.add(launch);
			byCampaign.put(campaign.id(), launch);
		}
	}

	List<Launch> launches() {
		return launches;
	}

	/**
	 * Whether an order of the member may name the campaign, as holding its coupon: of a launched campaign, only a
	 * treated member's may.
	 */
	boolean mayName(String memberId, String campaignId) {
		Launch launch = byCampaign.get(campaignId);
		return launch == null || memberId != null && launch.treated.get(DemoCustomers.indexOf(memberId));
	}

	/**
	 * Messages the member at {@code place} for every campaign that treated it; answers the orders the messages
	 * brought, made by {@code orders}.
	 */
	List<Order> message(int place, Product favourite, DemoOrders orders) {
		List<Order> brought = new ArrayList<>();
		for (Launch launch : launches) {
			if (!launch.treated.get(place)) {
				continue;
			}
			DemoCampaign campaign = launch.campaign;
			Instant sent = campaign.firstDay().atStartOfDay(zone).plusSeconds(10 * 3600 + random.nextInt(7200)).toInstant();
			ContactKind furthest = furthestStep();
			Instant at = switch (furthest) {
				case SENT -> sent;
				case DELIVERED -> sent.plusSeconds(5 + random.nextInt(120));
				case OPENED -> sent.plusSeconds(300 + random.nextInt(6 * 3600));
				case CLICKED -> sent.plusSeconds(330 + random.nextInt(6 * 3600));
			};
			launch.furthest[place] = (byte) (furthest.ordinal() + 1);
			launch.secondsAfterLaunch[place] = (int) (at.getEpochSecond() - launch.launchedAt.getEpochSecond());
			if (random.nextDouble() < BUYS_AFTER[furthest.ordinal()]) {
				int days = (int) (campaign.lastDay().toEpochDay() - campaign.firstDay().toEpochDay());
				// The day after the message when the campaign lasts longer, so the order follows it.
				LocalDate day = campaign.firstDay().plusDays(days == 0 ? 0 : 1 + random.nextInt(days));
				brought.add(orders.order(DemoCustomers.idOf(place), campaign.spec().channel(), day, favourite, random));
			}
		}
		return brought;
	}

	private ContactKind furthestStep() {
		if (random.nextDouble() >= 0.95) {
			return ContactKind.SENT;
		}
		if (random.nextDouble() >= 0.35) {
			return ContactKind.DELIVERED;
		}
		return random.nextDouble() < 0.3 ? ContactKind.CLICKED : ContactKind.OPENED;
	}

}
