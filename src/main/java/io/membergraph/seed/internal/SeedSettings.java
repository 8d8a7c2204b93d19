package io.membergraph.seed.internal;

import java.time.LocalDate;

import io.membergraph.shared.SettingOutOfBounds;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When and how much demo data to load. Sizes left empty come from {@code seed/generator.json}; given, they are
 * bounded by what a demo or a benchmark asks for (the analytics benchmark loads 100,000 members, a million orders and
 * three million interactions), so that a typo stops the start rather than filling the heap.
 *
 * @param enabled load demo data at start-up into an empty store; on by default only on the embedded store
 * @param endDate the last day of generated history; defaults to today
 */
@ConfigurationProperties("membergraph.seed")
public record SeedSettings(boolean enabled, Integer members, Integer orders, Integer interactions, LocalDate endDate) {

	private static final LocalDate FIRST_END = LocalDate.of(2000, 1, 1);

	private static final LocalDate LAST_END = LocalDate.of(2100, 12, 31);

	public SeedSettings {
		if (members != null) {
			SettingOutOfBounds.within("membergraph.seed.members", members, 1, 10_000_000);
		}
		if (orders != null) {
			SettingOutOfBounds.within("membergraph.seed.orders", orders, 0, 100_000_000);
		}
		if (interactions != null) {
			SettingOutOfBounds.within("membergraph.seed.interactions", interactions, 0, 300_000_000);
		}
		if (endDate != null && (endDate.isBefore(FIRST_END) || endDate.isAfter(LAST_END))) {
			throw new SettingOutOfBounds("membergraph.seed.end-date", "between " + FIRST_END + " and " + LAST_END, endDate);
		}
	}

}
