package io.membergraph.segment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.membergraph.member.MemberDirectory;
import io.membergraph.segment.internal.SegmentMembership;
import io.membergraph.shared.InvalidInputException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Who is in a saved segment, for features that filter by one (analyses; campaign audiences later). Reads only
 * the stored membership, so it depends on nothing that evaluates segments.
 */
@Service
public class SegmentMemberships {

	private final MongoTemplate mongo;

	private final MemberDirectory members;

	SegmentMemberships(MongoTemplate mongo, MemberDirectory members) {
		this.members = members;
		this.mongo = mongo;
	}

	/**
	 * The members of the segment's latest evaluation (none before the first), each as it lives now: one merged into
	 * another account since the evaluation is that account, so that a campaign, an export or an analysis of the
	 * segment keeps the customer rather than a tombstone ({@link MemberDirectory#asTheyAreNow}).
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public Set<String> memberIdsOf(String segmentId) {
		Segment segment = mongo.findById(InvalidInputException.requireText("segmentId", segmentId), Segment.class);
		if (segment == null) {
			throw new InvalidInputException("segmentId", "no segment '" + segmentId + "'");
		}
		return memberIdsOf(segment);
	}

	/** {@link #memberIdsOf(String)} for a segment in hand. */
	Set<String> memberIdsOf(Segment segment) {
		Set<String> evaluated = new HashSet<>();
		chunksOf(segment).forEach(chunk -> evaluated.addAll(chunk.memberIds()));
		return members.asTheyAreNow(evaluated, segment.evaluatedAt());
	}

	/** The chunks of the segment's latest evaluation in order; none before the first evaluation. */
	List<SegmentMembership> chunksOf(Segment segment) {
		if (segment.evaluation() == null) {
			return List.of();
		}
		return mongo.find(Query.query(Criteria.where("evaluation").is(segment.evaluation())).with(Sort.by("chunk")),
				SegmentMembership.class);
	}

	/** Drops the members of an evaluation no segment points to any more. */
	void drop(String evaluation) {
		if (evaluation != null) {
			mongo.remove(Query.query(Criteria.where("evaluation").is(evaluation)), SegmentMembership.class);
		}
	}

}
