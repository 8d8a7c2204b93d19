package io.membergraph.prediction;

import java.util.Arrays;
import java.util.List;

import io.membergraph.prediction.internal.BgNbd;
import io.membergraph.prediction.internal.GammaGamma;
import io.membergraph.prediction.internal.ModelFitting;
import io.membergraph.prediction.internal.PurchaseSummaries;
import io.membergraph.prediction.internal.PurchaseSummary;

/** Times fitting both models to the CDNOW sample from its raw file, for the benchmark. */
public final class CdnowFitTiming {

	private CdnowFitTiming() {
	}

	/** Summarises and fits {@code runs} times; prints the median and the fitted parameters. */
	public static void run(int runs) {
		double[] seconds = new double[runs];
		ModelFitting.Fitted<BgNbd> transactions = null;
		ModelFitting.Fitted<GammaGamma> spend = null;
		for (int i = 0; i < runs; i++) {
			long start = System.nanoTime();
			List<PurchaseSummary> calibration = PurchaseSummaries.of(Cdnow.sample(), Cdnow.CALIBRATION_END);
			transactions = ModelFitting.bgNbd(calibration);
			spend = ModelFitting.gammaGamma(calibration);
			seconds[i] = (System.nanoTime() - start) / 1e9;
		}
		Arrays.sort(seconds);
		System.out.printf("%nCDNOW sample (2,357 customers) read, summarised and fitted: median of %d %.2f s; %s, LL %.1f,"
				+ " %d evaluations; %s%n", runs, seconds[runs / 2], transactions.model(), transactions.fit().logLikelihood(),
				transactions.fit().evaluations(), spend.model());
	}

}
