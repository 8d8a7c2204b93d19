package io.membergraph.security;

import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Who read which member in full, exported, merged, changed accounts or signed in: kept, and shown to ADMIN only. */
class AuditTrailTests extends ApplicationTest {

	@Test
	void aFullReadIsLoggedOncePerReaderMemberAndOperationAndAMaskedReadIsNot() {
		String memberId = registerMember("Audit Subject");
		as("crm").document("query($id: ID!) { a: member(id: $id) { name } b: member(id: $id) { phone } }")
			.variable("id", memberId).execute().errors().verify();
		as("marketer").document("query($id: ID!) { member(id: $id) { name } }").variable("id", memberId).execute()
			.errors().verify();

		List<Map> entries = log(Map.of("memberId", memberId, "action", "READ_PERSONAL_DATA"));
		assertThat(entries).filteredOn(e -> "crm".equals(e.get("actor"))).singleElement()
			.satisfies(e -> assertThat(e).containsEntry("operation", "member"));
		assertThat(entries).extracting(e -> e.get("actor")).doesNotContain("marketer")
			.as("registering answers with the member in full").contains("admin");
	}

	@Test
	void aPreviewSampleOfIdsOnlyReadsNobodyInFullAndOneWithNamesIsLogged() {
		String province = "审计省" + newPhone();
		String memberId = as("admin").documentName("registerMember").variable("input", Map.of("name", "Sampled",
				"phone", newPhone(), "joinChannel", "APP", "region", Map.of("province", province))).execute()
			.path("registerMember.member.id").entity(String.class).get();
		String preview = "query($q: String!) { previewSegment(query: $q, sample: 5) { members sample { %s } } }";
		String query = "region.province = '" + province + "'";

		as("crm").document(preview.formatted("id")).variable("q", query).execute()
			.path("previewSegment.sample[*].id").entityList(String.class).containsExactly(memberId);
		assertThat(log(Map.of("memberId", memberId, "actor", "crm"))).isEmpty();

		as("crm").document(preview.formatted("id name")).variable("q", query).execute()
			.path("previewSegment.sample[*].name").entityList(String.class).containsExactly("Sampled");
		assertThat(log(Map.of("memberId", memberId, "actor", "crm"))).singleElement()
			.satisfies(e -> assertThat(e).containsEntry("action", "READ_PERSONAL_DATA").containsEntry("operation", "members"));
	}

	@Test
	void signInsThatFailAndThatWorkAreLoggedByTheNameGiven() {
		http().post().uri("/auth/token").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", "audit-nobody", "password", "wrong password")).exchange()
			.expectStatus().isUnauthorized();
		token("support");

		assertThat(log(Map.of("actor", "audit-nobody"))).extracting(e -> e.get("action")).containsExactly("SIGN_IN_FAILED");
		assertThat(log(Map.of("actor", "support", "action", "SIGN_IN"))).isNotEmpty();
	}

	@Test
	void accountChangesAreLoggedWithWhoMadeThem() {
		as("admin").document("mutation { createUser(input: {username: \"audit.new\", roles: [MARKETER]}) { errors { code } } }")
			.execute().path("createUser.errors").entityList(Object.class).hasSize(0);
		as("admin").document("mutation { disableUser(input: {username: \"audit.new\"}) { errors { code } } }").execute()
			.path("disableUser.errors").entityList(Object.class).hasSize(0);

		List<Map> entries = log(Map.of("actor", "admin", "action", "ACCOUNT_CHANGE"));
		assertThat(entries).filteredOn(e -> String.valueOf(e.get("detail")).startsWith("audit.new:"))
			.extracting(e -> e.get("operation")).containsExactly("disableUser", "createUser");
	}

	@Test
	void onlyAnAdminReadsTheLog() {
		as("crm").documentName("auditLog").execute().errors()
			.satisfy(errors -> assertThat(errors).extracting(e -> e.getErrorType().toString()).containsExactly("FORBIDDEN"));
	}

	@SuppressWarnings("rawtypes")
	private List<Map> log(Map<String, Object> filter) {
		return as("admin").documentName("auditLog").variable("filter", filter).variable("first", 100).execute()
			.path("auditLog.edges[*].node").entityList(Map.class).get();
	}

}
