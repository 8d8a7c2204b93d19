package io.membergraph.seed.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 */
final class DemoLaunches {

	/** The chance that a treated member buys in the campaign, by the furthest step its message got. */
	private static final double[] BUYS_AFTER = { 0.02, 0.04, 0.12, 0.35 };

	/** One launched campaign: its audience as fixed at the launch, and what its messages did. */
	static final class Launch {

		private final DemoCampaign campaign;

		private final Instant launchedAt;

		private final List<String> audience;

		private final int leftOutWithoutConsent;

		private final Set<String> treated;

		private final List<Reach> reached = new ArrayList<>();

		private Launch(DemoCampaign campaign, Instant launchedAt, List<String> audience, int leftOutWithoutConsent) {
			this.campaign = campaign;
			this.launchedAt = launchedAt;
			this.audience = audience;
			this.leftOutWithoutConsent = leftOutWithoutConsent;
			this.treated = new HashSet<>(audience);
			this.treated.removeAll(CampaignBulkLoad.controlGroupOf(campaign.id(), audience,
					campaign.spec().controlGroupShare()));
		}

		String campaignId() {
			return campaign.id();
		}

		Instant launchedAt() {
			return launchedAt;
		}

		List<String> audience() {
			return audience;
		}

		int leftOutWithoutConsent() {
			return leftOutWithoutConsent;
		}

		/** How far each treated member's message got; every treated member was sent one. */
		List<Reach> reached() {
			return reached;
		}

	}

	private final List<Launch> launches = new ArrayList<>();

	private final Map<String, Launch> byCampaign = new HashMap<>();

	private final ZoneId zone;

	private final RandomGenerator random;

	/**
	 * @param memberIds the members in the order they are generated, with the day each joins and the consents it
	 * gives then, by place
	 * @param random the draws of the campaigns' messages and the orders they bring, apart from the rest of the data
	 */
	DemoLaunches(List<DemoCampaign> launched, List<String> memberIds, LocalDate[] joinDays,
			List<Map<ConsentChannel, Boolean>> consents, ZoneId zone, RandomGenerator random) {
		this.zone = zone;
		this.random = random;
		for (DemoCampaign campaign : launched) {
			Optional<ConsentChannel> needed = CampaignBulkLoad.consentNeededFor(campaign.spec().channel());
			List<String> audience = new ArrayList<>();
			int leftOut = 0;
			for (int i = 0; i < memberIds.size(); i++) {
				if (joinDays[i].isBefore(campaign.launchDay())) {
					if (needed.isPresent() && Boolean.FALSE.equals(consents.get(i).get(needed.get()))) {
						leftOut++;
					}
					else {
						audience.add(memberIds.get(i));
					}
				}
			}
			Instant launchedAt = campaign.launchDay().atStartOfDay(zone).plusHours(10).toInstant();
			Launch launch = new Launch(campaign, launchedAt, audience, leftOut);
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
		return launch == null || memberId != null && launch.treated.contains(memberId);
	}

	/** Messages the member to every campaign that treated it; answers the orders they brought, made by {@code orders}. */
	List<Order> message(String memberId, Product favourite, DemoOrders orders) {
		List<Order> brought = new ArrayList<>();
		for (Launch launch : launches) {
			if (!launch.treated.contains(memberId)) {
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
			launch.reached.add(new Reach(memberId, furthest, at));
			if (random.nextDouble() < BUYS_AFTER[furthest.ordinal()]) {
				int days = (int) (campaign.lastDay().toEpochDay() - campaign.firstDay().toEpochDay());
				// The day after the message when the campaign lasts longer, so the order follows it.
				LocalDate day = campaign.firstDay().plusDays(days == 0 ? 0 : 1 + random.nextInt(days));
				brought.add(orders.order(memberId, campaign.spec().channel(), day, favourite, random));
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
