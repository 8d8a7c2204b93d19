package io.membergraph.campaign.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.membergraph.campaign.ContactKind;
import io.membergraph.campaign.Campaign;
import io.membergraph.campaign.internal.CampaignAudiences.Audience;
import io.membergraph.campaign.internal.CampaignResponse.ChannelResponse;
import io.membergraph.campaign.internal.CampaignResponse.Contacts;
import io.membergraph.campaign.internal.CampaignResponse.DayResponse;
import io.membergraph.commerce.Order;
import io.membergraph.security.ShownGroups;
import io.membergraph.customer.OrderFacts;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;

/**
 * Measures one launched campaign's response from its audience, every campaign's contacts and the orders of the
 * measured period. Both groups are compared on the same period, so the uplift is the campaign's effect; credited
 * orders follow the attribution model across every campaign that touched the member.
 */
public final class ResponseMeasurement {

	/** A contact of some campaign, as a touch that can earn an order's credit. */
	private record Touch(String campaignId, Instant at, Instant until) {
	}

	/** What one member of the audience did in the period. */
	private static final class Outcome {

		Instant firstOrder;

		long revenue;

		Instant firstCredited;

		int creditedOrders;

		long creditedRevenue;

	}

	private final Campaign campaign;

	private final Audience audience;

	/** Members outside the audience who took in members of it by a merge, with the place their orders count at. */
	private final Map<String, Integer> survivorPlaces = new HashMap<>();

	private final Attribution attribution;

	private final double confidence;

	private final ZoneId zone;

	private final Instant until;

	/**
	 * What the contacts say of the campaign's treated members: every campaign's touches of them (by the member's
	 * place in the audience), the campaign's own contacts, the channel each was reached through. Read-only once made,
	 * so a campaign's can be kept while neither the contacts nor the campaigns' windows change.
	 */
	public static final class Reach {

		private final List<Touch>[] touches;

		private final Map<String, Map<ContactKind, Instant>> ownContacts = new HashMap<>();

		private final Map<String, Channel> channelOf = new HashMap<>();

		/** What the campaign's own contacts reached, of everyone and by channel: worked out once per reach. */
		private Contacts contacts;

		private final Map<Channel, ChannelReach> byChannel = new TreeMap<>();

		/** A digest of the contacts the reach was made of, the same for the same contacts in any order. */
		private long digest;

		@SuppressWarnings("unchecked")
		private Reach(Audience audience) {
			this.touches = new List[audience.size()];
		}

		/** Sums the campaign's own contacts once its touches are all in. */
		private Reach summed(Audience audience) {
			contacts = contactsOf(ownContacts.keySet());
			Map<Channel, List<String>> members = new TreeMap<>();
			channelOf.forEach((member, channel) -> members.computeIfAbsent(channel, c -> new ArrayList<>()).add(member));
			members.forEach((channel, ids) -> byChannel.put(channel,
					new ChannelReach(ids.stream().mapToInt(audience::placeOf).toArray(), contactsOf(ids))));
			return this;
		}

		/**
		 * A digest of the contacts that decide which orders are credited (every campaign's touches of the treated
		 * members, with their windows) and what the campaign's own reached: two reaches with the same digest credit the
		 * same orders.
		 */
		public long digest() {
			return digest;
		}

		private void digest(CampaignContact contact, Integer window) {
			long key = ShownGroups.Sketch.owner(contact.campaignId()) * 31 + ShownGroups.Sketch.owner(contact.memberId());
			key = key * 31 + contact.kind().ordinal();
			key = key * 31 + contact.at().toEpochMilli();
			key = key * 31 + (window == null ? -1 : window);
			// A sum of well-spread keys: the same whatever order the contacts come in.
			digest += spread(key);
		}

		private static long spread(long key) {
			long z = key + 0x9E3779B97F4A7C15L;
			z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
			z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
			return z ^ (z >>> 31);
		}

		/** Every campaign's touches of the member at the place, in the order of the contacts. */
		private List<Touch> touchesAt(int place) {
			List<Touch> touched = touches[place];
			return touched == null ? List.of() : touched;
		}

		/**
		 * Members reached at each step. A step implies those before it (an open was delivered, and sent), though a
		 * report may lack them (a lost webhook, a file of opens only): a member counts at every step up to the
		 * furthest it reached, so that no rate goes above 1.
		 */
		private Contacts contactsOf(Collection<String> members) {
			int[] reached = new int[ContactKind.values().length];
			for (String member : members) {
				int furthest = ownContacts.get(member).keySet().stream().mapToInt(Enum::ordinal).max().orElse(-1);
				for (int step = 0; step <= furthest; step++) {
					reached[step]++;
				}
			}
			return Contacts.of(reached[ContactKind.SENT.ordinal()], reached[ContactKind.DELIVERED.ordinal()],
					reached[ContactKind.OPENED.ordinal()], reached[ContactKind.CLICKED.ordinal()]);
		}

	}

	/** The members the campaign reached through one channel, by place, and what its contacts reached of them. */
	private record ChannelReach(int[] places, Contacts contacts) {
	}

	private Reach reach;

	/** What each member of the audience did, by place; null for one who bought nothing that counts. */
	private final Outcome[] outcomes;

	private long creditedDiscount;

	/** The orders credited to the campaign, each with its member and net amount, in the order they were taken. */
	private final List<Credited> credited = new ArrayList<>();

	/**
	 * An order credited to the campaign: what its conversions, orders and revenue rest on.
	 *
	 * @param identity tells the order from the member's others: the orders read keep no id, so their time, amount and
	 * channel
	 */
	public record Credited(String memberId, long identity, long net) {
	}

	public ResponseMeasurement(Campaign campaign, Audience audience, Attribution attribution, double confidence,
			ZoneId zone, Instant until) {
		this.campaign = campaign;
		this.audience = audience;
		this.attribution = attribution;
		this.confidence = confidence;
		this.zone = zone;
		this.until = until;
		this.outcomes = new Outcome[audience.size()];
		this.reach = new Reach(audience).summed(audience);
	}

	/** Takes the contacts of every campaign that touched the treated members; {@code windows} in days by campaign. */
	ResponseMeasurement contacts(Collection<CampaignContact> all, Map<String, Integer> windows) {
		return reached(reach(campaign, audience, all, windows));
	}

	/** Takes the contacts as read before for the same campaign, contacts and windows. */
	public ResponseMeasurement reached(Reach reached) {
		this.reach = reached;
		return this;
	}

	/** The contacts of every campaign that touched the campaign's treated members; {@code windows} in days by campaign. */
	public static Reach reach(Campaign campaign, Audience audience, Collection<CampaignContact> all, Map<String, Integer> windows) {
		Reach reach = new Reach(audience);
		for (CampaignContact contact : all) {
			int place = audience.placeOf(contact.memberId());
			if (place < 0 || !audience.isTreated(place)) {
				continue;
			}
			Integer window = windows.get(contact.campaignId());
			reach.digest(contact, window);
			if (window != null) {
				if (reach.touches[place] == null) {
					reach.touches[place] = new ArrayList<>();
				}
				reach.touches[place].add(new Touch(contact.campaignId(), contact.at(),
						contact.at().plus(Duration.ofDays(window))));
			}
			if (contact.campaignId().equals(campaign.id())) {
				reach.ownContacts.computeIfAbsent(contact.memberId(), m -> new EnumMap<>(ContactKind.class))
					.put(contact.kind(), contact.at());
				if (contact.kind() == ContactKind.SENT || !reach.channelOf.containsKey(contact.memberId())) {
					reach.channelOf.put(contact.memberId(), contact.channel());
				}
			}
		}
		return reach.summed(audience);
	}

	/**
	 * Follows the audience's members merged into another account since the launch: the customer lives there now,
	 * with its orders (those of both accounts), so the survivor's orders count at the merged member's place
	 * ({@link Audience#takenInBy}). A survivor in the audience itself keeps its own place.
	 *
	 * @param mergedAway audience members merged away, each with the member it lives in now
	 */
	public ResponseMeasurement followingMerges(Map<String, String> mergedAway) {
		audience.takenInBy(mergedAway).forEach((survivor, merged) -> survivorPlaces.put(survivor, audience.placeOf(merged)));
		return this;
	}

	/** The place an order of the member counts at: its own in the audience, or that of a member it took in. */
	private int placeOf(String memberId) {
		int place = audience.placeOf(memberId);
		return place >= 0 || memberId == null ? place : survivorPlaces.getOrDefault(memberId, -1);
	}

	/**
	 * Takes the orders placed from {@code from} to {@code until}, reading only those of the audience's members (a
	 * member outside it, or a guest, is judged before the rest of the order is read).
	 */
	public ResponseMeasurement orders(OrderFacts orders, Instant from, Instant until) {
		orders.placedBetween(from, until, member -> placeOf(member) >= 0).forEach(this::order);
		return this;
	}

	/** Takes an order placed in the measured period; orders of members outside the audience are ignored. */
	void order(Order order) {
		if (!order.countsForMember()) {
			return;
		}
		int place = placeOf(order.memberId());
		if (place < 0) {
			return;
		}
		long net = order.paidAmount().minus(order.refundedAmount() == null ? Money.ZERO : order.refundedAmount())
			.minorUnits();
		if (net <= 0) {
			return;
		}
		Outcome outcome = outcomes[place];
		if (outcome == null) {
			outcome = new Outcome();
			outcomes[place] = outcome;
		}
		outcome.revenue += net;
		outcome.firstOrder = earlier(outcome.firstOrder, order.placedAt());
		// The control group is never contacted, so its orders are never the campaign's, even with its coupon.
		if (audience.isTreated(place) && campaign.id().equals(creditedCampaign(order, place))) {
			outcome.creditedOrders++;
			outcome.creditedRevenue += net;
			outcome.firstCredited = earlier(outcome.firstCredited, order.placedAt());
			credited.add(new Credited(order.memberId(), order.placedAt().toEpochMilli() * 1_000_003L
					+ order.paidAmount().minorUnits() * 7 + (order.channel() == null ? 0 : order.channel().ordinal()), net));
			creditedDiscount += order.discount() == null ? 0 : order.discount().minorUnits();
		}
	}

	/** The campaign an order is credited to: the one it names, else the touch the attribution model picks. */
	private String creditedCampaign(Order order, int place) {
		if (order.campaignId() != null) {
			return order.campaignId();
		}
		Touch chosen = null;
		for (Touch touch : reach.touchesAt(place)) {
			boolean inWindow = !touch.at().isAfter(order.placedAt()) && order.placedAt().isBefore(touch.until());
			if (inWindow && (chosen == null || (attribution == Attribution.LAST_TOUCH ? touch.at().isAfter(chosen.at())
					: touch.at().isBefore(chosen.at())))) {
				chosen = touch;
			}
		}
		return chosen == null ? null : chosen.campaignId();
	}

	/** The orders credited to the campaign, each with the member who placed it. */
	public List<Credited> credited() {
		return List.copyOf(credited);
	}

	public CampaignResponse result() {
		int conversions = 0;
		int orders = 0;
		long revenue = 0;
		for (Outcome outcome : outcomes) {
			if (outcome != null && outcome.creditedOrders > 0) {
				conversions++;
				orders += outcome.creditedOrders;
				revenue += outcome.creditedRevenue;
			}
		}
		Contacts contacts = reach.contacts;
		Money cost = campaign.cost();
		return new CampaignResponse(campaign, attribution, confidence, campaign.launchedAt(), until,
				audience.treated().size() + audience.control().size(), audience.treated().size(), audience.control().size(),
				contacts, conversions, CampaignResponse.rate(conversions, contacts.sent()), orders, new Money(revenue),
				orders == 0 ? null : new Money(creditedDiscount).dividedBy(orders), cost,
				cost == null || conversions == 0 ? null : cost.dividedBy(conversions),
				cost == null || cost.minorUnits() == 0 ? null : (double) (revenue - cost.minorUnits()) / cost.minorUnits(),
				conversionUplift(), revenueUplift(), byChannel(), daily());
	}

	private Uplift conversionUplift() {
		int treated = audience.treated().size();
		return Uplift.ofConversion(buyers(0, treated), treated, buyers(treated, audience.size()),
				audience.control().size(), confidence);
	}

	/** The members at places {@code from} to {@code to - 1} who bought. */
	private long buyers(int from, int to) {
		long buyers = 0;
		for (int place = from; place < to; place++) {
			if (outcomes[place] != null) {
				buyers++;
			}
		}
		return buyers;
	}

	private Uplift revenueUplift() {
		int treated = audience.treated().size();
		return Uplift.ofMeans(revenuePerMember(0, treated), revenuePerMember(treated, audience.size()), confidence);
	}

	/**
	 * The revenue in the period in currency units of the members at places {@code from} to {@code to - 1}, in their
	 * group's order, zero for members who did not buy.
	 */
	private double[] revenuePerMember(int from, int to) {
		double[] revenue = new double[to - from];
		for (int place = from; place < to; place++) {
			Outcome outcome = outcomes[place];
			revenue[place - from] = outcome == null ? 0 : outcome.revenue / 100.0;
		}
		return revenue;
	}

	private List<ChannelResponse> byChannel() {
		List<ChannelResponse> channels = new ArrayList<>();
		reach.byChannel.forEach((channel, reached) -> {
			int conversions = 0;
			int orders = 0;
			long revenue = 0;
			for (int place : reached.places()) {
				Outcome outcome = outcomes[place];
				if (outcome != null && outcome.creditedOrders > 0) {
					conversions++;
					orders += outcome.creditedOrders;
					revenue += outcome.creditedRevenue;
				}
			}
			channels.add(new ChannelResponse(channel, reached.contacts(), conversions,
					CampaignResponse.rate(conversions, reached.contacts().sent()), orders, new Money(revenue)));
		});
		return channels;
	}

	private List<DayResponse> daily() {
		LocalDate first = LocalDate.ofInstant(campaign.launchedAt(), zone);
		LocalDate last = LocalDate.ofInstant(until.minusMillis(1), zone);
		Map<LocalDate, int[]> byDay = new TreeMap<>();
		for (int place = 0; place < outcomes.length; place++) {
			Outcome outcome = outcomes[place];
			if (outcome == null) {
				continue;
			}
			if (outcome.firstCredited != null) {
				byDay.computeIfAbsent(LocalDate.ofInstant(outcome.firstCredited, zone), d -> new int[3])[0]++;
			}
			int group = audience.isTreated(place) ? 1 : 2;
			byDay.computeIfAbsent(LocalDate.ofInstant(outcome.firstOrder, zone), d -> new int[3])[group]++;
		}
		List<DayResponse> days = new ArrayList<>();
		int[] cumulative = new int[3];
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			int[] counts = byDay.getOrDefault(day, new int[3]);
			for (int i = 0; i < 3; i++) {
				cumulative[i] += counts[i];
			}
			days.add(new DayResponse(day, cumulative[0], CampaignResponse.rate(cumulative[1], audience.treated().size()),
					CampaignResponse.rate(cumulative[2], audience.control().size())));
		}
		return days;
	}

	private static Instant earlier(Instant a, Instant b) {
		return a == null || b.isBefore(a) ? b : a;
	}

}
