package io.membergraph.prediction.internal;

import java.util.List;

import io.membergraph.shared.RefusedException;

/**
 * Fits the transaction and spend models to customers' purchase summaries by maximum likelihood, with diagnostics,
 * and refuses data that cannot support a fit.
 */
public final class ModelFitting {

	/** Fewer repeat buyers than this cannot pin down four (or three) parameters. */
	static final int MIN_REPEAT_BUYERS = 20;

	public static final double[][] BG_NBD_STARTS = { { 1, 1, 1, 1 }, { 0.1, 10, 0.5, 5 }, { 2, 50, 2, 2 },
			{ 0.5, 0.5, 5, 10 } };

	public static final double[][] GAMMA_GAMMA_STARTS = { { 1, 1, 1 }, { 5, 5, 20 }, { 10, 2, 100 }, { 0.5, 5, 5 } };

	/** A fitted model and how the fit went. */
	public record Fitted<M>(M model, MaximumLikelihood.Fit fit) {
	}

	private ModelFitting() {
	}

	public static Fitted<BgNbd> bgNbd(List<PurchaseSummary> customers) {
		requireRepeatBuyers(customers);
		LikelihoodData data = LikelihoodData.ofTransactions(customers);
		MaximumLikelihood.Fit fit = MaximumLikelihood.maximise(p -> data.bgNbd(p[0], p[1], p[2], p[3]), BG_NBD_STARTS);
		double[] p = fit.parameters();
		return new Fitted<>(new BgNbd(p[0], p[1], p[2], p[3]), fit);
	}

	public static Fitted<GammaGamma> gammaGamma(List<PurchaseSummary> customers) {
		List<PurchaseSummary> repeat = customers.stream().filter(c -> c.x() > 0 && c.monetary() > 0).toList();
		if (repeat.size() < MIN_REPEAT_BUYERS) {
			throw new RefusedException("NOT_ENOUGH_DATA", "calibrationEnd", "only " + repeat.size()
					+ " customers bought again with a positive spend by then; the spend model needs at least " + MIN_REPEAT_BUYERS);
		}
		LikelihoodData data = LikelihoodData.ofSpend(repeat);
		MaximumLikelihood.Fit fit = MaximumLikelihood.maximise(p -> data.gammaGamma(p[0], p[1], p[2]), GAMMA_GAMMA_STARTS);
		double[] p = fit.parameters();
		return new Fitted<>(new GammaGamma(p[0], p[1], p[2]), fit);
	}

	private static void requireRepeatBuyers(List<PurchaseSummary> customers) {
		long repeat = customers.stream().filter(c -> c.x() > 0).count();
		if (repeat < MIN_REPEAT_BUYERS) {
			throw new RefusedException("NOT_ENOUGH_DATA", "calibrationEnd", "only " + repeat
					+ " customers bought again by then; the BG/NBD model needs at least " + MIN_REPEAT_BUYERS);
		}
	}

}
