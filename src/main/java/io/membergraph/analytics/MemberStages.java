package io.membergraph.analytics;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import io.membergraph.segment.MemberStageSource;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.WarmUp;
import io.membergraph.store.ChangeStampedView;
import io.membergraph.store.ChangeStampedViews;
import org.springframework.stereotype.Component;

/**
 * Each member's lifecycle stage on a day (default thresholds, business time zone) and RFM segment from the
 * latest scoring run, for segments, which select members by them.
 */
@Component
class MemberStages implements MemberStageSource, WarmUp {

	private final MemberHistories histories;

	private final BusinessCalendar calendar;

	/** Each scored member's RFM segment, kept in memory and refreshed from the scores written since. */
	private final ChangeStampedView<MemberScores, String> rfmSegments;

	MemberStages(MemberHistories histories, BusinessCalendar calendar, ChangeStampedViews views) {
		this.histories = histories;
		this.calendar = calendar;
		this.rfmSegments = views.of(MemberScores.class, "changedAt", new String[] { "rfm", "changedAt" },
				MemberScores::memberId, MemberStages::segmentOf);
	}

	/** The lifecycle stage of every live member registered by the end of {@code day}, by member id. */
	@Override
	public Map<String, String> lifecycleOn(LocalDate day) {
		AnalysisScope scope = new AnalysisScope(day, calendar.zone(), null, null, null, null, null);
		Map<String, String> stages = new HashMap<>();
		for (MemberHistory member : histories.in(scope)) {
			Lifecycle.Stage stage = Lifecycle.stageOf(member, scope, Lifecycle.Settings.DEFAULT);
			if (stage != Lifecycle.Stage.NOT_JOINED) {
				stages.put(member.memberId(), stage.name());
			}
		}
		return stages;
	}

	@Override
	public void warm() {
		rfmSegments.current();
	}

	/** Null for a member whose scores a later run cleared: the view drops it. */
	private static String segmentOf(MemberScores scores) {
		return scores.rfm() == null || scores.rfm().segment() == null ? null : scores.rfm().segment().name();
	}

	/** The RFM segment the latest scoring run gave each scored member, by member id. */
	@Override
	public Map<String, String> rfmSegments() {
		return rfmSegments.current();
	}

}
