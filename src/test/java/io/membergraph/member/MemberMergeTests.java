package io.membergraph.member;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.membergraph.ApplicationTest;
import io.membergraph.member.internal.MemberMergeRecord;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/** Merging a member registered twice, through the API, as a CRM specialist does it. */
class MemberMergeTests extends ApplicationTest {

	@Test
	void aMergeMovesEverythingToTheSurvivorAndAddsUpItsFiguresExactly() {
		String survivorPhone = newPhone();
		String mergedPhone = newPhone();
		String survivor = registerMember("合并 甲", survivorPhone, List.of("vip"));
		String merged = registerMember("合并 乙", mergedPhone, List.of("newsletter"));
		linkIdentity(merged, "TMALL", "tm-" + mergedPhone);
		order(survivor, "MS-" + survivorPhone, "300.00", "2026-03-01T10:00:00Z");
		order(merged, "MM1-" + mergedPhone, "200.00", "2026-01-15T10:00:00Z");
		order(merged, "MM2-" + mergedPhone, "500.00", "2026-04-20T10:00:00Z");
		interaction(merged, "REVIEW");
		interaction(merged, "VISIT");
		long survivorPoints = balance(survivor);
		long mergedPoints = balance(merged);
		long earned = lifetimeEarned(survivor) + lifetimeEarned(merged);

		GraphQlTester.Response response = merge(survivor, merged, "same customer: phone and Tmall account confirmed");

		response.path("mergeMembers.errors").entityList(Object.class).hasSize(0)
			.path("mergeMembers.replayed").entity(Boolean.class).isEqualTo(false)
			.path("mergeMembers.merge.status").entity(String.class).isEqualTo("COMPLETED")
			.path("mergeMembers.merge.mergedBy").entity(String.class).isEqualTo("crm")
			.path("mergeMembers.merge.reason").entity(String.class).isEqualTo("same customer: phone and Tmall account confirmed")
			.path("mergeMembers.merge.mergedMember.phone").entity(String.class).isEqualTo(mergedPhone)
			.path("mergeMembers.merge.moved.orders.orders").entity(Integer.class).isEqualTo(2)
			.path("mergeMembers.merge.moved.interactions.interactions").entity(Integer.class).isEqualTo(2)
			.path("mergeMembers.survivor.stats.orderCount").entity(Integer.class).isEqualTo(3)
			.path("mergeMembers.survivor.stats.totalSpend").entity(String.class).isEqualTo("1000.00")
			.path("mergeMembers.survivor.stats.firstOrderAt").entity(String.class).isEqualTo("2026-01-15T10:00:00Z")
			.path("mergeMembers.survivor.stats.lastOrderAt").entity(String.class).isEqualTo("2026-04-20T10:00:00Z")
			.path("mergeMembers.survivor.identities[*].externalId").entityList(String.class).contains("tm-" + mergedPhone);

		assertThat(balance(survivor)).isEqualTo(survivorPoints + mergedPoints);
		assertThat(lifetimeEarned(survivor)).isEqualTo(earned);
		as("crm").documentName("memberProfile").variable("id", survivor).execute()
			.path("member.tags").entityList(String.class).containsExactly("vip", "newsletter");
		as("crm").documentName("memberOrders").variable("id", survivor).execute()
			.path("member.orders.edges[*].node.orderNumber").entityList(String.class)
			.containsExactly("MM2-" + mergedPhone, "MS-" + survivorPhone, "MM1-" + mergedPhone);
		as("crm").documentName("memberInteractions").variable("id", survivor).execute()
			.path("member.interactions.edges").entityList(Object.class).hasSize(2);
		assertThat(ledgerEntries(merged)).isEmpty();
		assertThat(driftedMembers()).doesNotContain(survivor, merged);
	}

	@Test
	void membersWelcomedInTheSameInstantKeepBothWelcomesThroughAMerge() {
		// An import registers many members in one instant: their welcome entries then differ only in the member.
		String survivor = registerMember("同刻 甲");
		String merged = registerMember("同刻 乙");
		long points = balance(survivor) + balance(merged);

		merge(survivor, merged, "duplicate").path("mergeMembers.errors").entityList(Object.class).hasSize(0);

		assertThat(balance(survivor)).isEqualTo(points);
		assertThat(ledgerEntries(survivor)).extracting(e -> ((Number) e.get("points")).longValue())
			.as("the ledger adds up to the balance").satisfies(list -> assertThat(list.stream().mapToLong(Long::longValue).sum())
				.isEqualTo(points));
		assertThat(driftedMembers()).doesNotContain(survivor, merged);
	}

	@Test
	void theMergedMemberRedirectsEveryLookupToTheSurvivor() {
		String mergedPhone = newPhone();
		String survivor = registerMember("跳转 甲");
		String merged = registerMember("跳转 乙", mergedPhone, List.of());
		linkIdentity(merged, "JD", "jd-" + mergedPhone);
		merge(survivor, merged, "duplicate").path("mergeMembers.errors").entityList(Object.class).hasSize(0);

		as("support").documentName("memberProfile").variable("id", merged).execute()
			.path("member.id").entity(String.class).isEqualTo(survivor);
		as("storefront").documentName("memberByIdentity").variable("channel", "JD").variable("externalId", "jd-" + mergedPhone)
			.execute().path("memberByIdentity.id").entity(String.class).isEqualTo(survivor);
		as("storefront").documentName("memberByContact").variable("phone", mergedPhone).execute()
			.path("memberByContact.id").entity(String.class).isEqualTo(survivor);
		as("crm").documentName("mergedMembers").variable("name", "跳转").execute()
			.path("members.edges[*].node.id").entityList(String.class).containsExactly(merged)
			.path("members.edges[0].node.mergedInto").entity(String.class).isEqualTo(survivor)
			.path("members.edges[0].node.phone").valueIsNull();
		as("crm").documentName("members").variable("filter", Map.of("name", "跳转")).execute()
			.path("members.edges[*].node.id").entityList(String.class).containsExactly(survivor);
	}

	/** A page of merged members finds each one's current member, through a chain of merges too. */
	@Test
	void aPageOfMergedMembersNamesWhereEachLivesNowAtTheEndOfItsChain() {
		String first = registerMember("链 甲");
		String second = registerMember("链 乙");
		String third = registerMember("链 丙");
		String alone = registerMember("链 丁");
		String other = registerMember("链 戊");
		merge(second, first, "duplicate");
		merge(third, second, "duplicate");
		merge(other, alone, "duplicate");

		Map<String, String> mergedInto = new java.util.HashMap<>();
		as("crm").documentName("mergedMembers").variable("name", "链").execute()
			.path("members.edges[*].node").entityList(Map.class).get()
			.forEach(node -> mergedInto.put((String) node.get("id"), (String) node.get("mergedInto")));
		assertThat(mergedInto).containsOnly(Map.entry(first, third), Map.entry(second, third), Map.entry(alone, other));
		as("crm").document("query($id: ID!) { member(id: $id) { id mergedInto } }").variable("id", third).execute()
			.path("member.mergedInto").valueIsNull();
	}

	@Test
	void writesForTheMergedMemberLandOnTheSurvivor() {
		String survivor = registerMember("写入 甲");
		String merged = registerMember("写入 乙");
		String number = "MW-" + newPhone();
		order(merged, number, "400.00", "2026-02-01T10:00:00Z");
		merge(survivor, merged, "duplicate");
		long pointsAfterMerge = balance(survivor);

		as("admin").documentName("refundOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", number, "refundId", "R1", "amount", "400.00"))
			.execute().path("refundOrder.errors").entityList(Object.class).hasSize(0);
		as("storefront").documentName("recordOrder")
			.variable("input", orderInput(merged, "MW2-" + number, "100.00", "2026-05-01T10:00:00Z")).execute()
			.path("recordOrder.order.memberId").entity(String.class).isEqualTo(survivor);
		// A storefront resending the order it sent before the merge gets a replay, not a conflict.
		as("storefront").documentName("recordOrder")
			.variable("input", orderInput(merged, number, "400.00", "2026-02-01T10:00:00Z")).execute()
			.path("recordOrder.replayed").entity(Boolean.class).isEqualTo(true)
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);

		as("crm").documentName("memberStats").variable("id", survivor).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(2)
			.path("member.stats.fullyRefundedOrderCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("100.00");
		// The refund took back the points the moved order had earned, from the survivor.
		assertThat(ledgerEntries(survivor)).anySatisfy(e -> assertThat(e.get("type")).isEqualTo("REVERSE"));
		assertThat(balance(survivor)).isLessThan(pointsAfterMerge + 100);
		assertThat(driftedMembers()).doesNotContain(survivor, merged);
	}

	/**
	 * A profile, consent or identity sent for the merged member (a storefront or a console page still holding its
	 * id) is the customer's: it lands on the survivor, as orders do, not on the tombstone where no one sees it.
	 */
	@Test
	void profileConsentAndIdentityWritesForTheMergedMemberLandOnTheSurvivor() {
		String survivor = registerMember("改档 甲");
		String merged = registerMember("改档 乙");
		merge(survivor, merged, "duplicate");

		as("crm").documentName("updateMemberProfile").variable("input", Map.of("memberId", merged, "tags", List.of("vip")))
			.execute().path("updateMemberProfile.member.id").entity(String.class).isEqualTo(survivor)
			.path("updateMemberProfile.member.tags").entityList(String.class).containsExactly("vip");
		as("storefront").documentName("setConsent")
			.variable("input", Map.of("memberId", merged, "channel", "SMS", "granted", true)).execute()
			.path("setConsent.member.id").entity(String.class).isEqualTo(survivor);
		linkIdentity(merged, "JD", "jd-late-" + merged);

		as("crm").documentName("memberProfile").variable("id", survivor).execute()
			.path("member.tags").entityList(String.class).containsExactly("vip")
			.path("member.identities[*].externalId").entityList(String.class).contains("jd-late-" + merged);
		as("crm").documentName("setConsent").variable("input", Map.of("memberId", survivor, "channel", "EMAIL",
				"granted", false)).execute()
			.path("setConsent.member.consent[*].channel").entityList(String.class).contains("SMS", "EMAIL");
	}

	/**
	 * Two merges touching each other's members at once (B into A while A into B, or while C into B) left two
	 * tombstones leading to each other, or one member's data on a tombstone: a merge that meets another one under
	 * way of its survivor, or into the member it merges, is refused and changes nothing.
	 */
	@Test
	void aMergeCrossingAnotherMergeUnderWayIsRefusedAndChangesNothing() {
		String survivor = registerMember("交叉 甲");
		String merged = registerMember("交叉 乙");
		String third = registerMember("交叉 丙");
		MongoTemplate mongo = bean(MongoTemplate.class);
		for (MemberMergeRecord underWay : List.of(underWay(survivor, merged), underWay(third, merged))) {
			mongo.insert(underWay);
			try {
				merge(survivor, merged, "duplicate").path("mergeMembers.errors[0].code").entity(String.class)
					.isEqualTo("MERGE_IN_PROGRESS")
					.path("mergeMembers.errors[0].field").entity(String.class)
					.isEqualTo(underWay.mergedId().equals(survivor) ? "survivorId" : "mergedId");
			}
			finally {
				mongo.remove(underWay);
			}
			as("crm").document("query($id: ID!) { member(id: $id) { id status } }").variable("id", merged).execute()
				.path("member.id").entity(String.class).isEqualTo(merged)
				.path("member.status").entity(String.class).isEqualTo("ACTIVE");
			as("crm").documentName("memberMerges").variable("memberId", merged).execute()
				.path("memberMerges").entityList(Object.class).hasSize(0);
		}

		merge(survivor, merged, "duplicate").path("mergeMembers.errors").entityList(Object.class).hasSize(0);
	}

	/** Another merge as it stands while under way: logged, nothing moved yet. */
	private MemberMergeRecord underWay(String mergedId, String survivorId) {
		return new MemberMergeRecord(mergedId, survivorId, "under way", "crm", now(), null,
				MemberMergeRecord.Status.IN_PROGRESS, null, null, List.of(), Map.of());
	}

	@Test
	void askingAgainChangesNothingAndAnotherSurvivorIsRefused() {
		String survivor = registerMember("重复 甲");
		String merged = registerMember("重复 乙");
		String other = registerMember("重复 丙");
		order(merged, "MR-" + newPhone(), "250.00", "2026-02-01T10:00:00Z");
		merge(survivor, merged, "duplicate");
		long points = balance(survivor);

		merge(survivor, merged, "duplicate again").path("mergeMembers.replayed").entity(Boolean.class).isEqualTo(true)
			.path("mergeMembers.survivor.stats.orderCount").entity(Integer.class).isEqualTo(1);
		assertThat(balance(survivor)).isEqualTo(points);
		merge(other, merged, "wrong").path("mergeMembers.errors[0].code").entity(String.class).isEqualTo("ALREADY_MERGED")
			.path("mergeMembers.errors[0].field").entity(String.class).isEqualTo("mergedId");
		merge(merged, other, "into a tombstone").path("mergeMembers.errors[0].code").entity(String.class)
			.isEqualTo("MEMBER_MERGED");
		as("crm").documentName("memberMerges").variable("memberId", survivor).execute()
			.path("memberMerges[*].mergedId").entityList(String.class).containsExactly(merged);
	}

	@Test
	void badInputIsRefusedNamingTheField() {
		String member = registerMember("校验");
		merge(member, member, "self").errors().satisfy(errors -> assertThat(errors).singleElement()
			.satisfies(e -> assertThat(e.getExtensions()).containsEntry("field", "mergedId")));
		merge(member, "M99999999", "unknown").path("mergeMembers.errors[0].code").entity(String.class)
			.isEqualTo("MEMBER_NOT_FOUND")
			.path("mergeMembers.errors[0].field").entity(String.class).isEqualTo("mergedId");
		merge(member, registerMember("校验 乙"), " ").errors().satisfy(errors -> assertThat(errors).singleElement()
			.satisfies(e -> assertThat(e.getExtensions()).containsEntry("field", "reason")));
	}

	@Test
	void aMarketerMayNotMerge() {
		as("marketer").documentName("mergeMembers")
			.variable("input", Map.of("survivorId", "a", "mergedId", "b", "reason", "x")).execute()
			.errors().satisfy(errors -> assertThat(errors).isNotEmpty());
	}

	private GraphQlTester.Response merge(String survivor, String merged, String reason) {
		return as("crm").documentName("mergeMembers")
			.variable("input", Map.of("survivorId", survivor, "mergedId", merged, "reason", reason))
			.execute();
	}

	private void linkIdentity(String memberId, String channel, String externalId) {
		as("storefront").documentName("linkIdentity")
			.variable("input", Map.of("memberId", memberId, "channel", channel, "externalId", externalId)).execute()
			.path("linkIdentity.errors").entityList(Object.class).hasSize(0);
	}

	private void order(String memberId, String number, String amount, String at) {
		as("admin").documentName("recordOrder").variable("input", orderInput(memberId, number, amount, at)).execute()
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

	private static Map<String, Object> orderInput(String memberId, String number, String amount, String at) {
		return Map.of("channel", "WEB", "orderNumber", number, "memberId", memberId, "placedAt", at, "paidAt", at,
				"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", amount)));
	}

	private void interaction(String memberId, String type) {
		as("storefront").documentName("recordInteraction")
			.variable("input", Map.of("memberId", memberId, "channel", "APP", "type", type)).execute()
			.path("recordInteraction.errors").entityList(Object.class).hasSize(0);
	}

	private long balance(String memberId) {
		return as("crm").documentName("memberPoints").variable("id", memberId).execute()
			.path("member.points.balance").entity(Long.class).get();
	}

	private long lifetimeEarned(String memberId) {
		return as("crm").documentName("memberPoints").variable("id", memberId).execute()
			.path("member.points.lifetimeEarned").entity(Long.class).get();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> ledgerEntries(String memberId) {
		return as("crm").documentName("pointsLedger").variable("memberId", memberId).variable("first", 100).execute()
			.path("pointsLedger.edges[*].node").entityList(Map.class).get().stream().map(m -> (Map<String, Object>) m).toList();
	}

	/** Members whose read models (stats, order list, points) differ from their source, by the rebuild check. */
	private List<String> driftedMembers() {
		GraphQlTester.Response report = as("admin").documentName("rebuildReadModels").variable("repair", false).execute();
		return Stream.of("memberStats", "memberOrderLists", "memberPurchases", "interactionMonths", "pointsTotals", "pointsLots")
			.flatMap(list -> report.path("rebuildReadModels.report." + list).entityList(String.class).get().stream())
			.toList();
	}

}
