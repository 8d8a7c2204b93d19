package io.membergraph.engagement;

import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InteractionApiTests extends ApplicationTest {

	@Test
	void anInteractionIsRecordedOnceHoweverOftenItsEventIsResent() {
		String memberId = registerMember("Browser");
		Map<String, Object> visit = Map.of("eventId", "evt-" + memberId, "memberId", memberId, "channel", "APP",
				"type", "BROWSE", "sku", "SK-1001", "occurredAt", "2026-06-01T10:00:00+08:00",
				"properties", Map.of("page", "pdp", "durationSeconds", 42));
		as("storefront").documentName("recordInteraction").variable("input", visit).execute()
			.path("recordInteraction.replayed").entity(Boolean.class).isEqualTo(false)
			.path("recordInteraction.interaction.properties.page").entity(String.class).isEqualTo("pdp");
		as("storefront").documentName("recordInteraction").variable("input", visit).execute()
			.path("recordInteraction.replayed").entity(Boolean.class).isEqualTo(true);
		as("crm").documentName("memberInteractions").variable("id", memberId).execute()
			.path("member.interactions.edges").entityList(Object.class).hasSize(1);
	}

	@Test
	void interactionsArePagedNewestFirstAndFilteredByType() {
		String memberId = registerMember("Active");
		record(memberId, "VISIT", "2026-06-01T10:00:00Z");
		record(memberId, "BROWSE", "2026-06-01T10:01:00Z");
		record(memberId, "ADD_TO_CART", "2026-06-01T10:02:00Z");
		record(memberId, "BROWSE", "2026-06-02T10:00:00Z");

		String cursor = as("crm").documentName("memberInteractions").variable("id", memberId).variable("first", 2).execute()
			.path("member.interactions.edges[*].node.type").entityList(String.class).containsExactly("BROWSE", "ADD_TO_CART")
			.path("member.interactions.pageInfo.endCursor").entity(String.class).get();
		as("crm").documentName("memberInteractions").variable("id", memberId).variable("first", 2).variable("after", cursor)
			.execute()
			.path("member.interactions.edges[*].node.type").entityList(String.class).containsExactly("BROWSE", "VISIT")
			.path("member.interactions.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
		as("crm").documentName("memberInteractions").variable("id", memberId).variable("types", List.of("BROWSE")).execute()
			.path("member.interactions.edges").entityList(Object.class).hasSize(2);
	}

	@Test
	void anonymousVisitorsAreRecordedWithoutAMember() {
		as("storefront").documentName("recordInteraction")
			.variable("input", Map.of("visitorId", "visitor-42", "channel", "WEB", "type", "VISIT"))
			.execute()
			.path("recordInteraction.interaction.memberId").valueIsNull()
			.path("recordInteraction.interaction.visitorId").entity(String.class).isEqualTo("visitor-42");
	}

	/** Properties are flat values: texts of several lines, whole numbers and decimals up to 10^15, flags. */
	@Test
	void propertiesKeepTextsNumbersAndFlagsAsSent() {
		Map<String, Object> properties = Map.of("note", "line one\nline two", "clicks", 1_000_000_000_000_000L, "ratio", 0.25,
				"loggedIn", true);
		as("storefront").documentName("recordInteraction")
			.variable("input", Map.of("memberId", registerMember("Flat"), "channel", "APP", "type", "VISIT", "properties", properties))
			.execute()
			.path("recordInteraction.errors").entityList(Object.class).hasSize(0)
			.path("recordInteraction.interaction.properties").entity(Map.class).isEqualTo(properties);
	}

	@Test
	void invalidInteractionsAreBadRequestsNamingTheField() {
		String memberId = registerMember("Surveyed");
		expectField(Map.of("memberId", memberId, "channel", "APP", "type", "SURVEY_RESPONSE"), "score");
		expectField(Map.of("memberId", memberId, "channel", "APP", "type", "SURVEY_RESPONSE", "score", 11), "score");
		expectField(Map.of("channel", "APP", "type", "VISIT"), "memberId");
		expectField(Map.of("memberId", memberId, "channel", "APP", "type", "VISIT", "properties", Map.of("$where", "1")),
				"properties");
		expectField(Map.of("memberId", memberId, "channel", "APP", "type", "VISIT", "properties", Map.of("nested", Map.of("a", 1))),
				"properties.nested");
		expectField(Map.of("memberId", memberId, "channel", "APP", "type", "VISIT", "properties",
				Map.of("clicks", java.math.BigInteger.TEN.pow(30))), "properties.clicks");
		expectField(Map.of("memberId", memberId, "channel", "APP", "type", "VISIT", "properties", Map.of("ratio", -1e16)),
				"properties.ratio");
		expectField(Map.of("memberId", memberId, "channel", "APP", "type", "VISIT", "properties", Map.of("note", "a\u0000b")),
				"properties.note");
		expectField(Map.of("memberId", memberId, "channel", "APP", "type", "VISIT", "occurredAt", "1970-01-01T00:00:00Z"),
				"occurredAt");
		as("crm").documentName("memberInteractions").variable("id", memberId).execute()
			.path("member.interactions.edges").entityList(Object.class).hasSize(0);
	}

	private void record(String memberId, String type, String at) {
		as("storefront").documentName("recordInteraction")
			.variable("input", Map.of("memberId", memberId, "channel", "APP", "type", type, "occurredAt", at))
			.execute().path("recordInteraction.errors").entityList(Object.class).hasSize(0);
	}

	private void expectField(Map<String, Object> input, String field) {
		as("storefront").documentName("recordInteraction").variable("input", input).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", field));
	}

}
