package io.membergraph.segment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.membergraph.member.Member;
import io.membergraph.member.MemberDirectory;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import tools.jackson.databind.json.JsonMapper;

@Controller
class SegmentController {

	private final SegmentPreviews previews;

	private final MemberDirectory members;

	private final JsonMapper json;

	SegmentController(SegmentPreviews previews, MemberDirectory members, JsonMapper json) {
		this.previews = previews;
		this.members = members;
		this.json = json;
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
