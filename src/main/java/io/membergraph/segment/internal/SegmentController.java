package io.membergraph.segment.internal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import graphql.execution.MergedField;
import graphql.language.Field;
import graphql.language.Selection;
import graphql.schema.DataFetchingEnvironment;
import io.membergraph.member.Member;
import io.membergraph.member.MemberDirectory;
import io.membergraph.segment.SavedSegments;
import io.membergraph.segment.Segment;
import io.membergraph.segment.SegmentExports;
import io.membergraph.segment.SegmentPreviews;
import io.membergraph.shared.Connection;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.PageRequest;
import io.membergraph.shared.Payloads;
import io.membergraph.shared.UserError;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The segment API: GraphQL, and the CSV download of a segment's members. */
@RestController
public class SegmentController {

	private final SegmentPreviews previews;

	private final SavedSegments saved;

	private final SegmentExports exports;

	private final MemberDirectory members;

	private final JsonMapper json;

	SegmentController(SegmentPreviews previews, SavedSegments saved, SegmentExports exports, MemberDirectory members,
			JsonMapper json) {
		this.previews = previews;
		this.saved = saved;
		this.exports = exports;
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
		// One read for the page, not one per member; a member merged since the evaluation is shown as its survivor.
		Map<String, String> current = members.currentIds(ids.nodes());
		Map<String, Member> byId = new java.util.HashMap<>();
		members.findByIds(current.values().stream().distinct().toList()).forEach(m -> byId.put(m.id(), m));
		return ids.map(memberId -> byId.get(current.get(memberId)));
	}

	@QueryMapping
	List<SegmentExport> segmentExports(@Argument String segmentId) {
		return exports.of(segmentId);
	}

	/** The members of a segment as CSV, for the roles that may read segments; every download is audited. */
	@GetMapping("/api/segments/{id}/members.csv")
	void export(@PathVariable String id, HttpServletResponse response) throws IOException {
		SegmentExports.Export export = exports.start(id);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"segment-" + id + ".csv\"");
		try (Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
			export.writeTo(writer);
		}
	}

	/** A segment as sent: its definition as text ({@code query}) or as a tree ({@code condition}). */
	record SegmentInput(String name, String description, String query, StructuredCondition condition) {

		SavedSegments.SegmentInput definition() {
			return new SavedSegments.SegmentInput(name, description, queryOf(query, condition));
		}

	}

	/** {@code SegmentPayload}: what saving, changing or evaluating a segment answers. */
	record SegmentPayload(Segment segment, List<UserError> errors) {
	}

	record DeleteSegmentPayload(String deletedSegmentId, List<UserError> errors) {
	}

	@MutationMapping
	SegmentPayload saveSegment(@Argument SegmentInput input) {
		return Payloads.attempt(() -> saved.save(input == null ? null : input.definition()), SegmentPayload::new);
	}

	@MutationMapping
	SegmentPayload updateSegment(@Argument UpdateSegmentInput input) {
		return Payloads.attempt(() -> saved.update(input.id(), new SegmentInput(input.name(), input.description(),
				input.query(), input.condition()).definition()), SegmentPayload::new);
	}

	record UpdateSegmentInput(String id, String name, String description, String query, StructuredCondition condition) {
	}

	/** {@code DeleteSegmentInput}, {@code EvaluateSegmentInput}. */
	record SegmentIdInput(String id) {
	}

	@MutationMapping
	DeleteSegmentPayload deleteSegment(@Argument SegmentIdInput input) {
		return Payloads.attempt(() -> saved.delete(input.id()), DeleteSegmentPayload::new);
	}

	@MutationMapping
	SegmentPayload evaluateSegment(@Argument SegmentIdInput input) {
		return Payloads.attempt(() -> saved.reevaluate(input.id()), SegmentPayload::new);
	}

	record SegmentFieldInfo(String path, SegmentField.Type type, List<String> choices) {
	}

	@QueryMapping
	List<SegmentFieldInfo> segmentFields() {
		return previews.fieldsForCaller().stream()
			.map(field -> new SegmentFieldInfo(field.path(), field.type(), field.choices()))
			.toList();
	}

	@QueryMapping
	SegmentPreviews.Preview previewSegment(@Argument String query, @Argument StructuredCondition condition,
			@Argument Integer sample) {
		return previews.preview(queryOf(query, condition), sample == null ? 10 : sample);
	}

	/** The definition's text: given as such, or written from the tree. */
	static String queryOf(String query, StructuredCondition condition) {
		if ((query == null) == (condition == null)) {
			throw new InvalidInputException("query", "give either query (text) or condition (a tree), not both or neither");
		}
		if (query != null) {
			return query;
		}
		String written = condition.toQuery();
		if (written.length() > SegmentQueryParser.MAX_LENGTH) {
			throw new InvalidInputException("condition", "is too large: written in the segment language it is "
					+ written.length() + " characters long; at most " + SegmentQueryParser.MAX_LENGTH);
		}
		return written;
	}

	/**
	 * The sample as members, masked for roles without personal-data rights (the directory masks). A client that
	 * asks for nothing but the members' ids (a builder showing who matched, a count with links) gets them from the
	 * evaluation: an id is no personal data, so there is nothing to read, mask or record in the audit trail.
	 */
	@SchemaMapping(typeName = "SegmentPreview")
	List<?> sample(SegmentPreviews.Preview preview, DataFetchingEnvironment environment) {
		if (asksOnlyForIds(environment.getMergedField())) {
			return preview.sampleIds().stream().map(SampledId::new).toList();
		}
		// One read for the sample, not one per member.
		return members.findByIds(preview.sampleIds());
	}

	/**
	 * Read from the request's own fields rather than the selection set, which works out every field below it on
	 * first use (7% of a preview's time in the service at 100,000 members). A fragment, or anything but plain
	 * fields, counts as asking for more.
	 */
	private static boolean asksOnlyForIds(MergedField sample) {
		for (Field field : sample.getFields()) {
			if (field.getSelectionSet() == null) {
				return false;
			}
			for (Selection<?> selection : field.getSelectionSet().getSelections()) {
				if (!(selection instanceof Field asked) || !asked.getDirectives().isEmpty()
						|| !ID_ONLY.contains(asked.getName())) {
					return false;
				}
			}
		}
		return true;
	}

	private static final java.util.Set<String> ID_ONLY = java.util.Set.of("id", "__typename");

	/** A sampled member of which the client asked only the id. */
	record SampledId(String id) {
	}

	/** The compiled tree as JSON, each node with its kind. */
	@SchemaMapping(typeName = "SegmentPreview")
	Object condition(SegmentPreviews.Preview preview) {
		return json.convertValue(preview.condition(), Map.class);
	}

}
