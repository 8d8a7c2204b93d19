package io.membergraph.shared;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;

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
	void anOrdinaryProfileQueryIsWellWithinTheLimits() {
		String memberId = registerMember("Ordinary");
		as("storefront").documentName("memberProfile").variable("id", memberId).execute().errors().verify();
	}

}
