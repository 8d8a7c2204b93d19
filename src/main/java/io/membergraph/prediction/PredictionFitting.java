package io.membergraph.prediction;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import io.membergraph.prediction.internal.PurchaseSummaries.Purchase;
import io.membergraph.prediction.internal.BgNbd;
import io.membergraph.prediction.internal.CustomerPurchases;
import io.membergraph.prediction.internal.GammaGamma;
import io.membergraph.prediction.internal.HoldoutValidation;
import io.membergraph.prediction.internal.ModelFitting;
import io.membergraph.prediction.internal.PredictionModel;
import io.membergraph.prediction.internal.PurchaseSummaries;
import io.membergraph.prediction.internal.PurchaseSummary;
import io.membergraph.security.Caller;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.InvalidInputException;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Fits the transaction and spend models on the members' purchases up to a calibration day and, when a holdout day
 * is given, validates the transaction model on what members bought in between. Every fit is kept; the latest is the
 * current model.
 */
@Service
public class PredictionFitting {

	/** By fitting time; versions grow with each fit, so they order fits of one instant (a pinned clock's). */
	private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "fittedAt", "_id");

	private final MongoTemplate mongo;

	private final CustomerPurchases purchases;

	private final BusinessCalendar calendar;

	private final Caller caller;

	private final Clock clock;

	PredictionFitting(MongoTemplate mongo, CustomerPurchases purchases, BusinessCalendar calendar, Caller caller,
			Clock clock) {
		this.mongo = mongo;
		this.purchases = purchases;
		this.calendar = calendar;
		this.caller = caller;
		this.clock = clock;
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public PredictionModel fit(LocalDate calibrationEnd, LocalDate holdoutEnd) {
		LocalDate today = calendar.dayOf(clock.instant());
		InvalidInputException.require("calibrationEnd", calibrationEnd);
		if (!calibrationEnd.isBefore(today)) {
			throw new InvalidInputException("calibrationEnd", "must be before today (" + today + ")");
		}
		if (holdoutEnd != null && (!holdoutEnd.isAfter(calibrationEnd) || holdoutEnd.isAfter(today))) {
			throw new InvalidInputException("holdoutEnd", "must be after calibrationEnd and not after today");
		}
		LocalDate lastDay = holdoutEnd == null ? calibrationEnd : holdoutEnd;
		List<Purchase> known = purchases.before(calendar.startOf(lastDay.plusDays(1)));
		List<PurchaseSummary> calibration = PurchaseSummaries.of(known, calibrationEnd);
		ModelFitting.Fitted<BgNbd> transactions = ModelFitting.bgNbd(calibration);
		ModelFitting.Fitted<GammaGamma> spend = ModelFitting.gammaGamma(calibration);
		HoldoutValidation.Report validation = holdoutEnd == null ? null
				: HoldoutValidation.of(transactions.model(), calibration, known, calibrationEnd, holdoutEnd);
		PredictionModel model = new PredictionModel("PM" + new ObjectId().toHexString(), clock.instant(), caller.name(),
				calibrationEnd, holdoutEnd, calibration.size(), (int) calibration.stream().filter(c -> c.x() > 0).count(),
				transactions.model(),
				PredictionModel.Diagnostics.of(transactions.fit(), ModelFitting.BG_NBD_STARTS.length, "r", "alpha", "a", "b"),
				spend.model(),
				PredictionModel.Diagnostics.of(spend.fit(), ModelFitting.GAMMA_GAMMA_STARTS.length, "p", "q", "gamma"),
				validation);
		return mongo.insert(model);
	}

	/** The latest fit, or null before the first. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public PredictionModel current() {
		return latest();
	}

	/** The latest fits, newest first: the versions a scoring run may use. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public List<PredictionModel> recent(int first) {
		return mongo.find(new Query().with(NEWEST_FIRST).limit(first), PredictionModel.class);
	}

	PredictionModel latest() {
		return mongo.findOne(new Query().with(NEWEST_FIRST).limit(1), PredictionModel.class);
	}

	/** The fit of that version, or null when there is none. */
	PredictionModel version(String version) {
		return mongo.findById(version, PredictionModel.class);
	}

}
