package io.membergraph.ingest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.membergraph.ingest.ImportJob.ImportEntity;
import io.membergraph.ingest.ImportJob;
import io.membergraph.ingest.ImportJobs;
import io.membergraph.shared.Connection;
import io.membergraph.shared.CsvCells;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.PageRequest;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code POST /api/import/{members|products|orders|interactions}}: the export as the body ({@code text/csv},
 * {@code application/x-ndjson}, {@code application/gzip}, {@code application/octet-stream}) or as the
 * {@code file} part of a multipart form, with the import's parameters in the URL (or as form fields). Answers
 * 202 with the job; its progress is {@code GET /api/import/jobs/{id}} or the GraphQL {@code importJob}, its
 * reject report {@code GET /api/import/jobs/{id}/rejects.csv}. {@code POST .../layout} reads the file's header and
 * answers its columns, the import's fields and what the mapping still lacks; {@code POST .../preview} shows the
 * first rows as they would load. Neither writes anything.
 */
@RestController
public class ImportController {

	private static final String RETRY_AFTER_SECONDS = "60";

	private final ImportJobs jobs;

	ImportController(ImportJobs jobs) {
		this.jobs = jobs;
	}

	@PostMapping("/api/import/{entity}")
	ResponseEntity<ImportJob> start(@PathVariable String entity, HttpServletRequest request) throws IOException {
		ImportEntity what = ImportEntity.of("entity", entity);
		Upload upload = upload(request);
		try (InputStream body = upload.body()) {
			ImportJob job = jobs.start(what, upload.parameters(), body, upload.lookups(), upload.resume());
			return ResponseEntity.accepted()
				.location(UriComponentsBuilder.fromPath("/api/import/jobs/{id}").build(job.id()))
				.body(job);
		}
	}

	@PostMapping("/api/import/{entity}/layout")
	ImportLayout layout(@PathVariable String entity, HttpServletRequest request) throws IOException {
		ImportEntity what = ImportEntity.of("entity", entity);
		Upload upload = upload(request);
		try (InputStream body = upload.body()) {
			return jobs.layout(what, upload.parameters(), body, upload.lookups());
		}
	}

	@PostMapping("/api/import/{entity}/preview")
	ImportPreview preview(@PathVariable String entity, HttpServletRequest request) throws IOException {
		ImportEntity what = ImportEntity.of("entity", entity);
		Upload upload = upload(request);
		int rows = rows(request.getParameter("rows"));
		try (InputStream body = upload.body()) {
			return jobs.preview(what, upload.parameters(), body, upload.lookups(), rows);
		}
	}

	@GetMapping("/api/import/jobs/{jobId}")
	ResponseEntity<ImportJob> job(@PathVariable String jobId) {
		ImportJob job = jobs.find(jobId);
		return job == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(job);
	}

	@GetMapping("/api/import/jobs/{jobId}/rejects.csv")
	void rejects(@PathVariable String jobId, HttpServletResponse response) throws IOException {
		// An unknown job is not found, as its status is, rather than an empty report that reads as "nothing refused".
		ImportJob job = jobs.find(jobId);
		if (job == null) {
			response.sendError(HttpStatus.NOT_FOUND.value());
			return;
		}
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + job.id() + "-rejects.csv\"");
		try (Stream<ImportReject> rejects = jobs.allRejects(job.id());
				Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
				CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
					.setHeader("row", "field", "column", "value", "reason", "raw").get())) {
			for (ImportReject reject : (Iterable<ImportReject>) rejects::iterator) {
				csv.printRecord(reject.row(), CsvCells.safe(reject.field()), CsvCells.safe(reject.column()),
						CsvCells.safe(reject.value()), CsvCells.safe(reject.reason()), CsvCells.safe(reject.raw()));
			}
		}
	}

	@QueryMapping
	ImportJob importJob(@Argument String id) {
		return jobs.find(id);
	}

	@QueryMapping
	Connection<ImportJob> importJobs(@Argument Integer first, @Argument String after) {
		return jobs.recent(PageRequest.of(first, after));
	}

	@QueryMapping
	Connection<ImportReject> importRejects(@Argument String jobId, @Argument Integer first, @Argument String after) {
		return jobs.rejects(jobId, PageRequest.of(first, after));
	}

	@ExceptionHandler(ImportJobs.Busy.class)
	ResponseEntity<Map<String, String>> busy(ImportJobs.Busy ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(Map.of("error", "busy", "reason", ex.getMessage()));
	}

	@ExceptionHandler(ImportSpool.TooLarge.class)
	ResponseEntity<Map<String, String>> tooLarge(ImportSpool.TooLarge ex) {
		return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Map.of("error", "too_large", "reason", ex.getMessage()));
	}

	private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private static final String XLS = "application/vnd.ms-excel";

	/**
	 * The file and the parameters, from a plain body or a multipart form; a form may bring lookup files too, as
	 * parts named {@code lookup} in the order {@code joinOn} gives their keys.
	 */
	private record Upload(InputStream body, Map<String, String> parameters, String resume,
			List<ImportJobs.LookupUpload> lookups) {
	}

	private static Upload upload(HttpServletRequest request) throws IOException {
		String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
		if (contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
			// curl --data-binary without a Content-Type sends this, and the servlet would read the file as form fields.
			throw new InvalidInputException("Content-Type", "the file came as a form (application/x-www-form-urlencoded); "
					+ "send it as the body with -H 'Content-Type: text/csv' (or application/x-ndjson, application/gzip, "
					+ XLSX + "), "
					+ "or as a multipart upload: curl -F file=@orders.csv");
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> parameters.put(name, once(name, values)));
		String resume = parameters.remove("resume");
		parameters.remove("rows");
		InputStream body;
		List<ImportJobs.LookupUpload> lookups = new ArrayList<>();
		if (contentType.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)) {
			Part file = part(request);
			for (Part lookup : lookupParts(request)) {
				lookups.add(new ImportJobs.LookupUpload(lookup.getSubmittedFileName(), lookup.getInputStream()));
			}
			if (file.getSubmittedFileName() != null) {
				parameters.putIfAbsent("fileName", file.getSubmittedFileName());
			}
			contentType = file.getContentType() == null ? "" : file.getContentType().toLowerCase(Locale.ROOT);
			body = file.getInputStream();
		}
		else {
			body = request.getInputStream();
		}
		if (!parameters.containsKey("format")) {
			if (contentType.startsWith("text/csv")) {
				parameters.put("format", "CSV");
			}
			else if (contentType.startsWith("text/tab-separated-values")) {
				parameters.put("format", "CSV");
				parameters.putIfAbsent("delimiter", "tab");
			}
			else if (contentType.contains("ndjson") || contentType.contains("jsonl")) {
				parameters.put("format", "NDJSON");
			}
			else if (contentType.startsWith(MediaType.APPLICATION_JSON_VALUE)) {
				parameters.put("format", "JSON");
			}
			else if (contentType.startsWith(XLSX)) {
				parameters.put("format", "XLSX");
			}
			else if (contentType.startsWith(XLS)) {
				parameters.put("format", "XLS");
			}
		}
		return new Upload(body, parameters, resume, lookups);
	}

	/**
	 * A parameter's value; one given twice (in the URL and the form, or twice in either) with different values is
	 * refused rather than one of them silently taken.
	 */
	private static String once(String name, String[] values) {
		if (java.util.Arrays.stream(values).distinct().count() > 1) {
			throw new InvalidInputException(name, "is given " + values.length + " times with different values (in the URL "
					+ "and the form, or twice in one of them): give it once");
		}
		return values[0];
	}

	private static Part part(HttpServletRequest request) throws IOException {
		try {
			List<Part> files = request.getParts().stream().filter(part -> "file".equals(part.getName())).toList();
			if (files.isEmpty()) {
				throw new InvalidInputException("file", "the multipart form has no part named 'file'");
			}
			if (files.size() > 1) {
				throw new InvalidInputException("file", "the multipart form has " + files.size() + " parts named 'file': "
						+ "an import reads one file (start one import per file; lookup files go in parts named 'lookup')");
			}
			return files.get(0);
		}
		catch (ServletException ex) {
			throw new InvalidInputException("file", "the multipart form cannot be read: " + ex.getMessage());
		}
	}

	private static List<Part> lookupParts(HttpServletRequest request) throws IOException {
		try {
			return request.getParts().stream().filter(part -> "lookup".equals(part.getName())).toList();
		}
		catch (ServletException ex) {
			throw new InvalidInputException("lookup", "the multipart form cannot be read: " + ex.getMessage());
		}
	}

	private static int rows(String given) {
		if (given == null || given.isBlank()) {
			return 20;
		}
		try {
			int rows = Integer.parseInt(given.strip());
			if (rows < 1) {
				throw new NumberFormatException();
			}
			return rows;
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("rows", "must be a whole number of at least 1");
		}
	}

}
