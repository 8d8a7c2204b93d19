package io.membergraph.benchmark;

import java.time.LocalDate;

import io.membergraph.prediction.CdnowFitTiming;
import tools.jackson.databind.JsonNode;

/**
 * The prediction issue's benchmark: fitting both models at 100,000 members (summaries from the purchase rollups,
 * fit, holdout report) and scoring every buyer, over GraphQL, with time and heap; and fitting the CDNOW sample.
 */
final class PredictionChecks {

	private PredictionChecks() {
	}

	static void run(GraphQlClient graphQl, LocalDate end) throws Exception {
		CdnowFitTiming.run(5);
		System.out.printf("%n| prediction at 100,000 members | time | heap peak | result |%n|---|---|---|---|%n");
		Heap.resetPeaks();
		long start = System.nanoTime();
		JsonNode fit = graphQl.query("mutation { fitPredictionModels(input: {calibrationEnd: \"" + end.minusDays(181)
				+ "\", holdoutEnd: \"" + end.minusDays(1) + "\"}) { model { customers repeatBuyers bgNbd { r alpha a b } "
				+ "bgNbdFit { logLikelihood converged evaluations } gammaGamma { p q gamma } gammaGammaFit { converged } "
				+ "validation { actual predicted bias meanAbsoluteError poor } } errors { code message } } }");
		double fitSeconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("| fitPredictionModels (calibration to %s, 180-day holdout) | %.2f s | %s | %s |%n",
				end.minusDays(181), fitSeconds, Heap.mib(Heap.peak()), fit.get("fitPredictionModels"));
		Heap.resetPeaks();
		start = System.nanoTime();
		JsonNode score = graphQl.query("mutation { scoreMembers { scoring { scored removed bands { band members } } errors { code message } } }");
		double scoreSeconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("| scoreMembers | %.2f s | %s | %s |%n", scoreSeconds, Heap.mib(Heap.peak()),
				score.get("scoreMembers"));
		System.out.printf("| fit + score | %.2f s | | |%n", fitSeconds + scoreSeconds);
		for (String granularity : new String[] { "DAY", "WEEK" }) {
			Heap.resetPeaks();
			try {
				Timed forecast = Timed.of(() -> graphQl.query("{ salesForecast(input: {horizon: " + ("DAY".equals(granularity) ? 28 : 8)
						+ ", granularity: " + granularity + "}) { historyFrom gmv { backtest { mape naiveMape beatsNaive } } "
						+ "orders { backtest { mape naiveMape beatsNaive } } } }"), 3);
				System.out.printf("| salesForecast %s (median of 3) | %.2f s | %s | %s |%n", granularity,
						forecast.medianSeconds(), Heap.mib(Heap.peak()), forecast.answer().get("salesForecast"));
			}
			catch (IllegalStateException refused) {
				// A history too short for the cycle is refused with a reason; the benchmark reports it and goes on.
				System.out.printf("| salesForecast %s | refused | | %s |%n", granularity, refused.getMessage());
			}
		}
		Heap.resetPeaks();
		Timed clusters = Timed.of(() -> graphQl.query("{ clusters { k silhouettes { k silhouette } clusters { members label } } }"), 1);
		System.out.printf("| clusters, k by silhouette (median of 1) | %.2f s | %s | %s |%n", clusters.medianSeconds(),
				Heap.mib(Heap.peak()), clusters.answer().get("clusters"));
	}

}
