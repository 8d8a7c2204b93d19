package io.membergraph.prediction.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One fit of the models, kept so every score can name the model behind it; the latest fit is the current model.
 *
 * @param customers members with a purchase by the end of calibration
 * @param repeatBuyers those of them who bought on more than one day
 * @param validation the holdout report, when a holdout period was given
 */
@Document("prediction_models")
public record PredictionModel(@Id String version, @Indexed Instant fittedAt, String fittedBy, LocalDate calibrationEnd,
		LocalDate holdoutEnd, int customers, int repeatBuyers, BgNbd bgNbd, Diagnostics bgNbdFit, GammaGamma gammaGamma,
		Diagnostics gammaGammaFit, HoldoutValidation.Report validation) {

	/**
	 * How a maximum-likelihood fit went.
	 *
	 * @param agreeingStarts of the starting points, how many ended at the best log-likelihood (within 1e-4)
	 * @param standardErrors of the parameters in their order; empty when the information matrix is singular
	 * @param warnings what a reader of the parameters should know, e.g. a parameter that ran to the edge of its range
	 */
	public record Diagnostics(double logLikelihood, int evaluations, boolean converged, int agreeingStarts,
			int starts, List<Double> standardErrors, List<String> warnings) {

		/** Beyond this (or below its inverse) a parameter is taken to have run to the edge of its range. */
		static final double EDGE = 1e4;

		public static Diagnostics of(MaximumLikelihood.Fit fit, int starts, String... names) {
			List<Double> errors = fit.standardErrors() == null ? List.of()
					: Arrays.stream(fit.standardErrors()).boxed().toList();
			List<String> warnings = new ArrayList<>();
			for (int i = 0; i < names.length; i++) {
				double value = fit.parameters()[i];
				if (value > EDGE || value < 1 / EDGE) {
					warnings.add(names[i] + " = " + String.format(Locale.ROOT, "%.3g", value)
							+ " ran to the edge of its range: the data do not pin it down, and the model behaves as its limit"
							+ " (for a and b of BG/NBD together: one drop-out probability for everyone)");
				}
			}
			if (!fit.converged()) {
				warnings.add("the search stopped on its evaluation limit, not on its tolerance");
			}
			if (fit.agreeingStarts() < 2) {
				warnings.add("only one starting point reached the best likelihood: the optimum may be local");
			}
			if (errors.isEmpty()) {
				warnings.add("no standard errors: the information matrix is singular at the optimum");
			}
			return new Diagnostics(fit.logLikelihood(), fit.evaluations(), fit.converged(), fit.agreeingStarts(), starts,
					errors, warnings);
		}

	}

}
