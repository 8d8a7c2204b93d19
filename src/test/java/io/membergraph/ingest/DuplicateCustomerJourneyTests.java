package io.membergraph.ingest;

import java.util.Map;
import java.util.stream.Stream;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole story of the data-integration issue: a customer who shopped on Tmall and in a store under two
 * different phone numbers is imported twice, shows up as a duplicate candidate, is merged, and every figure
 * afterwards is exactly what one customer with both histories has.
 */
class DuplicateCustomerJourneyTests extends ApplicationTest {

	@Test
	void aCustomerImportedTwiceIsFoundMergedAndCountedOnce() {
		String tmallPhone = newPhone();
		String storePhone = newPhone();
		String name = "周" + tmallPhone.substring(7);
		String members = """
				name,gender,birthDate,phone,channel,externalId,joinedAt,city
				%1$s,女,1992-07-15,%2$s,TMALL,tb-%2$s,2025-01-05,杭州
				%1$s,女,1992-07-15,%3$s,STORE,card-%3$s,2025-06-01 19:30,杭州市
				""".formatted(name, tmallPhone, storePhone);
		awaitImport(startImport("members", "crm", members, "{}", null))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(2);
		String orders = """
				orderNumber,channel,memberPhone,placedAt,paidAt,sku,quantity,unitPrice
				TM-%1$s,TMALL,%1$s,2025-03-01 10:00,2025-03-01 10:00,SK-1001,1,420.00
				ST-%2$s,STORE,%2$s,2025-07-01 15:00,2025-07-01 15:00,HC-4001,2,129.00
				ST-%2$s,STORE,%2$s,2025-07-01 15:00,2025-07-01 15:00,SK-1001,1,420.00
				""".formatted(tmallPhone, storePhone);
		awaitImport(startImport("orders", "crm", orders, "{}", null))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(3);
		String tmall = memberByPhone(tmallPhone);
		String store = memberByPhone(storePhone);
		long points = balance(tmall) + balance(store);

		as("crm").documentName("duplicateCandidates").execute()
			.path("duplicateCandidates[?(@.first.id == '" + tmall + "' && @.second.id == '" + store + "')].evidence")
			.entityList(Object.class).hasSize(1);

		as("crm").documentName("mergeMembers")
			.variable("input", Map.of("survivorId", tmall, "mergedId", store, "reason", "same name, birth date and city"))
			.execute().path("mergeMembers.errors").entityList(Object.class).hasSize(0);

		assertThat(memberByPhone(storePhone)).isEqualTo(tmall);
		as("crm").documentName("memberActivity").variable("id", tmall).execute()
			.path("member.purchases.months[*].month").entityList(String.class).containsExactly("2025-03", "2025-07")
			.path("member.purchases.products[?(@.sku == 'SK-1001')].orders").entityList(Integer.class).containsExactly(2);
		as("crm").documentName("memberStats").variable("id", tmall).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(2)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("1098.00");
		assertThat(balance(tmall)).isEqualTo(points);
		as("crm").documentName("duplicateCandidates").execute()
			.path("duplicateCandidates[?(@.second.id == '" + store + "')]").entityList(Object.class).hasSize(0);

		// Re-running both exports after the merge changes nothing.
		awaitImport(startImport("orders", "crm", orders, "{}", null))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(0);
		as("crm").documentName("memberStats").variable("id", tmall).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(2);

		GraphQlTester.Response report = as("admin").documentName("rebuildReadModels").variable("repair", false).execute();
		Stream.of("memberStats", "memberOrderLists", "memberPurchases", "interactionMonths", "pointsTotals", "pointsLots")
			.forEach(list -> report.path("rebuildReadModels.report." + list).entityList(String.class).doesNotContain(tmall, store));
	}

	private String memberByPhone(String phone) {
		return as("crm").documentName("memberByContact").variable("phone", phone).execute()
			.path("memberByContact.id").entity(String.class).get();
	}

	private long balance(String memberId) {
		return as("crm").documentName("memberPoints").variable("id", memberId).execute()
			.path("member.points.balance").entity(Long.class).get();
	}

}
