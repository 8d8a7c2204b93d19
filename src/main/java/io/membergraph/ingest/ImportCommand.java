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

import io.membergraph.ingest.ImportJob.ImportEntity;
import io.membergraph.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command-line import, for files too big to upload: {@code --membergraph.import.file=...} with the entity and
 * the import's parameters ({@code mapping}, {@code format}...). It writes into the MongoDB the application is
 * configured with, printing its progress every few seconds, and exits. Given {@code url} (and {@code token}) it
 * uploads the file to that running service instead. It refuses to import into the embedded in-memory store,
 * whose data would be gone when the command ends.
 */
@Component
@Order(0)
@ConditionalOnProperty("membergraph.import.file")
@EnableConfigurationProperties(ImportCommand.Settings.class)
class ImportCommand implements ApplicationRunner {

	/**
	 * @param file the export to import
	 * @param entity what it holds: members (the default), products, orders or interactions
	 * @param url a running MemberGraph to upload the file to, instead of importing here
	 * @param token a bearer token for {@code url}
	 * @param mapping and the others: the import's parameters, as for {@code POST /api/import}
	 */
	@ConfigurationProperties("membergraph.import")
	record Settings(Path file, String entity, String url, String token, String format, String mapping, String returnRule,
			String delimiter, String columns, String encoding, String zone, String currency, String dateFormat,
			String loyalty) {

		Map<String, String> parameters() {
			Map<String, String> given = new LinkedHashMap<>();
			put(given, "format", format);
			put(given, "mapping", mapping);
			put(given, "returnRule", returnRule);
			put(given, "delimiter", delimiter);
			put(given, "columns", columns);
			put(given, "encoding", encoding);
			put(given, "zone", zone);
			put(given, "currency", currency);
			put(given, "dateFormat", dateFormat);
			put(given, "loyalty", loyalty);
			given.put("fileName", file.getFileName().toString());
			return given;
		}

		private static void put(Map<String, String> into, String name, String value) {
			if (value != null && !value.isBlank()) {
				into.put(name, value);
			}
		}

	}

	private static final int BAR_WIDTH = 30;

	private final ImportJobs jobs;

	private final Settings settings;

	private final boolean embedded;

	private final ConfigurableApplicationContext context;

	private final PrintStream out = System.out;

	ImportCommand(ImportJobs jobs, Settings settings, @Value("${membergraph.store.embedded:false}") boolean embedded,
			ConfigurableApplicationContext context) {
		this.jobs = jobs;
		this.settings = settings;
		this.embedded = embedded;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		int exitCode;
		try {
			ImportEntity entity = ImportEntity.of("membergraph.import.entity",
					settings.entity() == null ? "members" : settings.entity());
			if (!Files.isReadable(settings.file())) {
				throw new InvalidInputException("membergraph.import.file", "cannot read " + settings.file());
			}
			if (settings.url() != null && !settings.url().isBlank()) {
				exitCode = upload(entity);
			}
			else if (embedded) {
				out.println(refusal(entity));
				exitCode = 2;
			}
			else {
				exitCode = importHere(entity);
			}
		}
		catch (InvalidInputException ex) {
			out.println("Import refused:");
			ex.problems().forEach(p -> out.println("  " + p.field() + ": " + p.reason()));
			exitCode = 2;
		}
		int code = exitCode;
		System.exit(SpringApplication.exit(context, () -> code));
	}

	private String refusal(ImportEntity entity) {
		String name = entity.name().toLowerCase(Locale.ROOT);
		return "Import refused: no MongoDB is configured, so this command would import into a throw-away in-memory store "
				+ "and lose it on exit.\n"
				+ "  Import into your MongoDB: set MONGODB_URI (or --spring.mongodb.uri=mongodb://...) and run this again.\n"
				+ "  Or import into a running MemberGraph: add --membergraph.import.url=http://localhost:8080 "
				+ "--membergraph.import.token=$TOKEN,\n"
				+ "  or upload it yourself: curl -X POST 'http://localhost:8080/api/import/" + name + "?mapping=...' "
				+ "-H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: text/csv' --data-binary @" + settings.file();
	}

	private int importHere(ImportEntity entity) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("command-line", null,
					List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
		ImportJob job = jobs.runFile(entity, settings.file(), settings.parameters(), this::report);
		return finished(job.id(), job.status().name(), job.rowsRead(), job.rowsLoaded(), job.rowsLinked(),
				job.rowsDuplicate(), job.rowsRejected(), job.failure(), "");
	}

	/** Uploads to the running service and follows the job there until it ends. */
	private int upload(ImportEntity entity) {
		String base = settings.url().replaceAll("/+$", "");
		StringBuilder query = new StringBuilder();
		settings.parameters().forEach((name, value) -> query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		try {
			HttpResponse<String> started = http.send(authorised(HttpRequest.newBuilder(
					URI.create(base + "/api/import/" + entity.name().toLowerCase(Locale.ROOT) + query)))
				.header("Content-Type", contentType(settings.file()))
				.POST(HttpRequest.BodyPublishers.ofFile(settings.file()))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (started.statusCode() != 202) {
				out.println("Import refused by " + base + " (HTTP " + started.statusCode() + "): " + started.body());
				return 2;
			}
			JsonMapper json = JsonMapper.builder().build();
			JsonNode job = json.readTree(started.body());
			String id = job.get("id").asString();
			while ("RUNNING".equals(job.get("status").asString())) {
				Thread.sleep(2_000);
				job = json.readTree(http.send(authorised(HttpRequest.newBuilder(URI.create(base + "/api/import/jobs/" + id)))
					.GET().build(), HttpResponse.BodyHandlers.ofString()).body());
				bar(job.get("rowsRead").asLong(), job.get("rowsRejected").asLong(), job.get("bytesRead").asLong(),
						job.get("bytes").asLong(), job.get("rowsPerSecond").asDouble(),
						job.get("secondsLeft").isNull() ? null : job.get("secondsLeft").asLong());
			}
			return finished(id, job.get("status").asString(), job.get("rowsRead").asLong(), job.get("rowsLoaded").asLong(),
					job.get("rowsLinked").asLong(), job.get("rowsDuplicate").asLong(), job.get("rowsRejected").asLong(),
					job.get("failure").isNull() ? null : job.get("failure").asString(), base);
		}
		catch (IOException ex) {
			out.println("Cannot reach " + base + ": " + ex.getMessage());
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	private HttpRequest.Builder authorised(HttpRequest.Builder request) {
		return settings.token() == null ? request : request.header("Authorization", "Bearer " + settings.token());
	}

	private static String contentType(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".gz")) {
			return "application/gzip";
		}
		return name.endsWith(".csv") ? "text/csv" : name.endsWith(".ndjson") || name.endsWith(".jsonl")
				? "application/x-ndjson" : "application/octet-stream";
	}

	private int finished(String id, String status, long read, long loaded, long linked, long duplicates, long rejected,
			String failure, String base) {
		out.println();
		out.printf("Import %s %s: %,d rows read, %,d loaded, %,d linked, %,d duplicates, %,d rejected%n", id, status, read,
				loaded, linked, duplicates, rejected);
		if (rejected > 0) {
			out.printf("Rejects: GET %s/api/import/jobs/%s/rejects.csv, or the GraphQL query importRejects(jobId: \"%s\")%n",
					base, id, id);
		}
		if (failure != null) {
			out.println("Failed: " + failure);
		}
		return "COMPLETED".equals(status) ? 0 : 1;
	}

	private void report(ImportJob job) {
		bar(job.rowsRead(), job.rowsRejected(), job.bytesRead(), job.bytes(), job.rowsPerSecond(), job.secondsLeft());
	}

	private void bar(long rows, long rejected, long bytes, long size, double rate, Long secondsLeft) {
		int done = size == 0 ? BAR_WIDTH : (int) Math.min(BAR_WIDTH, bytes * BAR_WIDTH / size);
		out.printf("\r[%s%s] %3d%%  %,d rows, %,d rejected, %,.0f rows/s, %s left", "#".repeat(done),
				".".repeat(BAR_WIDTH - done), size == 0 ? 100 : Math.min(100, bytes * 100 / size), rows, rejected, rate,
				secondsLeft == null ? "?" : Duration.ofSeconds(secondsLeft).toString().substring(2).toLowerCase(Locale.ROOT));
		out.flush();
	}

}
