package io.membergraph.graphql;

import java.util.Map;

import graphql.execution.instrumentation.ChainedInstrumentation;
import io.membergraph.ApplicationTest;
import io.membergraph.graphql.internal.AbandonedRequests;
import io.membergraph.graphql.internal.RequestDeadline;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class QueryLimitsTests extends ApplicationTest {

	@Test
	void aQueryNestedTooDeeplyIsRejectedBeforeItRuns() {
		String deep = "{ __schema { types { fields { type " + "{ ofType ".repeat(12) + "{ name }" + " }".repeat(12)
				+ " } } } }";
		as("crm").document(deep).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("maximum query depth"));
	}

	@Test
	void aQueryAskingForTooManyNestedNodesIsRejectedBeforeItRuns() {
		String costly = """
				{ members(first: 100) { edges { node {
				    orders(first: 100) { edges { node { lines { sku amount } refunds { amount } } } }
				    interactions(first: 100) { edges { node { type sku } } } } } } }""";
		as("crm").document(costly).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("maximum query complexity"));
	}

	@Test
	void aDocumentKeptParsedIsCheckedAgainstTheLimitsOnEveryRequest() {
		String costly = "{ members(first: 100) { edges { node { orders(first: 100) { edges { node { lines { sku } } } } } } } }";
		for (int request = 0; request < 3; request++) {
			as("crm").document(costly).execute()
				.errors().satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("maximum query complexity"));
		}
		// The same document with variables that make it cheap is answered: the check uses each request's variables.
		String sized = "query($n: Int) { members(first: $n) { edges { node {"
				+ " orders(first: $n) { edges { node { lines { sku } } } } } } } }";
		as("crm").document(sized).variable("n", 100).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("maximum query complexity"));
		as("crm").document(sized).variable("n", 2).execute().errors().verify();
	}

	@Test
	void anOrdinaryProfileQueryIsWellWithinTheLimits() {
		String memberId = registerMember("Ordinary");
		as("storefront").documentName("memberProfile").variable("id", memberId).execute().errors().verify();
	}

	@Test
	void aliasesOfAnAnalysisEachCountSoHundredsAreRefusedBeforeAnyRuns() {
		StringBuilder aliases = new StringBuilder("{");
		for (int i = 0; i < 500; i++) {
			aliases.append(" a").append(i).append(": churnBands { band members }");
		}
		as("crm").document(aliases.append(" }").toString()).execute()
			.errors().satisfy(errors -> {
				assertThat(errors).hasSize(1);
				assertThat(errors.get(0).getMessage()).contains("500 analyses or other expensive fields")
					.contains("max-expensive-fields");
			});
	}

	/**
	 * A storefront reads one member at a time: aliased lookups (or profile updates changing nothing, which answer with
	 * the member) would list members ten at a time per request, hundreds with more aliases.
	 */
	@Test
	void aStorefrontsRequestHoldsAFewTopLevelFieldsSoAliasesCannotListMembers() {
		String member = registerMember("Looked up");
		as("storefront").document(lookups(member, 10)).execute().errors().verify();
		as("storefront").document(lookups(member, 11)).execute()
			.errors().satisfy(errors -> {
				assertThat(errors).hasSize(1);
				assertThat(errors.get(0).getMessage()).contains("11 top-level fields").contains("max-storefront-fields");
			});
		StringBuilder updates = new StringBuilder("mutation {");
		for (int i = 0; i < 11; i++) {
			updates.append(" u").append(i).append(": updateMemberProfile(input: {memberId: \"").append(member)
				.append("\"}) { member { phone } }");
		}
		as("storefront").document(updates.append(" }").toString()).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("max-storefront-fields"));
		// Roles that may list members are not held to it.
		as("support").document(lookups(member, 50)).execute().errors().verify();
	}

	private static String lookups(String member, int count) {
		StringBuilder aliases = new StringBuilder("{");
		for (int i = 0; i < count; i++) {
			aliases.append(" m").append(i).append(": member(id: \"").append(member).append("\") { id phone }");
		}
		return aliases.append(" }").toString();
	}

	@Test
	void everyRequestRunsUnderTheConfiguredDeadline(@Autowired GraphQlSource graphQlSource) {
		assertThat(graphQlSource.graphQl().getInstrumentation()).isInstanceOfSatisfying(ChainedInstrumentation.class,
				chained -> assertThat(chained.getInstrumentations()).hasAtLeastOneElementOfType(RequestDeadline.class));
	}

	@Test
	void everyRequestIsWatchedForAClientThatHangsUp(@Autowired GraphQlSource graphQlSource) {
		assertThat(graphQlSource.graphQl().getInstrumentation()).isInstanceOfSatisfying(ChainedInstrumentation.class,
				chained -> assertThat(chained.getInstrumentations()).hasAtLeastOneElementOfType(AbandonedRequests.class));
	}

	@Test
	void aFewAnalysesInOneRequestAreAnswered() {
		as("crm").document("{ a: churnBands { band } b: churnBands { band } }").execute().errors().verify();
	}

	@Test
	void aRequestBodyBeyondTheLimitIsRefusedWith413BeforeItIsParsed() {
		String variable = "x".repeat(2 * 1024 * 1024);
		http().post().uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token("crm"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "query($q: String) { previewSegment(query: $q) { count } }", "variables",
					Map.of("q", variable)))
			.exchange()
			.expectStatus().isEqualTo(413)
			.expectBody(String.class).value(body -> assertThat(body).hasSizeLessThan(1000).contains("max-request-size"));
	}

	/** A body that is no GraphQL request (variables as text, JSON nested thousands deep) is told what one is. */
	@Test
	void aBodyThatIsNoGraphQlRequestIsABadRequestSayingWhatOneIs() {
		for (String body : new String[] { "{\"query\": \"{ tiers { code } }\", \"variables\": \"q\"}",
				"{\"query\": \"{ tiers { code } }\", \"variables\": {\"c\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}}" }) {
			http().post().uri("/graphql")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + token("crm"))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus().isBadRequest()
				.expectBody()
				.jsonPath("$.error_description").value(description -> assertThat(description.toString())
					.startsWith("the body is not a GraphQL request: a JSON object with query (a string)"));
		}
	}

	/**
	 * GraphQL's own refusals quote what they refuse (an unknown field's name twice, an enum value, a literal of the
	 * wrong type): a request of 100,000 characters is answered in a few hundred, its start and end kept.
	 */
	@Test
	void aRefusalQuotesAHugeNameOrValueByItsStartAndEndOnly() {
		String huge = "x".repeat(100_000);
		for (String document : new String[] { "{ " + huge + " }", "{ members(first: \"" + huge + "\") { edges { cursor } } }" }) {
			as("crm").document(document).execute().errors().satisfy(errors -> assertThat(errors)
				.singleElement()
				.satisfies(error -> assertThat(error.getMessage()).hasSizeLessThan(1_400).contains("characters left out")));
		}
		as("crm").document("query($c: Channel!) { memberByIdentity(channel: $c, externalId: \"1\") { id } }")
			.variable("c", huge)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(error -> assertThat(error.getMessage()).hasSizeLessThan(1_400).startsWith("Variable 'c'")));
	}

}
