package io.membergraph.prediction;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.membergraph.customer.ChurnBand;
import io.membergraph.customer.MemberPrediction;
import io.membergraph.customer.StoredPredictions;
import io.membergraph.prediction.internal.PurchaseSummaries.Purchase;
import io.membergraph.prediction.internal.BgNbd;
import io.membergraph.prediction.internal.CustomerPurchases;
import io.membergraph.prediction.internal.CustomerValue;
import io.membergraph.prediction.internal.NextPurchase;
import io.membergraph.prediction.internal.PredictionModel;
import io.membergraph.prediction.internal.PredictionSettings;
import io.membergraph.prediction.internal.PurchaseSummaries;
import io.membergraph.prediction.internal.PurchaseSummary;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.RefusedException;
import org.bson.types.ObjectId;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Scores every member who has bought with the current model (or an earlier fit), as of today, and stores the scores
 * on the members ({@code member_predictions}) for segments and the API. A member who no longer qualifies loses its
 * old score.
 */
@Service
public class MemberScoring {

	private static final int WRITE_BATCH = 1_000;

	/** The outcome of a scoring run. */
	public record ScoringRun(String run, String modelVersion, Instant scoredAt, int scored, int removed,
			List<BandCount> bands) {
	}

	public record BandCount(ChurnBand band, int members) {
	}

	private final StoredPredictions stored;

	private final PredictionFitting fitting;

	private final CustomerPurchases purchases;

	private final PredictionSettings settings;

	private final BusinessCalendar calendar;

	private final Clock clock;

	MemberScoring(StoredPredictions stored, PredictionFitting fitting, CustomerPurchases purchases,
			PredictionSettings settings, BusinessCalendar calendar, Clock clock) {
		this.stored = stored;
		this.fitting = fitting;
		this.purchases = purchases;
		this.settings = settings;
		this.calendar = calendar;
		this.clock = clock;
	}

	/**
	 * @param modelVersion the fit to score with, e.g. an earlier one after a fit that validated worse; null for the
	 * latest
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public ScoringRun scoreMembers(String modelVersion) {
		PredictionModel model = modelVersion == null ? fitting.latest() : fitting.version(modelVersion.strip());
		if (model == null && modelVersion == null) {
			throw new RefusedException("MODEL_NOT_FITTED", "model", "no model is fitted yet: run fitPredictionModels first");
		}
		if (model == null) {
			throw new RefusedException("MODEL_NOT_FOUND", "modelVersion",
					"is the version of no fit: predictionModels lists them");
		}
		Instant now = clock.instant();
		LocalDate today = calendar.dayOf(now);
		List<Purchase> known = purchases.before(calendar.startOf(today.plusDays(1)));
		Map<String, List<LocalDate>> daysOf = purchaseDays(known);
		String run = "SR" + new ObjectId().toHexString();
		Map<ChurnBand, Integer> bands = new TreeMap<>();
		List<MemberPrediction> batch = new ArrayList<>(WRITE_BATCH);
		int scored = 0;
		for (PurchaseSummary customer : PurchaseSummaries.of(known, today)) {
			MemberPrediction prediction = score(model, customer, daysOf.get(customer.customerId()), today, run, now);
			bands.merge(prediction.churnBand(), 1, Integer::sum);
			batch.add(prediction);
			scored++;
			if (batch.size() == WRITE_BATCH) {
				write(batch);
			}
		}
		write(batch);
		int removed = stored.removeAllBut(run);
		List<BandCount> counts = new ArrayList<>();
		for (ChurnBand band : ChurnBand.values()) {
			counts.add(new BandCount(band, bands.getOrDefault(band, 0)));
		}
		return new ScoringRun(run, model.version(), now, scored, removed, counts);
	}

	private MemberPrediction score(PredictionModel model, PurchaseSummary customer, List<LocalDate> days,
			LocalDate today, String run, Instant now) {
		BgNbd transactions = model.bgNbd();
		double alive = transactions.probabilityAlive(customer.x(), customer.tx(), customer.T());
		double horizonWeeks = settings.horizonDays() / 7.0;
		double expected = transactions.expectedPurchases(horizonWeeks, customer.x(), customer.tx(), customer.T());
		double spend = model.gammaGamma().expectedSpend(customer.x(), customer.monetary());
		double clv = CustomerValue.clv(transactions, model.gammaGamma(), customer, settings.clvMonths(),
				settings.monthlyDiscount());
		LocalDate last = days.get(days.size() - 1);
		double silent = transactions.probabilityNoPurchase(horizonWeeks, customer.x(), customer.tx(), customer.T());
		return new MemberPrediction(customer.customerId(), run, now, model.version(), settings.horizonDays(), alive,
				1 - alive, settings.bandOf(1 - alive), expected, silent, spend, clv, NextPurchase.of(transactions, customer, days, today),
				last);
	}

	private void write(List<MemberPrediction> batch) {
		stored.store(batch);
		batch.clear();
	}

	private static Map<String, List<LocalDate>> purchaseDays(List<Purchase> purchases) {
		Map<String, TreeSet<LocalDate>> days = new HashMap<>();
		purchases.forEach(p -> days.computeIfAbsent(p.customerId(), c -> new TreeSet<>()).add(p.day()));
		Map<String, List<LocalDate>> lists = new HashMap<>();
		days.forEach((customer, own) -> lists.put(customer, List.copyOf(own)));
		return lists;
	}

}
