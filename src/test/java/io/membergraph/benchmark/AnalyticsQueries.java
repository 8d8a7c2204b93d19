package io.membergraph.benchmark;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

/** The analyses the analytics benchmark runs, as a caller writes them: as of the last day of the generated history. */
final class AnalyticsQueries {

	static final LocalDate END = AnalyticsBenchmark.END;

	/** The first day of the twelve months ending with the as-of month. */
	static final LocalDate FIRST_MONTH = END.withDayOfMonth(1).minusMonths(11);

	static final String SCOPE = "{asOf: \"" + END + "\"}";

	static final Map<String, String> ALL = new LinkedHashMap<>();

	static {
		ALL.put("rfm", "{ rfm(input: {scope: " + SCOPE + "}) { recencyReference frequencyReference monetaryReference "
				+ "members spend segments { segment members spend } } }");
		ALL.put("valueMatrix", "{ valueMatrix(input: {scope: " + SCOPE + "}) { aovReference frequencyReference members "
				+ "spend quadrants { type members orders spend } } }");
		ALL.put("lifecycle", "{ lifecycle(input: {scope: " + SCOPE + "}) { members stages { stage members } } }");
		ALL.put("lifecycleTransitions", "{ lifecycleTransitions(input: {scope: " + SCOPE + ", fromDate: \"" + END.minusMonths(6) + "\"}) "
				+ "{ members cells { from to members } } }");
		ALL.put("acquisition", "{ acquisition(input: {scope: " + SCOPE + ", period: MONTH, from: \"" + FIRST_MONTH + "\"}) { periods { "
				+ "start newMembers firstTimeBuyers customers retained retentionRate } } }");
		ALL.put("cohortRetention", "{ cohortRetention(input: {scope: " + SCOPE + ", from: \"" + YearMonth.from(FIRST_MONTH) + "\", to: \"" + YearMonth.from(END) + "\"}) "
				+ "{ cohorts { month size retained } } }");
		ALL.put("repurchase", "{ repurchase(input: {scope: " + SCOPE + ", dimension: PRODUCT, top: 20}) { items top { "
				+ "key buyers repeatBuyers medianInterval meanInterval } } }");
		ALL.put("memberBase", "{ memberBase(input: {scope: " + SCOPE + "}) { members tiers { key members buyers orders spend } "
				+ "provinces { key members buyers orders spend } sales { memberOrders memberSpend guestOrders guestSpend } } }");
		ALL.put("tierMigration", "{ tierMigration(input: {scope: " + SCOPE + ", fromDate: \"" + END.minusYears(1) + "\"}) { from to members } }");
		ALL.put("pointsFlows", "{ pointsFlows(input: {scope: " + SCOPE + ", period: MONTH, from: \"" + FIRST_MONTH + "\"}) { start issued "
				+ "redeemed expired } }");
		ALL.put("salesKpis", "{ salesKpis(input: {scope: " + SCOPE + ", period: DAY, from: \"" + END.withDayOfMonth(1) + "\"}) { rows { start figures { "
				+ "orders paidOrders gmv paidAmount refunds newCustomers returningCustomers "
				+ "paymentCycle { medianHours p90Hours orders } } } } }");
	}

	private AnalyticsQueries() {
	}

}
