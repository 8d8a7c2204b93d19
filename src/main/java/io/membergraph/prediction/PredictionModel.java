package io.membergraph.prediction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

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
	 */
	public record Diagnostics(double logLikelihood, int evaluations, boolean converged, int agreeingStarts,
			int starts, List<Double> standardErrors) {

		static Diagnostics of(MaximumLikelihood.Fit fit, int starts) {
			List<Double> errors = fit.standardErrors() == null ? List.of()
					: Arrays.stream(fit.standardErrors()).boxed().toList();
			return new Diagnostics(fit.logLikelihood(), fit.evaluations(), fit.converged(), fit.agreeingStarts(), starts,
					errors);
		}

	}

}
