package io.membergraph.prediction.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.prediction.internal.PurchaseSummaries.Purchase;

/**
 * How well a transaction model fitted on the calibration period predicts the holdout period that follows: repeat
 * purchase days predicted and actual in total, by calibration frequency and week by week, with the mean absolute
 * error per customer and the bias. A model whose total is off by more than {@link #POOR_BIAS} says so.
 */
public final class HoldoutValidation {

	/** A holdout total off by more than this share of the actual marks the model as poor. */
	static final double POOR_BIAS = 0.2;

	/** Calibration frequencies reported one by one; higher ones are grouped as "7+". */
	static final int MAX_FREQUENCY = 7;

	public record FrequencyRow(String frequency, int customers, double actualPerCustomer, double predictedPerCustomer) {
	}

	public record WeekRow(int week, double actualCumulative, double predictedCumulative) {
	}

	/**
	 * @param bias (predicted − actual) / actual over the holdout
	 * @param meanAbsoluteError per customer, |predicted − actual| repeat purchase days
	 * @param poor whether the bias exceeds {@link #POOR_BIAS}, i.e. the model should not be trusted for this data
	 */
	public record Report(LocalDate calibrationEnd, LocalDate holdoutEnd, double holdoutWeeks, int customers, double actual,
			double predicted, double bias, double meanAbsoluteError, boolean poor, List<FrequencyRow> byFrequency,
			List<WeekRow> weekly) {
	}

	private HoldoutValidation() {
	}

	public static Report of(BgNbd model, List<PurchaseSummary> calibration, List<Purchase> purchases,
			LocalDate calibrationEnd, LocalDate holdoutEnd) {
		double holdoutWeeks = ChronoUnit.DAYS.between(calibrationEnd, holdoutEnd) / 7.0;
		Map<String, Integer> actualDays = PurchaseSummaries.repeatDaysBetween(purchases, calibrationEnd, holdoutEnd);
		double[][] byFrequency = new double[MAX_FREQUENCY + 1][3];
		double actual = 0;
		double predicted = 0;
		double absoluteError = 0;
		int weeks = (int) Math.ceil(holdoutWeeks);
		double[] predictedByWeek = new double[weeks];
		for (PurchaseSummary customer : calibration) {
			double own = model.expectedPurchases(holdoutWeeks, customer.x(), customer.tx(), customer.T());
			int ownActual = actualDays.getOrDefault(customer.customerId(), 0);
			actual += ownActual;
			predicted += own;
			absoluteError += Math.abs(own - ownActual);
			double[] row = byFrequency[Math.min(customer.x(), MAX_FREQUENCY)];
			row[0]++;
			row[1] += ownActual;
			row[2] += own;
			for (int week = 1; week <= weeks; week++) {
				predictedByWeek[week - 1] += model.expectedPurchases(Math.min(week, holdoutWeeks), customer.x(), customer.tx(),
						customer.T());
			}
		}
		List<FrequencyRow> frequencies = new ArrayList<>();
		for (int x = 0; x <= MAX_FREQUENCY; x++) {
			double[] row = byFrequency[x];
			if (row[0] > 0) {
				frequencies.add(new FrequencyRow(x == MAX_FREQUENCY ? MAX_FREQUENCY + "+" : String.valueOf(x), (int) row[0],
						row[1] / row[0], row[2] / row[0]));
			}
		}
		double bias = actual == 0 ? Double.NaN : (predicted - actual) / actual;
		return new Report(calibrationEnd, holdoutEnd, holdoutWeeks, calibration.size(), actual, predicted, bias,
				absoluteError / calibration.size(), !(Math.abs(bias) <= POOR_BIAS), frequencies,
				weekly(purchases, calibration, calibrationEnd, holdoutEnd, predictedByWeek));
	}

	private static List<WeekRow> weekly(List<Purchase> purchases, List<PurchaseSummary> calibration,
			LocalDate calibrationEnd, LocalDate holdoutEnd, double[] predictedByWeek) {
		Set<String> customers = new HashSet<>();
		calibration.forEach(c -> customers.add(c.customerId()));
		double[] actualByWeek = new double[predictedByWeek.length];
		Set<String> seen = new HashSet<>();
		for (Purchase purchase : purchases) {
			if (purchase.day().isAfter(calibrationEnd) && !purchase.day().isAfter(holdoutEnd)
					&& customers.contains(purchase.customerId()) && seen.add(purchase.customerId() + purchase.day())) {
				int week = (int) ((ChronoUnit.DAYS.between(calibrationEnd, purchase.day()) - 1) / 7);
				actualByWeek[Math.min(week, actualByWeek.length - 1)]++;
			}
		}
		List<WeekRow> rows = new ArrayList<>();
		double cumulative = 0;
		for (int week = 0; week < predictedByWeek.length; week++) {
			cumulative += actualByWeek[week];
			rows.add(new WeekRow(week + 1, cumulative, predictedByWeek[week]));
		}
		return rows;
	}

}
