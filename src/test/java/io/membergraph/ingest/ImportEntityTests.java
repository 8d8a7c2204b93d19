package io.membergraph.ingest;

import io.membergraph.ingest.ImportJob.ImportEntity;
import io.membergraph.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportEntityTests {

	@Test
	void anEntityIsNamedInAnyCaseAndAnUnknownOneIsRefusedNamingTheField() {
		assertThat(ImportEntity.of("entity", " Interactions ")).isEqualTo(ImportEntity.INTERACTIONS);
		assertThatThrownBy(() -> ImportEntity.of("membergraph.import.entity", "coupons"))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> {
				assertThat(ex.field()).isEqualTo("membergraph.import.entity");
				assertThat(ex.reason()).contains("'coupons' cannot be imported", "products");
			});
	}

}
