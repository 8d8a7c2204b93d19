package io.membergraph.segment.internal;

import java.util.ArrayList;
import java.util.List;

import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.WarmUp;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Parses conditions of every kind the segment language has a few hundred times before ready, and evaluates none: a
 * preview parses its condition on every call, but the console's warm-up parses a dozen conditions three times, too
 * few for the JIT, and the first previews after ready compiled the parser during the call (the analytics
 * benchmark's compilation log, BENCHMARKS.md 2026-12-06 afternoon). Parsing reads no data: about 0.2 s of the
 * demo start. {@link TraitConditionsWarmUp} evaluates those on traits and points.
 */
@Component
@Order(WarmUp.BEFORE_REQUESTS_OVER_READ_MODELS)
public class SegmentLanguageWarmUp implements WarmUp {

	private static final Log log = LogFactory.getLog(SegmentLanguageWarmUp.class);

	/** Every kind of predicate, value and behaviour, and the ways to combine them. */
	static final List<String> CONDITIONS = List.of(
			"tier IN ('GOLD','PLATINUM') AND region.province = '广东' AND age BETWEEN 25 AND 35",
			"tier = 'SILVER' OR region.city != 'Shanghai'", "NOT (gender = 'FEMALE' AND age >= 40)",
			"tags CONTAINS 'vip' OR consent.sms = true", "consent.email = false AND tags CONTAINS 'new'",
			"channel.has('TMALL') AND NOT channel.has('WECHAT')", "joined >= 2025-01-01 AND joined < 2026-01-01",
			"joinChannel IN ('WECHAT','JD') OR gender IS NULL",
			"orders(count >= 3, spend > 1000, since -180d) AND NOT orders(since -60d)",
			"orders(channel = 'TMALL', count >= 1, spend >= 99.5, since -12m)",
			"bought(category = 'skincare', since -12m) AND NOT bought(sku = 'SK-1001')",
			"interactions(type = 'add_to_cart', count >= 2, since -7d) AND NOT orders(since -7d)",
			"rfm.segment = 'IMPORTANT_WIN_BACK' OR lifecycle IN ('AT_RISK','LAPSED')",
			"points.balance > 5000 AND points.expiringSoon > 0",
			"prediction.churnBand = 'HIGH' OR prediction.clv > 1000.5");

	private static final int ROUNDS = 300;

	@Override
	public void warm() {
		List<String> refused = check();
		if (!refused.isEmpty()) {
			log.warn("Segment language warm-up: conditions the language no longer takes: " + refused);
		}
		for (int round = 1; round < ROUNDS; round++) {
			check();
		}
	}

	/** Parses each condition once; those the language refuses, each with the reason. */
	static List<String> check() {
		List<String> refused = new ArrayList<>();
		for (String condition : CONDITIONS) {
			try {
				SegmentQueryParser.parse(condition);
			}
			catch (InvalidInputException ex) {
				refused.add(condition + ": " + ex.reason());
			}
		}
		return refused;
	}

	@Override
	public String toString() {
		return "segment language";
	}

}
