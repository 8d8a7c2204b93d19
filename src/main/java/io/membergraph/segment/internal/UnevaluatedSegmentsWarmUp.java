package io.membergraph.segment.internal;

import io.membergraph.segment.SavedSegments;
import io.membergraph.shared.WarmUp;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Evaluates, before the service reports ready, the segments never evaluated (the demo's, saved in bulk, or one whose
 * save a crash cut short), so that a campaign can launch to any of them at once. After the read models, which the
 * evaluations read.
 */
@Component
@Order(WarmUp.BEFORE_REQUESTS_OVER_READ_MODELS)
public class UnevaluatedSegmentsWarmUp implements WarmUp {

	private final SavedSegments segments;

	UnevaluatedSegmentsWarmUp(SavedSegments segments) {
		this.segments = segments;
	}

	@Override
	public void warm() {
		segments.evaluateThoseNeverEvaluated();
	}

}
