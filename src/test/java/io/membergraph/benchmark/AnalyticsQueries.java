package io.membergraph.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/** The analyses the analytics benchmark runs, as a caller writes them: the last day of the generated history as of. */
final class AnalyticsQueries {

	static final String SCOPE = "{asOf: \"" + AnalyticsBenchmark.END + "\"}";

	static final Map<String, String> ALL = new LinkedHashMap<>();

	static {
		ALL.put("rfm", "{ rfm(input: {scope: " + SCOPE + "}) { recencyReference frequencyReference monetaryReference "
				+ "members spend segments { segment members spend } } }");
		ALL.put("valueMatrix", "{ valueMatrix(input: {scope: " + SCOPE + "}) { aovReference frequencyReference members "
				+ "spend quadrants { type members orders spend } } }");
		ALL.put("lifecycle", "{ lifecycle(input: {scope: " + SCOPE + "}) { members stages { stage members } } }");
		ALL.put("lifecycleTransitions", "{ lifecycleTransitions(input: {scope: " + SCOPE + "}, fromDate: \"2026-04-30\") "
				+ "{ members cells { from to members } } }");
		ALL.put("acquisition", "{ acquisition(scope: " + SCOPE + ", period: MONTH, from: \"2025-11-01\") { periods { "
				+ "start newMembers firstTimeBuyers customers retained retentionRate } } }");
		ALL.put("cohortRetention", "{ cohortRetention(input: {scope: " + SCOPE + ", from: \"2025-11\", to: \"2026-10\"}) "
				+ "{ cohorts { month size retained } } }");
		ALL.put("repurchase", "{ repurchase(input: {scope: " + SCOPE + ", dimension: PRODUCT, top: 20}) { items top { "
				+ "key buyers repeatBuyers medianInterval meanInterval } } }");
		ALL.put("memberBase", "{ memberBase(scope: " + SCOPE + ") { members tiers { key members buyers orders spend } "
				+ "provinces { key members buyers orders spend } sales { memberOrders memberSpend guestOrders guestSpend } } }");
		ALL.put("tierMigration", "{ tierMigration(scope: " + SCOPE + ", fromDate: \"2025-10-31\") { from to members } }");
		ALL.put("pointsFlows", "{ pointsFlows(scope: " + SCOPE + ", period: MONTH, from: \"2025-11-01\") { start issued "
				+ "redeemed expired } }");
		ALL.put("salesKpis", "{ salesKpis(scope: " + SCOPE + ", period: DAY, from: \"2026-10-01\") { rows { start figures { "
				+ "orders paidOrders gmv paidAmount refunds newCustomers returningCustomers "
				+ "paymentCycle { medianHours p90Hours orders } } } } }");
	}

	private AnalyticsQueries() {
	}

}
