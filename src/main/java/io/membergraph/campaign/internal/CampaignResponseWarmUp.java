package io.membergraph.campaign.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.campaign.ContactKind;
import io.membergraph.campaign.Campaign;
import io.membergraph.campaign.internal.CampaignAudiences.Audience;
import io.membergraph.campaign.CampaignResponses;
import io.membergraph.campaign.CampaignStatus;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderStatus;
import io.membergraph.customer.OrderFacts;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.WarmUp;
import org.springframework.stereotype.Component;

/**
 * Measures a made-up campaign once at start-up, nothing written: an audience of members who do not exist, with
 * their contacts and orders, joined by every second member who bought in the last weeks, whose real orders the
 * measurement reads as a campaign's response reads its audience's. A store whose campaigns were never launched (the
 * demo data's) otherwise leaves the response's code to be compiled while the first marketer waits: that first call
 * took 2.3 times its median at 100,000 members (BENCHMARKS.md, campaign response by place). Made-up members alone
 * were not enough: the compiled code met its first real audience member, an audience read from the store and a
 * member touched several times there, and was thrown away and compiled again during the call (2.3 times again).
 */
@Component
@org.springframework.core.annotation.Order(WarmUp.BEFORE_REQUESTS_OVER_READ_MODELS)
public class CampaignResponseWarmUp implements WarmUp {

	private static final int MEMBERS = 20_000;

	private static final int ROUNDS = 3;

	/** No member id has parentheses: the made-up members are no one's. */
	private static final String PREFIX = "(warm-up)";

	private final OrderFacts orders;

	private final BusinessCalendar calendar;

	private final Clock clock;

	CampaignResponseWarmUp(OrderFacts orders, BusinessCalendar calendar, Clock clock) {
		this.orders = orders;
		this.calendar = calendar;
		this.clock = clock;
	}

	@Override
	public void warm() {
		Instant launch = clock.instant().minus(Duration.ofDays(30));
		Campaign campaign = new Campaign(PREFIX, PREFIX, Channel.WECHAT, launch, launch.plus(Duration.ofDays(14)), null,
				0.1, 7, Money.of("100.00"), CampaignStatus.LAUNCHED, PREFIX, launch, launch, MEMBERS, MEMBERS / 10);
		Instant until = campaign.measuredUntil();
		Set<String> treated = new HashSet<>();
		Set<String> control = new HashSet<>();
		List<CampaignContact> contacts = new ArrayList<>();
		List<Order> bought = new ArrayList<>();
		for (int i = 0; i < MEMBERS; i++) {
			String member = PREFIX + i;
			enlist(campaign, member, i, treated, control, contacts);
			if (i % 4 != 0) {
				Instant placed = launch.plus(Duration.ofHours(2 + i % 300));
				bought.add(order(member, i, placed, i % 7 == 0 ? campaign.id() : null));
			}
		}
		// Every second buyer of the period joins: the filter over the real orders takes some members and turns others away.
		List<String> buyers = buyersBetween(launch, until);
		for (int i = 0; i < buyers.size(); i += 2) {
			enlist(campaign, buyers.get(i), i / 2, treated, control, contacts);
		}
		Audience audience = new Audience(treated, control);
		Map<String, Integer> windows = Map.of(campaign.id(), campaign.attributionWindowDays());
		for (int round = 0; round < ROUNDS; round++) {
			ResponseMeasurement measurement = new ResponseMeasurement(campaign, audience,
					round % 2 == 0 ? Attribution.LAST_TOUCH : Attribution.FIRST_TOUCH, CampaignResponses.DEFAULT_CONFIDENCE,
					calendar.zone(), until)
				.reached(ResponseMeasurement.reach(campaign, audience, contacts, windows))
				.followingMerges(Map.of())
				.orders(orders, launch, until);
			bought.forEach(measurement::order);
			measurement.result();
		}
	}

	/**
	 * Puts the member in the audience, one in ten in the control group, and gives a treated one the contacts a sending
	 * channel reports: sent within two days of the launch, then delivered, opened and clicked by fewer and fewer.
	 */
	private static void enlist(Campaign campaign, String member, int i, Set<String> treated, Set<String> control,
			List<CampaignContact> contacts) {
		if (i % 10 == 0) {
			control.add(member);
			return;
		}
		treated.add(member);
		Instant sent = campaign.launchedAt().plus(Duration.ofHours(i % 48));
		contacts.add(contact(campaign, member, ContactKind.SENT, sent));
		if (i % 20 != 1) {
			contacts.add(contact(campaign, member, ContactKind.DELIVERED, sent.plus(Duration.ofMinutes(1))));
		}
		if (i % 3 == 0) {
			contacts.add(contact(campaign, member, ContactKind.OPENED, sent.plus(Duration.ofHours(1 + i % 30))));
		}
		if (i % 12 == 0) {
			contacts.add(contact(campaign, member, ContactKind.CLICKED, sent.plus(Duration.ofHours(25))));
		}
	}

	/**
	 * The members who placed orders in the period, each once, at most {@value #MEMBERS}; their orders are not read.
	 * (A member is asked about once a pass over the view's rows, and again for each order changed since.)
	 */
	private List<String> buyersBetween(Instant from, Instant until) {
		Set<String> buyers = new LinkedHashSet<>();
		orders.placedBetween(from, until, member -> {
			if (member != null && buyers.size() < MEMBERS) {
				buyers.add(member);
			}
			return false;
		}).forEach(order -> {
		});
		return List.copyOf(buyers);
	}

	private static CampaignContact contact(Campaign campaign, String member, ContactKind kind, Instant at) {
		return new CampaignContact(CampaignContact.idOf(campaign.id(), member, kind), campaign.id(), member, kind,
				campaign.channel(), at, at);
	}

	private static Order order(String member, int i, Instant placed, String campaignId) {
		Money paid = new Money(1_000 + i % 50_000);
		return new Order("APP:" + member, member, Channel.APP, member, null, null, OrderStatus.PAID, placed, placed, null,
				null, null, null, List.of(), new Money(i % 500), paid, null, campaignId, List.of(),
				i % 9 == 0 ? new Money(500) : Money.ZERO, null, null, placed, placed, "CNY", null, null, null);
	}

}
