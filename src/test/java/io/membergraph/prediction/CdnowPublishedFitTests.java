package io.membergraph.prediction;

import java.util.List;

import io.membergraph.prediction.internal.BgNbd;
import io.membergraph.prediction.internal.GammaGamma;
import io.membergraph.prediction.internal.ModelFitting;
import io.membergraph.prediction.internal.PurchaseSummaries;
import io.membergraph.prediction.internal.PurchaseSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The published fits on the CDNOW sample's calibration period (Fader, Hardie & Lee 2005), reproduced from the raw
 * transactions: BG/NBD r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4; Gamma-Gamma on the 946 repeat
 * buyers p = 6.25, q = 3.74, γ = 15.44.
 */
class CdnowPublishedFitTests {

	private static List<PurchaseSummary> calibration;

	@BeforeAll
	static void summarise() {
		calibration = PurchaseSummaries.of(Cdnow.sample(), Cdnow.CALIBRATION_END);
	}

	@Test
	void theSummariesMatchTheSamplesPublishedCounts() {
		assertThat(calibration).hasSize(2_357);
		assertThat(calibration.stream().filter(c -> c.x() == 0)).hasSize(1_411);
		assertThat(calibration.stream().mapToInt(PurchaseSummary::x).sum()).isEqualTo(2_457);
		assertThat(calibration.stream().filter(c -> c.x() > 0).mapToDouble(PurchaseSummary::monetary).average().orElseThrow())
			.isCloseTo(35.08, within(0.005));
	}

	@Test
	void bgNbdReproducesThePublishedParametersAndLogLikelihood() {
		ModelFitting.Fitted<BgNbd> fitted = ModelFitting.bgNbd(calibration);

		assertThat(fitted.model().r()).isCloseTo(0.243, within(0.0005));
		assertThat(fitted.model().alpha()).isCloseTo(4.414, within(0.0005));
		assertThat(fitted.model().a()).isCloseTo(0.793, within(0.0005));
		assertThat(fitted.model().b()).isCloseTo(2.426, within(0.0005));
		assertThat(fitted.fit().logLikelihood()).isCloseTo(-9582.4, within(0.05));
		assertThat(fitted.fit().converged()).isTrue();
		assertThat(fitted.fit().agreeingStarts()).isGreaterThan(1);
		for (double se : fitted.fit().standardErrors()) {
			assertThat(se).isPositive();
		}
	}

	@Test
	void gammaGammaReproducesThePublishedParametersOnTheRepeatBuyers() {
		ModelFitting.Fitted<GammaGamma> fitted = ModelFitting.gammaGamma(calibration);

		assertThat(fitted.model().p()).isCloseTo(6.25, within(0.005));
		assertThat(fitted.model().q()).isCloseTo(3.74, within(0.005));
		assertThat(fitted.model().gamma()).isCloseTo(15.44, within(0.005));
		assertThat(fitted.fit().converged()).isTrue();
	}

}
