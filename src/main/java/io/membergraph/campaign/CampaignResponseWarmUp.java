package io.membergraph.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.campaign.CampaignAudiences.Audience;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderStatus;
import io.membergraph.customer.OrderFacts;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.WarmUp;
import org.springframework.stereotype.Component;

/**
 * Measures a made-up campaign once at start-up: an audience of members who do not exist, their contacts and orders,
 * nothing read from or written to the store but the orders of the last weeks, which the audience's filter turns
 * away. A store whose campaigns were never launched (the demo data's) otherwise leaves the response's code to be
 * compiled while the first marketer waits: that first call took 2.3 times its median at 100,000 members
 * (BENCHMARKS.md, campaign response by place).
 */
@Component
@org.springframework.core.annotation.Order(WarmUp.BEFORE_REQUESTS_OVER_READ_MODELS)
class CampaignResponseWarmUp implements WarmUp {

	private static final int MEMBERS = 20_000;

	private static final int ROUNDS = 3;

	/** No member id has parentheses: the filter over the real orders selects none. */
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
		Set<String> treated = new HashSet<>();
		Set<String> control = new HashSet<>();
		List<CampaignContact> contacts = new ArrayList<>();
		List<Order> bought = new ArrayList<>();
		for (int i = 0; i < MEMBERS; i++) {
			String member = PREFIX + i;
			(i % 10 == 0 ? control : treated).add(member);
			Instant sent = launch.plus(Duration.ofHours(i % 48));
			if (i % 10 != 0) {
				contacts.add(contact(campaign, member, ContactKind.SENT, sent));
				if (i % 3 == 0) {
					contacts.add(contact(campaign, member, ContactKind.OPENED, sent.plus(Duration.ofHours(1))));
				}
			}
			if (i % 4 != 0) {
				bought.add(order(member, i, sent.plus(Duration.ofHours(1 + i % 200)), i % 7 == 0 ? campaign.id() : null));
			}
		}
		Audience audience = new Audience(treated, control);
		for (int round = 0; round < ROUNDS; round++) {
			ResponseMeasurement measurement = new ResponseMeasurement(campaign, audience,
					round % 2 == 0 ? Attribution.LAST_TOUCH : Attribution.FIRST_TOUCH, CampaignResponses.DEFAULT_CONFIDENCE,
					calendar.zone(), campaign.measuredUntil())
				.contacts(contacts, Map.of(campaign.id(), campaign.attributionWindowDays()))
				.orders(orders, launch, campaign.measuredUntil());
			bought.forEach(measurement::order);
			measurement.result();
		}
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
