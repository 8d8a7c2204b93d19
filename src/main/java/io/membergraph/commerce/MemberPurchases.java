package io.membergraph.commerce;

import java.util.List;

import io.membergraph.shared.Money;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's purchases rolled up by calendar month (business time zone) and by product, kept at write time
 * so analyses and segments over "what did they buy, when" read one document per member instead of the
 * orders. Derived from the member's orders alone: recomputed from them after every change and rebuilt by
 * the read-model rebuild. An order counts once paid, unless cancelled or refunded in full.
 *
 * @param version raised by every recomputation; a recomputation replaces the document only if no other one
 * came in between, so concurrent orders of one member never leave a stale rollup
 */
@Document("member_purchases")
public record MemberPurchases(@Id String memberId, List<Month> months, List<ProductPurchases> products, long version) {

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
		return other != null && months.equals(other.months) && products.equals(other.products);
	}

	/** No paid order at all: the same as having no rollup. */
	boolean isEmpty() {
		return months.isEmpty() && products.isEmpty();
	}

}
