package io.membergraph.seed.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderLine;
import io.membergraph.commerce.OrderStatus;
import io.membergraph.commerce.Product;
import io.membergraph.commerce.Refund;
import io.membergraph.commerce.Store;
import io.membergraph.seed.internal.ReferenceData.CampaignSpec;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;

/**
 * Makes up orders as channels report them: baskets of one to three products, discounts in campaigns,
 * payment, shipping and delivery times, cancellations and refunds, and orders still in flight at the end.
 */
public final class DemoOrders {

	private final GeneratorSettings settings;

	private final ZoneId zone;

	private final Instant end;

	private final List<Product> products;

	private final Map<String, List<Product>> productsByCategory;

	private final List<Store> stores;

	private final List<CampaignSpec> campaigns;

	/** Whether an order of a member (null for a guest) may name a campaign, as holding its coupon. */
	private final BiPredicate<String, String> mayName;

	private long sequence;

	DemoOrders(GeneratorSettings settings, ReferenceData reference, ZoneId zone, Instant end,
			BiPredicate<String, String> mayName) {
		this.settings = settings;
		this.mayName = mayName;
		this.zone = zone;
		this.end = end;
		this.products = reference.products();
		this.productsByCategory = products.stream().collect(Collectors.groupingBy(Product::category));
		this.stores = reference.stores();
		this.campaigns = reference.campaigns();
	}

	/** A favourite the member keeps coming back for: mostly skincare, which is bought again and again. */
	Product favourite(RandomGenerator random) {
		List<Product> pool = random.nextDouble() < 0.7 ? productsByCategory.get("skincare") : products;
		return DemoCustomers.pick(pool, random);
	}

	Order order(String memberId, Channel channel, LocalDate day, Product favourite, RandomGenerator random) {
		Instant placedAt = day.atStartOfDay(zone).plusSeconds(9 * 3600 + random.nextInt(14 * 3600)).toInstant();
		List<OrderLine> lines = basket(favourite, random);
		Money subtotal = lines.stream().map(OrderLine::amount).reduce(Money.ZERO, Money::plus);
		String campaignId = campaignOn(day, channel, random);
		if (campaignId != null && !mayName.test(memberId, campaignId)) {
			campaignId = null;
		}
		Money discount = campaignId != null ? subtotal.dividedBy(10) : Money.ZERO;
		Money paid = subtotal.minus(discount);
		boolean cancelled = random.nextDouble() < settings.cancelledShare();
		Instant paidAt = cancelled ? null : upTo(placedAt.plusSeconds(60 + random.nextInt(1800)));
		Instant cancelledAt = cancelled ? upTo(placedAt.plusSeconds(600 + random.nextInt(3000))) : null;
		boolean inStore = channel == Channel.STORE;
		Instant shippedAt = paidAt == null || inStore ? null : upTo(paidAt.plus(Duration.ofHours(6 + random.nextInt(42))));
		Instant deliveredAt = shippedAt == null ? null : upTo(shippedAt.plus(Duration.ofHours(20 + random.nextInt(70))));
		Instant completedAt = inStore ? paidAt
				: deliveredAt == null ? null : upTo(deliveredAt.plus(Duration.ofDays(7)));
		Store store = inStore ? DemoCustomers.pick(stores, random) : null;
		String number = prefix(channel) + String.format("%09d", ++sequence);
		List<Refund> refunds = refunds(paid, lines, paidAt, completedAt == null ? deliveredAt : completedAt, random);
		Money refunded = refunds.stream().map(Refund::amount).reduce(Money.ZERO, Money::plus);
		OrderStatus status = cancelledAt != null ? OrderStatus.CANCELLED : completedAt != null ? OrderStatus.COMPLETED
				: deliveredAt != null ? OrderStatus.DELIVERED : shippedAt != null ? OrderStatus.SHIPPED
						: paidAt != null ? OrderStatus.PAID : OrderStatus.PLACED;
		return new Order(channel.name() + ":" + number, number, channel, memberId, store == null ? null : store.id(),
				store == null ? null : store.id() + "-SA" + (1 + random.nextInt(4)), status, placedAt, paidAt, shippedAt,
				deliveredAt, completedAt, cancelledAt, lines, discount, paid, null, campaignId, refunds, refunded,
				List.of(), null, placedAt, null, "CNY", null, null, null);
	}

	private List<OrderLine> basket(Product favourite, RandomGenerator random) {
		List<OrderLine> lines = new ArrayList<>();
		int size = random.nextDouble() < 0.55 ? 1 : random.nextDouble() < 0.7 ? 2 : 3;
		Product first = favourite != null && random.nextDouble() < 0.6 ? favourite : DemoCustomers.pick(products, random);
		lines.add(line(first, random));
		for (int i = 1; i < size; i++) {
			Product product = DemoCustomers.pick(products, random);
			if (lines.stream().noneMatch(l -> l.sku().equals(product.sku()))) {
				lines.add(line(product, random));
			}
		}
		return lines;
	}

	private static OrderLine line(Product product, RandomGenerator random) {
		int quantity = random.nextDouble() < 0.85 ? 1 : 2;
		return new OrderLine(product.sku(), product.category(), quantity, UnitPrice.of(product.listPrice()),
				product.listPrice().times(quantity));
	}

	/** A refund of the whole order or of its first line, a few days after it arrived. */
	private List<Refund> refunds(Money paid, List<OrderLine> lines, Instant paidAt, Instant arrivedAt,
			RandomGenerator random) {
		if (paidAt == null || arrivedAt == null || paid.minorUnits() == 0
				|| random.nextDouble() >= settings.refundShare()) {
			return List.of();
		}
		Instant refundedAt = upTo(arrivedAt.plus(Duration.ofHours(12 + random.nextInt(120))));
		if (refundedAt == null) {
			return List.of();
		}
		boolean full = lines.size() == 1 || random.nextDouble() < 0.6;
		Money amount = full ? paid : lines.get(0).amount();
		if (amount.compareTo(paid) > 0) {
			amount = paid;
		}
		List<Refund.RefundLine> refundLines = full
				? lines.stream().map(l -> new Refund.RefundLine(l.sku(), l.quantity())).toList()
				: List.of(new Refund.RefundLine(lines.get(0).sku(), lines.get(0).quantity()));
		return List.of(new Refund("R1", amount, refundedAt, full ? "退货 return" : "部分退款 partial refund", refundLines, null));
	}

	private String campaignOn(LocalDate day, Channel channel, RandomGenerator random) {
		for (CampaignSpec campaign : campaigns) {
			if (day.getMonthValue() == campaign.month() && day.getDayOfMonth() >= campaign.startDay()
					&& day.getDayOfMonth() <= campaign.endDay()
					&& (campaign.channel() == channel || random.nextDouble() < 0.3)) {
				return campaign.id() + "-" + day.getYear();
			}
		}
		return null;
	}

	/** The time if it has happened by the end of the generated history; orders near the end are still in flight. */
	private Instant upTo(Instant time) {
		return time.isAfter(end) ? null : time;
	}

	private static String prefix(Channel channel) {
		return switch (channel) {
			case STORE -> "S";
			case WEB -> "W";
			case APP -> "A";
			case TMALL -> "T";
			case JD -> "J";
			case WECHAT -> "X";
		};
	}

}
