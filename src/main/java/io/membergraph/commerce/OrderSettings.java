package io.membergraph.commerce;

import io.membergraph.shared.Money;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and defaults of orders.
 *
 * @param maxLines the most lines one order may hold; a wholesale invoice runs to thousands. An order beyond it
 * is refused whole with the reason, never cut.
 * @param currency the currency of an order that names none (ISO 4217, two decimal places or none)
 */
@ConfigurationProperties("membergraph.orders")
public record OrderSettings(@DefaultValue("10000") int maxLines, @DefaultValue("CNY") String currency) {

	public OrderSettings {
		if (maxLines < 1 || maxLines > 100_000) {
			throw new IllegalArgumentException("membergraph.orders.max-lines must be between 1 and 100000");
		}
		try {
			Money.currencyCode(currency);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("membergraph.orders.currency: " + ex.getMessage());
		}
	}

	/** The defaults, for code that builds orders without the application's settings (tests, generators). */
	public static final OrderSettings DEFAULTS = new OrderSettings(10_000, "CNY");

}
