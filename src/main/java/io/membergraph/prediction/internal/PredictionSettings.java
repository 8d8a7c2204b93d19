package io.membergraph.prediction.internal;

import io.membergraph.customer.ChurnBand;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How scores are banded and valued.
 *
 * @param lowRiskBelow churn risk below this is LOW
 * @param highRiskFrom churn risk from this up is HIGH; between the two MEDIUM
 * @param clvMonths the horizon of lifetime value
 * @param monthlyDiscount the discount rate per month of lifetime value
 * @param horizonDays the horizon of expected purchases stored on members (prediction.expectedPurchases90d)
 * @param dueWithinDays "due soon": a next purchase date within this many days of scoring
 */
@ConfigurationProperties("membergraph.prediction")
public record PredictionSettings(@DefaultValue("0.3") double lowRiskBelow, @DefaultValue("0.7") double highRiskFrom,
		@DefaultValue("12") int clvMonths, @DefaultValue("0.01") double monthlyDiscount,
		@DefaultValue("90") int horizonDays, @DefaultValue("14") int dueWithinDays) {

	public PredictionSettings {
		if (!(lowRiskBelow > 0 && lowRiskBelow < highRiskFrom && highRiskFrom < 1)) {
			throw new IllegalArgumentException("membergraph.prediction: need 0 < low-risk-below < high-risk-from < 1");
		}
		if (clvMonths < 1 || clvMonths > 120 || !(monthlyDiscount >= 0 && monthlyDiscount < 1) || horizonDays < 1
				|| horizonDays > 3660 || dueWithinDays < 1 || dueWithinDays > 366) {
			throw new IllegalArgumentException("membergraph.prediction: need clv-months 1 to 120, 0 <= monthly-discount < 1, "
					+ "horizon-days 1 to 3660 and due-within-days 1 to 366");
		}
	}

	public ChurnBand bandOf(double churnRisk) {
		return churnRisk < lowRiskBelow ? ChurnBand.LOW : churnRisk < highRiskFrom ? ChurnBand.MEDIUM : ChurnBand.HIGH;
	}

}
