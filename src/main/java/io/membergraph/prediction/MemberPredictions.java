package io.membergraph.prediction;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.customer.ChurnBand;
import io.membergraph.customer.MemberPrediction;
import io.membergraph.customer.StoredPredictions;
import io.membergraph.member.MemberDirectory;
import io.membergraph.security.Caller;
import io.membergraph.segment.SegmentMemberships;
import io.membergraph.shared.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Reads the stored scores: one member's (a storefront sees only its churn band and next purchase date, for
 * personalisation), members by churn risk for the people who act on them, and bands in aggregate for marketers.
 */
@Service
public class MemberPredictions {

	static final int MAX_LISTED = 1_000;

	/** Members per churn band, with their expected value. */
	public record BandSummary(ChurnBand band, int members, double clv, double expectedPurchases) {
	}

	private final StoredPredictions stored;

	private final MemberDirectory directory;

	private final SegmentMemberships segments;

	private final Caller caller;

	MemberPredictions(StoredPredictions stored, MemberDirectory directory, SegmentMemberships segments, Caller caller) {
		this.stored = stored;
		this.directory = directory;
		this.segments = segments;
		this.caller = caller;
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT')")
	public MemberPrediction of(String memberId) {
		String id = directory.currentId(InvalidInputException.requireText("memberId", memberId)).orElse(null);
		return id == null ? null : shown(stored.of(id));
	}

	/** {@link #of} for a page of members at once, by member id: one read of the predictions for all of them. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT')")
	public Map<String, MemberPrediction> ofAll(java.util.Collection<String> memberIds) {
		Map<String, String> current = directory.currentIds(memberIds);
		Map<String, MemberPrediction> byCurrent = new java.util.HashMap<>();
		stored.ofAll(new java.util.HashSet<>(current.values()))
			.forEach((survivor, prediction) -> byCurrent.put(survivor, shown(prediction)));
		Map<String, MemberPrediction> byMember = new java.util.HashMap<>();
		current.forEach((id, survivor) -> {
			if (byCurrent.containsKey(survivor)) {
				byMember.put(id, byCurrent.get(survivor));
			}
		});
		return byMember;
	}

	/** A storefront sees the band and the next purchase date, not the model's figures. */
	private MemberPrediction shown(MemberPrediction prediction) {
		if (prediction == null || !caller.isStorefront()) {
			return prediction;
		}
		return new MemberPrediction(prediction.memberId(), prediction.run(), prediction.scoredAt(),
				prediction.modelVersion(), prediction.horizonDays(), null, null, prediction.churnBand(), null, null, null,
				null, prediction.nextPurchaseDate(), null);
	}

	/** Members of the latest scoring run by churn risk, highest first (then by id), optionally of one saved segment. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public List<MemberPrediction> byChurnRisk(String segmentId, int first, String after) {
		InvalidInputException.between("first", first, first, 1, MAX_LISTED);
		Set<String> members = segmentId == null ? null : segments.memberIdsOf(segmentId);
		Comparator<MemberPrediction> order = Comparator.comparingDouble(MemberPrediction::churnRisk).reversed()
			.thenComparing(MemberPrediction::memberId);
		MemberPrediction cursor = after == null ? null : stored.of(after);
		List<MemberPrediction> ranked = new ArrayList<>();
		for (MemberPrediction p : stored.all()) {
			if ((members == null || members.contains(p.memberId())) && (cursor == null || order.compare(p, cursor) > 0)) {
				ranked.add(p);
			}
		}
		ranked.sort(order);
		return ranked.size() > first ? List.copyOf(ranked.subList(0, first)) : ranked;
	}

	/** Members whose next purchase date falls within {@code withinDays} from today, soonest first (then by id). */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST')")
	public List<MemberPrediction> dueToBuy(LocalDate today, int withinDays, int first) {
		InvalidInputException.between("withinDays", withinDays, withinDays, 0, 365);
		InvalidInputException.between("first", first, first, 1, MAX_LISTED);
		LocalDate until = today.plusDays(withinDays);
		return stored.all().stream()
			.filter(p -> p.nextPurchaseDate() != null && !p.nextPurchaseDate().isBefore(today)
					&& !p.nextPurchaseDate().isAfter(until))
			.sorted(Comparator.comparing(MemberPrediction::nextPurchaseDate).thenComparing(MemberPrediction::memberId))
			.limit(first)
			.toList();
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public List<BandSummary> bands() {
		Map<ChurnBand, double[]> sums = new EnumMap<>(ChurnBand.class);
		for (ChurnBand band : ChurnBand.values()) {
			sums.put(band, new double[3]);
		}
		for (MemberPrediction p : stored.all()) {
			double[] sum = sums.get(p.churnBand());
			sum[0]++;
			sum[1] += p.clv();
			sum[2] += p.expectedPurchases();
		}
		List<BandSummary> bands = new ArrayList<>();
		sums.forEach((band, sum) -> bands.add(new BandSummary(band, (int) sum[0], sum[1], sum[2])));
		return bands;
	}

}
