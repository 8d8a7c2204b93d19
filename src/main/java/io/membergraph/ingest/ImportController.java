package io.membergraph.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import io.membergraph.ingest.ImportJob.ImportEntity;
import io.membergraph.shared.Connection;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/import/members} and {@code /api/import/orders}: the body is the export (CSV or NDJSON,
 * optionally gzip), with {@code fileName}, {@code format}, a JSON {@code mapping} and for orders a
 * {@code returnRule} as parameters. Answers 202 with the job; its
 * progress is the GraphQL {@code importJob}, its reject report {@code GET /api/import/jobs/{id}/rejects.csv}.
 */
@RestController
class ImportController {

	private final ImportJobs jobs;

	private final ReadModelRebuild readModels;

	private final JsonMapper json;

	ImportController(ImportJobs jobs, ReadModelRebuild readModels, JsonMapper json) {
		this.jobs = jobs;
		this.readModels = readModels;
		this.json = json;
	}

	@MutationMapping
	ReadModelRebuild.Report rebuildReadModels(@Argument Boolean repair) {
		return readModels.rebuild(Boolean.TRUE.equals(repair));
	}

	@PostMapping("/api/import/{entity}")
	ResponseEntity<ImportJob> start(@PathVariable String entity, @RequestParam(required = false) String fileName,
			@RequestParam(required = false) String format, @RequestParam(required = false) String mapping,
			@RequestParam(required = false) String returnRule, HttpServletRequest request) throws IOException {
		try (InputStream body = request.getInputStream()) {
			return ResponseEntity.accepted()
				.body(jobs.start(ImportEntity.of("entity", entity), fileName, format, mapping(mapping), returnRule, body));
		}
	}

	@GetMapping("/api/import/jobs/{jobId}/rejects.csv")
	void rejects(@PathVariable String jobId, HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + jobId + "-rejects.csv\"");
		try (Stream<ImportReject> rejects = jobs.allRejects(jobId);
				Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
				CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
					.setHeader("row", "field", "column", "reason", "raw").get())) {
			for (ImportReject reject : (Iterable<ImportReject>) rejects::iterator) {
				csv.printRecord(reject.row(), reject.field(), reject.column(), reject.reason(), reject.raw());
			}
		}
	}

	@QueryMapping
	ImportJob importJob(@Argument String id) {
		return jobs.find(id);
	}

	@QueryMapping
	Connection<ImportReject> importRejects(@Argument String jobId, @Argument Integer first, @Argument String after) {
		return jobs.rejects(jobId, PageRequest.of(first, after));
	}

	private Map<String, String> mapping(String mapping) {
		if (mapping == null || mapping.isBlank()) {
			return Map.of();
		}
		try {
			return json.readValue(mapping, new TypeReference<Map<String, String>>() {
			});
		}
		catch (JacksonException ex) {
			throw new InvalidInputException("mapping", "is not a JSON object of field to column names");
		}
	}

}
