package io.membergraph.seed.internal;

import java.time.LocalDate;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When and how much demo data to load. Sizes left empty come from {@code seed/generator.json}.
 *
 * @param enabled load demo data at start-up into an empty store; on by default only on the embedded store
 * @param endDate the last day of generated history; defaults to today
 */
@ConfigurationProperties("membergraph.seed")
public record SeedSettings(boolean enabled, Integer members, Integer orders, Integer interactions, LocalDate endDate) {
}
