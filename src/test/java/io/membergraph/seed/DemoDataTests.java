package io.membergraph.seed;

import io.membergraph.DemoDataTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data is loaded by a bulk path of its own (not through the API), so it must leave what the API would
 * have: every read model equal to its source and every points account equal to its ledger.
 */
class DemoDataTests extends DemoDataTest {

	@Test
	void everyReadModelTheDemoLoadWroteMatchesItsSource() throws Exception {
		String report = asAdmin("mutation { rebuildReadModels { report { consistent members memberStats memberOrderLists "
				+ "memberPurchases interactionMonths pointsTotals pointsLots outOfBounds } } }").body();

		assertThat(report).contains("\"consistent\":true").doesNotContain("\"errors\"");
		assertThat(report).containsPattern("\"members\":[1-9]\\d{2,}");
	}

	@Test
	void everyPointsAccountMatchesItsLedger() throws Exception {
		assertThat(asAdmin("{ pointsAudit { memberId } }").body()).isEqualTo("{\"data\":{\"pointsAudit\":[]}}");
	}

}
