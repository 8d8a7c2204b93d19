package io.membergraph.commerce;

import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;

/**
 * One product on an order; {@code amount} is what the line cost after any line discount (by default the unit
 * price times the quantity, rounded to the currency's minor unit once). A line may be free: a gift, a sample,
 * a postage adjustment of zero.
 */
public record OrderLine(String sku, String category, int quantity, UnitPrice unitPrice, Money amount) {
}
