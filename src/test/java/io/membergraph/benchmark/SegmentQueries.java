package io.membergraph.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/** The segment issue's example queries, each previewed by the benchmark and counted again by DuckDB. */
final class SegmentQueries {

	static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

	static {
		EXAMPLES.put("tier, region and age", "tier IN ('GOLD','PLATINUM') AND region.province = '广东' AND age BETWEEN 25 AND 35");
		EXAMPLES.put("frequent buyers gone quiet", "orders(count >= 3, spend > 1000, since -180d) AND NOT orders(since -60d)");
		EXAMPLES.put("skincare without SK-1001", "bought(category = 'skincare', since -12m) AND NOT bought(sku = 'SK-1001')");
		EXAMPLES.put("abandoned carts", "interactions(type = 'add_to_cart', count >= 2, since -7d) AND NOT orders(since -7d)");
		EXAMPLES.put("win back or at risk", "rfm.segment = 'IMPORTANT_WIN_BACK' OR lifecycle IN ('AT_RISK','LAPSED')");
		EXAMPLES.put("points about to expire", "points.balance > 5000 AND points.expiringSoon > 0");
		EXAMPLES.put("SMS consent", "consent.sms = true");
		EXAMPLES.put("vip tag", "tags CONTAINS 'vip'");
		EXAMPLES.put("on Tmall", "channel.has('TMALL')");
		EXAMPLES.put("joined since 2025", "joined >= 2025-01-01");
	}

	private SegmentQueries() {
	}

}
