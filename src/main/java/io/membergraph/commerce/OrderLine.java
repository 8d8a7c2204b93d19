package io.membergraph.commerce;

import io.membergraph.shared.Money;

/** One product on an order; {@code amount} is what the line cost after any line discount. */
public record OrderLine(String sku, String category, int quantity, Money unitPrice, Money amount) {
}
