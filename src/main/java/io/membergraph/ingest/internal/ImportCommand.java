package io.membergraph.ingest.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.membergraph.ingest.ImportJob.ImportEntity;
import io.membergraph.ingest.ImportJob;
import io.membergraph.ingest.ImportJobs;
import io.membergraph.ingest.ImportUpload;
import io.membergraph.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The command-line import, for files too big to upload: {@code --membergraph.import.file=...} with the entity and
 * the import's parameters ({@code mapping}, {@code format}...). It writes into the MongoDB the application is
 * configured with, printing its progress every few seconds; the application then ends with the command's exit
 * code (see {@code MemberGraphApplication}). It refuses to import into the embedded in-memory store, whose data
 * would be gone when the command ends. (Uploading to a running service, {@code --membergraph.import.url}, is
 * {@link ImportUpload}, which needs no application.)
 */
@Component
@Order(0)
@ConditionalOnProperty("membergraph.import.file")
@EnableConfigurationProperties(ImportCommand.Settings.class)
public class ImportCommand implements ApplicationRunner, ExitCodeGenerator {

	/**
	 * @param file the export to import
	 * @param lookup its lookup files, comma-separated, in the order {@code joinOn} names their keys
	 * @param entity what it holds: members (the default), products, orders or interactions
	 * @param mapping and the others: the import's parameters, as for {@code POST /api/import}
	 */
	@ConfigurationProperties("membergraph.import")
	record Settings(Path file, String lookup, String entity, String format, String sheet, String headerRow, String mapping, String returnRule, String delimiter,
			String columns, String encoding, String zone, String currency, String phoneCountryCode, String dateFormat, String decimal,
			String loyalty, String unknownMembers, String changedOrders, String joinOn) {

		Map<String, String> parameters() {
			Map<String, String> given = new LinkedHashMap<>();
			put(given, "format", format);
			put(given, "sheet", sheet);
			put(given, "headerRow", headerRow);
			put(given, "mapping", mapping);
			put(given, "returnRule", returnRule);
			put(given, "delimiter", delimiter);
			put(given, "columns", columns);
			put(given, "encoding", encoding);
			put(given, "zone", zone);
			put(given, "currency", currency);
			put(given, "phoneCountryCode", phoneCountryCode);
			put(given, "dateFormat", dateFormat);
			put(given, "decimal", decimal);
			put(given, "loyalty", loyalty);
			put(given, "unknownMembers", unknownMembers);
			put(given, "changedOrders", changedOrders);
			put(given, "joinOn", joinOn);
			given.put("fileName", file.getFileName().toString());
			return given;
		}

		private static void put(Map<String, String> into, String name, String value) {
			if (value != null && !value.isBlank()) {
				into.put(name, value);
			}
		}

	}

	private final ImportJobs jobs;

	private final Settings settings;

	private final boolean embedded;

	private final PrintStream out;

	private int exitCode = 1;

	@Autowired
	ImportCommand(ImportJobs jobs, Settings settings, @Value("${membergraph.store.embedded:false}") boolean embedded) {
		this(jobs, settings, embedded, System.out);
	}

	ImportCommand(ImportJobs jobs, Settings settings, boolean embedded, PrintStream out) {
		this.jobs = jobs;
		this.settings = settings;
		this.embedded = embedded;
		this.out = out;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			ImportEntity entity = ImportEntity.of("membergraph.import.entity",
					settings.entity() == null ? "members" : settings.entity());
			if (!Files.isReadable(settings.file())) {
				throw new InvalidInputException("membergraph.import.file", "cannot read " + settings.file());
			}
			for (Path lookup : ImportUpload.lookups(settings.lookup())) {
				if (!Files.isReadable(lookup)) {
					throw new InvalidInputException("membergraph.import.lookup", "cannot read " + lookup);
				}
			}
			if (embedded) {
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
		out.flush();
	}

	/** 0 when the import completed, 1 when it failed, 2 when it was refused before it began. */
	@Override
	public int getExitCode() {
		return exitCode;
	}

	private String refusal(ImportEntity entity) {
		String name = entity.name().toLowerCase(Locale.ROOT);
		return "Import refused: no MongoDB is configured, so this command would import into a throw-away in-memory store "
				+ "and lose it on exit.\n"
				+ "  Import into your MongoDB: set MONGODB_URI (or --spring.mongodb.uri=mongodb://...) and run this again.\n"
				+ "  Or import into a running MemberGraph: add --membergraph.import.url=http://localhost:8080 and the "
				+ "token in " + ImportUpload.TOKEN_VARIABLE + ",\n"
				+ "  or upload it yourself: curl -X POST 'http://localhost:8080/api/import/" + name + "?mapping=...' "
				+ "-H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: " + ImportUpload.contentType(settings.file())
				+ "' --data-binary @" + settings.file();
	}

	private int importHere(ImportEntity entity) {
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext admin = SecurityContextHolder.createEmptyContext();
		admin.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("command-line", null,
				List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
		SecurityContextHolder.setContext(admin);
		ImportProgressPrinter printer = new ImportProgressPrinter(out);
		try {
			ImportJob job = jobs.runFile(entity, settings.file(), ImportUpload.lookups(settings.lookup()), settings.parameters(),
					running -> printer.progress(running.rowsRead(), running.rowsRejected(), running.bytesRead(),
							running.bytes(), running.rowsPerSecond(), running.secondsLeft()));
			return printer.finished(job.id(), job.status().name(), job.rowsRead(), job.rowsLoaded(), job.rowsLinked(),
					job.rowsDuplicate(), job.rowsRejected(), job.failure(), "");
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

}
