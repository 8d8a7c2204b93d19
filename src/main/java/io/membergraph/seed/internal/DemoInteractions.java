package io.membergraph.seed.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import io.membergraph.commerce.Order;
import io.membergraph.commerce.Product;
import io.membergraph.engagement.Interaction;
import io.membergraph.engagement.InteractionType;
import io.membergraph.member.Member;
import io.membergraph.shared.Channel;

/**
 * Makes up what members and visitors do: the steps around each order, and browsing sessions that drop out
 * of the funnel at every step (visit, browse, favourite, add to cart), campaign messages, surveys and
 * check-ins.
 */
public final class DemoInteractions {

	private final ZoneId zone;

	private final Instant end;

	private final List<Product> products;

	private final Consumer<Interaction> out;

	private long sequence;

	DemoInteractions(ZoneId zone, Instant end, List<Product> products, Consumer<Interaction> out) {
		this.zone = zone;
		this.end = end;
		this.products = products;
		this.out = out;
	}

	long produced() {
		return sequence;
	}

	void registration(Member member) {
		emit(member.id(), null, member.joinChannel(), InteractionType.REGISTER, member.joinedAt(), null, null, null);
	}

	/** The steps a member's order leaves behind: cart, order, payment, receipt, a review or a survey answer. */
	void aroundOrder(Order order, RandomGenerator random) {
		String sku = order.lines().get(0).sku();
		if (order.channel() != Channel.STORE && random.nextDouble() < 0.3) {
			emit(order.memberId(), null, order.channel(), InteractionType.ADD_TO_CART,
					order.placedAt().minusSeconds(120 + random.nextInt(3600)), sku, null, null);
		}
		emit(order.memberId(), null, order.channel(), InteractionType.ORDER, order.placedAt(), sku, order.campaignId(), null);
		if (order.paidAt() != null) {
			emit(order.memberId(), null, order.channel(), InteractionType.PAY, order.paidAt(), sku, order.campaignId(), null);
		}
		if (order.deliveredAt() != null) {
			emit(order.memberId(), null, order.channel(), InteractionType.RECEIVE, order.deliveredAt(), sku, null, null);
			if (random.nextDouble() < 0.1) {
				emit(order.memberId(), null, order.channel(), InteractionType.REVIEW,
						order.deliveredAt().plus(Duration.ofHours(10 + random.nextInt(200))), sku, null, null);
			}
		}
		Instant settled = order.completedAt() != null ? order.completedAt() : order.deliveredAt();
		if (settled != null && random.nextDouble() < 0.04) {
			emit(order.memberId(), null, order.channel(), InteractionType.SURVEY_RESPONSE, settled.plusSeconds(3600), null,
					null, surveyScore(random));
		}
		if (settled != null && random.nextDouble() < 0.008) {
			emit(order.memberId(), null, order.channel(), InteractionType.COMPLAINT, settled.plusSeconds(7200), sku, null,
					null);
		}
	}

	/**
	 * A browsing session on a day: a visit, then each further step less likely. {@code memberId} is null for
	 * an anonymous visitor.
	 */
	void session(String memberId, String visitorId, Channel channel, LocalDate day, RandomGenerator random) {
		Instant at = day.atStartOfDay(zone).plusSeconds(8 * 3600 + random.nextInt(15 * 3600)).toInstant();
		Channel online = channel == Channel.STORE ? Channel.APP : channel;
		emit(memberId, visitorId, online, InteractionType.VISIT, at, null, null, null);
		if (memberId != null && online == Channel.APP && random.nextDouble() < 0.2) {
			emit(memberId, null, online, InteractionType.CHECK_IN, at.plusSeconds(5), null, null, null);
		}
		if (random.nextDouble() >= 0.75) {
			return;
		}
		String sku = DemoCustomers.pick(products, random).sku();
		emit(memberId, visitorId, online, InteractionType.BROWSE, at.plusSeconds(30 + random.nextInt(300)), sku, null, null);
		if (random.nextDouble() < 0.15) {
			emit(memberId, visitorId, online, InteractionType.FAVOURITE, at.plusSeconds(400 + random.nextInt(300)), sku,
					null, null);
		}
		if (random.nextDouble() < 0.25) {
			emit(memberId, visitorId, online, InteractionType.ADD_TO_CART, at.plusSeconds(800 + random.nextInt(600)), sku,
					null, null);
		}
	}

	/** A campaign message to a member who agreed to be contacted, and whether it was opened and clicked. */
	void campaignMessage(Member member, String campaignId, LocalDate day, RandomGenerator random) {
		Instant at = day.atStartOfDay(zone).plusSeconds(10 * 3600).toInstant();
		emit(member.id(), null, Channel.WECHAT, InteractionType.MESSAGE_SENT, at, null, campaignId, null);
		if (random.nextDouble() < 0.45) {
			emit(member.id(), null, Channel.WECHAT, InteractionType.MESSAGE_OPENED, at.plusSeconds(600 + random.nextInt(7200)),
					null, campaignId, null);
			if (random.nextDouble() < 0.3) {
				emit(member.id(), null, Channel.WECHAT, InteractionType.MESSAGE_CLICKED,
						at.plusSeconds(9000 + random.nextInt(3600)), null, campaignId, null);
			}
		}
	}

	/** Survey answers lean to satisfied customers, as they do in practice. */
	private static int surveyScore(RandomGenerator random) {
		double u = random.nextDouble();
		return u < 0.5 ? 9 + random.nextInt(2) : u < 0.78 ? 7 + random.nextInt(2) : random.nextInt(7);
	}

	private void emit(String memberId, String visitorId, Channel channel, InteractionType type, Instant at, String sku,
			String campaignId, Integer score) {
		if (at.isAfter(end)) {
			return;
		}
		String id = "E" + String.format("%010d", ++sequence);
		out.accept(new Interaction(id, memberId, visitorId, channel, type, at, sku, campaignId, score, Map.of(), at, null, null));
	}

}
