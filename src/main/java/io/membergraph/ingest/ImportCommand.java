package io.membergraph.ingest;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.membergraph.ingest.ImportJob.ImportEntity;
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
import io.membergraph.shared.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command-line import, for files too big to upload: run the application with
 * {@code --membergraph.import.file=...} (and {@code entity}, {@code format}, {@code mapping}); it imports the
 * file with a progress bar, prints the counts and where the rejects are, and exits.
 */
@Component
@Order(10)
@ConditionalOnProperty("membergraph.import.file")
@EnableConfigurationProperties(ImportCommand.Settings.class)
class ImportCommand implements ApplicationRunner {

	/**
	 * @param file the export to import
	 * @param entity what it holds: members (the default), products, orders or interactions
	 * @param format CSV or NDJSON; by default from the file name
	 * @param mapping a JSON object from field to column name
	 * @param returnRule for orders: how returns are marked (NEGATIVE_QUANTITY, PREFIX:..., STATUS:...)
	 */
	@ConfigurationProperties("membergraph.import")
	record Settings(Path file, String entity, String format, String mapping, String returnRule) {
	}

	private static final int BAR_WIDTH = 30;

	private final ImportJobs jobs;

	private final Settings settings;

	private final JsonMapper json;

	private final ConfigurableApplicationContext context;

	private final PrintStream out = System.out;

	ImportCommand(ImportJobs jobs, Settings settings, JsonMapper json, ConfigurableApplicationContext context) {
		this.jobs = jobs;
		this.settings = settings;
		this.json = json;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		try {
			importFile();
		}
		catch (InvalidInputException ex) {
			out.println("Import refused: " + ex.getMessage());
			System.exit(SpringApplication.exit(context, () -> 2));
		}
	}

	private void importFile() throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("command-line", null,
					List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
		Path file = settings.file();
		long size = Files.size(file);
		ImportEntity entity = ImportEntity.of("membergraph.import.entity",
				settings.entity() == null ? "members" : settings.entity());
		ImportJob job = jobs.runFile(entity, file, settings.format(), mapping(), settings.returnRule(),
				(rows, bytes) -> bar(rows, bytes, size));
		out.println();
		out.printf("Import %s %s: %,d rows read, %,d loaded, %,d linked, %,d duplicates, %,d rejected%n", job.id(),
				job.status(), job.rowsRead(), job.rowsLoaded(), job.rowsLinked(), job.rowsDuplicate(), job.rowsRejected());
		if (job.rowsRejected() > 0) {
			out.printf("Rejects: GET /api/import/jobs/%s/rejects.csv, or the GraphQL query importRejects(jobId: \"%s\")%n",
					job.id(), job.id());
		}
		if (job.failure() != null) {
			out.println("Failed: " + job.failure());
		}
		int exitCode = job.status() == ImportJob.Status.COMPLETED ? 0 : 1;
		System.exit(SpringApplication.exit(context, () -> exitCode));
	}

	private void bar(ImportCounts rows, long bytes, long size) {
		int done = size == 0 ? BAR_WIDTH : (int) Math.min(BAR_WIDTH, bytes * BAR_WIDTH / size);
		out.printf("\r[%s%s] %3d%%  %,d rows, %,d rejected", "#".repeat(done), ".".repeat(BAR_WIDTH - done),
				size == 0 ? 100 : Math.min(100, bytes * 100 / size), rows.read(), rows.rejected());
		out.flush();
	}

	private Map<String, String> mapping() {
		if (settings.mapping() == null || settings.mapping().isBlank()) {
			return Map.of();
		}
		try {
			return json.readValue(settings.mapping(), new TypeReference<Map<String, String>>() {
			});
		}
		catch (JacksonException ex) {
			throw new InvalidInputException("membergraph.import.mapping",
					"is not a JSON object of field to column names: " + settings.mapping());
		}
	}

}
