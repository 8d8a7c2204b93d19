package io.membergraph.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

import io.membergraph.ingest.internal.ImportProgressPrinter;
import io.membergraph.ingest.internal.ImportSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command-line import's upload mode: {@code --membergraph.import.url=http://host:8080} sends the file to that
 * running MemberGraph and follows the job there until it ends. It needs no store of its own, so it runs before
 * (and instead of) the application.
 */
public final class ImportUpload {

	private static final String PREFIX = "--membergraph.import.";

	/** The environment variable a token may come from, so that it stays out of the shell's history. */
	public static final String TOKEN_VARIABLE = "MEMBERGRAPH_IMPORT_TOKEN";

	private static final Duration POLL = Duration.ofSeconds(2);

	private final Map<String, String> options;

	private final PrintStream out;

	private final ImportProgressPrinter printer;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private ImportUpload(Map<String, String> options, PrintStream out) {
		this.options = options;
		this.out = out;
		this.printer = new ImportProgressPrinter(out);
	}

	/**
	 * Runs the upload when the arguments ask for one ({@code --membergraph.import.url} with a file), answering the
	 * process's exit code: 0 completed, 1 failed or unreachable, 2 refused. Empty when they do not ask for one.
	 */
	public static OptionalInt runIfAsked(String[] args, Map<String, String> environment, PrintStream out) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.startsWith(PREFIX) && arg.indexOf('=') > PREFIX.length()) {
				options.put(arg.substring(PREFIX.length(), arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
		}
		String url = options.get("url");
		if (url == null || url.isBlank() || !options.containsKey("file")) {
			return OptionalInt.empty();
		}
		options.putIfAbsent("token", environment.get(TOKEN_VARIABLE));
		return OptionalInt.of(new ImportUpload(options, out).run());
	}

	private int run() {
		Path file = Path.of(options.get("file"));
		if (!Files.isReadable(file)) {
			out.println("Import refused:\n  membergraph.import.file: cannot read " + file);
			return 2;
		}
		List<Path> lookups = lookups(options.get("lookup"));
		for (Path lookup : lookups) {
			if (!Files.isReadable(lookup)) {
				out.println("Import refused:\n  membergraph.import.lookup: cannot read " + lookup);
				return 2;
			}
		}
		String entity = options.getOrDefault("entity", "members").strip().toLowerCase(Locale.ROOT);
		String base = options.get("url").strip().replaceAll("/+$", "");
		StringBuilder query = new StringBuilder("?fileName=").append(encode(file.getFileName().toString()));
		for (String parameter : ImportSpec.PARAMETERS) {
			String value = options.get(parameter);
			if (value != null && !value.isBlank() && !"fileName".equals(parameter)) {
				query.append('&').append(parameter).append('=').append(encode(value));
			}
		}
		try {
			HttpRequest.Builder request = authorised(HttpRequest.newBuilder(
					URI.create(base + "/api/import/" + encode(entity) + query)));
			if (lookups.isEmpty()) {
				request.header("Content-Type", contentType(file)).POST(HttpRequest.BodyPublishers.ofFile(file));
			}
			else {
				String boundary = "membergraph-" + java.util.UUID.randomUUID();
				request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
					.POST(multipart(boundary, file, lookups));
			}
			HttpResponse<String> started = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (started.statusCode() != 202) {
				out.println("Import refused by " + base + " (HTTP " + started.statusCode() + "): " + started.body());
				return 2;
			}
			JsonNode job = json.readTree(started.body());
			String id = job.get("id").asString();
			while ("RUNNING".equals(job.get("status").asString())) {
				Thread.sleep(POLL.toMillis());
				job = json.readTree(http.send(authorised(HttpRequest.newBuilder(URI.create(base + "/api/import/jobs/" + id)))
					.GET().build(), HttpResponse.BodyHandlers.ofString()).body());
				printer.progress(job.get("rowsRead").asLong(), job.get("rowsRejected").asLong(), job.get("bytesRead").asLong(),
						job.get("bytes").asLong(), job.get("rowsPerSecond").asDouble(),
						job.get("secondsLeft").isNull() ? null : job.get("secondsLeft").asLong());
			}
			return printer.finished(id, job.get("status").asString(), job.get("rowsRead").asLong(),
					job.get("rowsLoaded").asLong(), job.get("rowsLinked").asLong(), job.get("rowsDuplicate").asLong(),
					job.get("rowsRejected").asLong(), job.get("failure").isNull() ? null : job.get("failure").asString(), base);
		}
		catch (IOException | IllegalArgumentException ex) {
			out.println("Cannot reach " + base + ": " + ex.getMessage());
			return 1;
		}
		catch (JacksonException ex) {
			out.println(base + " did not answer as MemberGraph does: " + ex.getOriginalMessage());
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	/** The lookup files, comma-separated as {@code joinOn} names their keys. */
	public static List<Path> lookups(String given) {
		if (given == null || given.isBlank()) {
			return List.of();
		}
		return java.util.Arrays.stream(given.split(",")).map(String::strip).filter(name -> !name.isEmpty()).map(Path::of)
			.toList();
	}

	/** The file and its lookup files as a multipart form, each part streamed from its file. */
	private static HttpRequest.BodyPublisher multipart(String boundary, Path file, List<Path> lookups)
			throws java.io.FileNotFoundException {
		List<HttpRequest.BodyPublisher> parts = new java.util.ArrayList<>();
		parts.add(part(boundary, "file", file));
		parts.add(HttpRequest.BodyPublishers.ofFile(file));
		for (Path lookup : lookups) {
			parts.add(part(boundary, "lookup", lookup));
			parts.add(HttpRequest.BodyPublishers.ofFile(lookup));
		}
		parts.add(HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
		return HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new));
	}

	private static HttpRequest.BodyPublisher part(String boundary, String name, Path file) {
		String fileName = file.getFileName().toString().replace("\"", "'").replaceAll("[\r\n]", " ");
		boolean first = "file".equals(name);
		return HttpRequest.BodyPublishers.ofString((first ? "" : "\r\n") + "--" + boundary + "\r\n"
				+ "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
				+ "Content-Type: " + contentType(file) + "\r\n\r\n", StandardCharsets.UTF_8);
	}

	private HttpRequest.Builder authorised(HttpRequest.Builder request) {
		String token = options.get("token");
		return token == null || token.isBlank() ? request : request.header("Authorization", "Bearer " + token.strip());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	public static String contentType(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".gz")) {
			return "application/gzip";
		}
		if (name.endsWith(".xlsx")) {
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		}
		if (name.endsWith(".xls")) {
			return "application/vnd.ms-excel";
		}
		if (name.endsWith(".json")) {
			return "application/json";
		}
		return name.endsWith(".csv") ? "text/csv" : name.endsWith(".ndjson") || name.endsWith(".jsonl")
				? "application/x-ndjson" : "application/octet-stream";
	}

}
