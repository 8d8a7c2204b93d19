package io.membergraph.commerce;

import java.time.Instant;
import java.util.List;

import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's purchases rolled up by calendar month (business time zone) and by product, kept at write time
 * so analyses and segments over "what did they buy, when" read one document per member instead of the
 * orders. Derived from the member's orders alone: recomputed from them after every change and rebuilt by
 * the read-model rebuild. An order counts once paid, unless cancelled or refunded in full.
 *
 * @param version raised by every recomputation; a recomputation replaces the document only if no other one
 * came in between, so concurrent orders of one member never leave a stale rollup
 * @param changedAt when the rollup was last written, so in-memory views of the rollups reload only what changed
 */
@Document("member_purchases")
public record MemberPurchases(@Id String memberId, List<Month> months, List<ProductPurchases> products,
		List<PaidOrder> orders, long version, @Indexed Instant changedAt) {

	public List<PaidOrder> orders() {
		return orders == null ? List.of() : orders;
	}

	/**
	 * Each paid, not cancelled order in brief, oldest first, so an analysis can count orders and spend as of
	 * any date, in any time zone, without reading the orders.
	 *
	 * @param storeId the store it was placed in, or null
	 * @param refunds the order's refunds, when and how much
	 * @param items the products on the order, each once
	 */
	public record PaidOrder(String orderId, Instant placedAt, Channel channel, String storeId, Money paidAmount,
			List<RefundAt> refunds, List<Item> items) {

		public List<Item> items() {
			return items == null ? List.of() : items;
		}

		/** Refunded by the end of {@code at} (exclusive). */
		public Money refundedBefore(Instant at) {
			if (refunds.isEmpty()) {
				return Money.ZERO;
			}
			long refunded = 0;
			for (RefundAt refund : refunds) {
				if (refund.at().isBefore(at)) {
					refunded += refund.amount().minorUnits();
				}
			}
			return refunded == 0 ? Money.ZERO : new Money(refunded);
		}

		/** Whether the order counts as of {@code at}: paid, and not refunded in full by then. */
		public boolean countsAt(Instant at) {
			// Most orders have no refund: they count (paid amounts are never negative).
			return refunds.isEmpty() || paidAmount.equals(Money.ZERO) || refundedBefore(at).compareTo(paidAmount) < 0;
		}

	}

	public record RefundAt(Instant at, Money amount) {
	}

	public record Item(String sku, String category) {
	}

	/**
	 * One calendar month, by order placement.
	 *
	 * @param orders counted orders placed in the month
	 * @param grossSpend paid amounts of the month's paid orders (also those refunded in full later)
	 * @param refundAmount refunds of those orders, whenever refunded
	 */
	public record Month(String month, int orders, Money grossSpend, Money refundAmount) {

		public Money netSpend() {
			return grossSpend.minus(refundAmount);
		}

	}

	/**
	 * One product over the member's counted orders.
	 *
	 * @param quantity units bought less units returned
	 * @param spend the product's share of the orders' paid amounts, by line amount
	 * @param days the distinct business days (ISO dates) the member bought it, ascending
	 */
	public record ProductPurchases(String sku, String category, int orders, int quantity, Money spend,
			List<String> days) {
	}

	boolean sameFigures(MemberPurchases other) {
		return other != null && months.equals(other.months) && products.equals(other.products)
				&& orders().equals(other.orders());
	}

	/** No paid order at all: the same as having no rollup. */
	public boolean isEmpty() {
		return months.isEmpty() && products.isEmpty() && orders().isEmpty();
	}

}
