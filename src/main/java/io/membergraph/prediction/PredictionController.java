package io.membergraph.prediction;

import java.time.LocalDate;
import java.util.List;

import io.membergraph.prediction.MemberScoring.ScoringRun;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class PredictionController {

	private final PredictionFitting fitting;

	private final MemberScoring scoring;

	private final MemberPredictions predictions;

	PredictionController(PredictionFitting fitting, MemberScoring scoring, MemberPredictions predictions) {
		this.fitting = fitting;
		this.scoring = scoring;
		this.predictions = predictions;
	}

	@QueryMapping
	PredictionModel predictionModel() {
		return fitting.current();
	}

	@QueryMapping
	MemberPrediction memberPrediction(@Argument String memberId) {
		return predictions.of(memberId);
	}

	@QueryMapping
	List<MemberPrediction> churnRisk(@Argument String segmentId, @Argument Integer first, @Argument String after) {
		return predictions.byChurnRisk(segmentId, first == null ? 100 : first, after);
	}

	@QueryMapping
	List<MemberPredictions.BandSummary> churnBands() {
		return predictions.bands();
	}

	@MutationMapping
	PredictionModel fitPredictionModels(@Argument LocalDate calibrationEnd, @Argument LocalDate holdoutEnd) {
		return fitting.fit(calibrationEnd, holdoutEnd);
	}

	@MutationMapping
	ScoringRun scoreMembers() {
		return scoring.scoreMembers();
	}

}
