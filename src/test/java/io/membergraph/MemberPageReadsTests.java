package io.membergraph;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of members with their nested scores and histories costs one read per nested field, not one per member:
 * a storefront or console listing 100 members would otherwise send hundreds of queries.
 */
class MemberPageReadsTests extends ApplicationTest {

	private static final List<String> NESTED = List.of("member_scores", "member_predictions", "member_purchases",
			"tier_changes", "member_interaction_months");

	@Test
	void aPageOfMembersCostsOneReadPerNestedField() {
		String tag = "page-reads-" + newPhone();
		for (int i = 0; i < 12; i++) {
			registerMember("Page " + i, newPhone(), List.of(tag));
		}
		StoreReads reads = bean(StoreReads.class);
		Map<String, Long> before = counts(reads);

		as("admin").document("query($tag: String!) { members(filter: {tag: $tag}, first: 12) { edges { node { id "
				+ "rfm { segment } prediction { churnBand } purchases { months { month } } tierHistory { to } "
				+ "interactionMonths(months: 6) { month } orders(first: 3) { edges { node { orderNumber } } } } } } }")
			.variable("tag", tag)
			.execute()
			.path("members.edges").entityList(Object.class).hasSize(12);

		Map<String, Long> after = counts(reads);
		assertThat(after.get("member_purchases") - before.get("member_purchases")).as("the reads are counted").isEqualTo(1);
		for (String collection : NESTED) {
			assertThat(after.get(collection) - before.get(collection)).as("reads of %s for a page of 12 members", collection)
				.isLessThanOrEqualTo(1);
		}
		// The members' orders by id and placing time, then the orders on their pages.
		assertThat(after.get("orders") - before.get("orders")).as("reads of orders for a page of 12 members")
			.isLessThanOrEqualTo(2);
	}

	@Test
	void aPageOfASegmentsMembersCostsOneReadOfMembersNotOnePerMember() {
		String tag = "segment-page-" + newPhone();
		for (int i = 0; i < 12; i++) {
			registerMember("Segment page " + i, newPhone(), List.of(tag));
		}
		String segment = as("admin").document("mutation($input: SegmentInput!) { saveSegment(input: $input) { segment { id } } }")
			.variable("input", Map.of("name", tag, "query", "tags CONTAINS '" + tag + "'"))
			.execute().path("saveSegment.segment.id").entity(String.class).get();
		StoreReads reads = bean(StoreReads.class);
		long before = reads.of("members");

		as("marketer").document("query($id: ID!) { segmentMembers(id: $id, first: 12) { edges { node { id name } } } }")
			.variable("id", segment)
			.execute()
			.path("segmentMembers.edges").entityList(Object.class).hasSize(12);

		// Which of them are current (merges followed), then the members themselves.
		assertThat(reads.of("members") - before).isLessThanOrEqualTo(2);
	}

	@Test
	void duplicateCandidatesReadTheirMembersAtOnce() {
		for (int i = 0; i < 8; i++) {
			String name = "Twin " + newPhone();
			for (int twin = 0; twin < 2; twin++) {
				as("admin").documentName("registerMember").variable("input", Map.of("name", name, "phone", newPhone(),
						"joinChannel", "WEB", "birthDate", "1990-01-0" + (i + 1))).execute()
					.path("registerMember.errors").entityList(Object.class).hasSize(0);
			}
		}
		StoreReads reads = bean(StoreReads.class);
		long before = reads.of("members");

		as("crm").documentName("duplicateCandidates").execute()
			.path("duplicateCandidates[*].evidence").entityList(Object.class)
			.satisfies(pairs -> assertThat(pairs).hasSizeGreaterThanOrEqualTo(8));

		assertThat(reads.of("members") - before).as("finds of members for 16 members in 8 pairs").isLessThanOrEqualTo(2);
	}

	private static Map<String, Long> counts(StoreReads reads) {
		return java.util.stream.Stream.concat(NESTED.stream(), java.util.stream.Stream.of("orders"))
			.collect(java.util.stream.Collectors.toMap(c -> c, reads::of));
	}

}
