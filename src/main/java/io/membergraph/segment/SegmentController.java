package io.membergraph.segment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.membergraph.member.Member;
import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.Connection;
import io.membergraph.shared.PageRequest;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.json.JsonMapper;

@Controller
class SegmentController {

	private final SegmentPreviews previews;

	private final SavedSegments saved;

	private final MemberDirectory members;

	private final JsonMapper json;

	SegmentController(SegmentPreviews previews, SavedSegments saved, MemberDirectory members, JsonMapper json) {
		this.previews = previews;
		this.saved = saved;
		this.members = members;
		this.json = json;
	}

	@QueryMapping
	List<Segment> segments() {
		return saved.all();
	}

	@QueryMapping
	Segment segment(@Argument String id) {
		return saved.byId(id);
	}

	/** The members of the segment's latest evaluation, masked for roles without personal-data rights. */
	@QueryMapping
	Connection<Member> segmentMembers(@Argument String id, @Argument Integer first, @Argument String after) {
		Connection<String> ids = saved.members(id, PageRequest.of(first, after));
		return ids.map(memberId -> members.findById(memberId).orElse(null));
	}

	@MutationMapping
	Segment saveSegment(@Argument SavedSegments.SegmentInput input) {
		return saved.save(input);
	}

	@MutationMapping
	Segment updateSegment(@Argument String id, @Argument SavedSegments.SegmentInput input) {
		return saved.update(id, input);
	}

	@MutationMapping
	boolean deleteSegment(@Argument String id) {
		return saved.delete(id);
	}

	@MutationMapping
	Segment evaluateSegment(@Argument String id) {
		return saved.reevaluate(id);
	}

	@QueryMapping
	SegmentPreviews.Preview previewSegment(@Argument String query, @Argument Integer sample) {
		return previews.preview(query, sample == null ? 10 : sample);
	}

	/** The sample as members, masked for roles without personal-data rights (the directory masks). */
	@SchemaMapping(typeName = "SegmentPreview")
	List<Member> sample(SegmentPreviews.Preview preview) {
		return preview.sampleIds().stream().map(members::findById).flatMap(Optional::stream).toList();
	}

	/** The compiled tree as JSON, each node with its kind. */
	@SchemaMapping(typeName = "SegmentPreview")
	Object condition(SegmentPreviews.Preview preview) {
		return json.convertValue(preview.condition(), Map.class);
	}

}
