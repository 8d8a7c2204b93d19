package io.membergraph.prediction.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PredictionSettingsTests {

	@Test
	void settingsOutOfBoundsStopTheStartNamingTheProperties() {
		assertThatCode(() -> new PredictionSettings(0.3, 0.7, 12, 0.01, 90, 14)).doesNotThrowAnyException();
		assertThatThrownBy(() -> new PredictionSettings(0.3, 0.7, 0, 0.01, 90, 14)).hasMessageContaining("clv-months 1 to 120");
		assertThatThrownBy(() -> new PredictionSettings(0.3, 0.7, 12, -0.01, 90, 14)).hasMessageContaining("monthly-discount");
		assertThatThrownBy(() -> new PredictionSettings(0.3, 0.7, 12, 0.01, 0, 14)).hasMessageContaining("horizon-days");
		assertThatThrownBy(() -> new PredictionSettings(0.3, 0.7, 12, 0.01, 90, 0)).hasMessageContaining("due-within-days");
	}

}
