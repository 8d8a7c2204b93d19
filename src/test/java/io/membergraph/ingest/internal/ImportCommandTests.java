package io.membergraph.ingest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

import io.membergraph.ApplicationTest;
import io.membergraph.ingest.ImportJobs;
import io.membergraph.ingest.ImportUpload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command-line import: it uploads to a running service given its URL and follows the job to its end; without
 * a URL it imports into the configured MongoDB, and on the embedded in-memory default it refuses and says what to
 * do instead. The exit code says how it went, so scripts can rely on it.
 */
class ImportCommandTests extends ApplicationTest {

	private static final String MAPPING = "{\"name\":\"姓名\",\"phone\":\"手机号\",\"joinChannel\":{\"value\":\"STORE\"}}";

	private static final String ORDER_MAPPING = """
			{"orderNumber":"订单号","channel":{"value":"TMALL"},"memberExternalId":"账号","placedAt":"下单时间",
			 "paidAt":{"sameAs":"placedAt"},"sku":"商品","quantity":"数量","unitPrice":"单价"}""";

	@TempDir
	Path directory;

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	@Test
	void uploadsToARunningServiceAndFollowsTheJobToItsEnd() throws IOException {
		String phone = newPhone();
		Path file = file("pos.csv", "姓名,手机号\n张 命令行,%s\n李 坏号码,12345\n".formatted(phone));

		OptionalInt exit = ImportUpload.runIfAsked(new String[] { "--membergraph.import.url=http://localhost:" + port + "/",
				"--membergraph.import.file=" + file, "--membergraph.import.entity=members",
				"--membergraph.import.mapping=" + MAPPING }, Map.of(ImportUpload.TOKEN_VARIABLE, token("crm")), out());

		assertThat(exit).hasValue(0);
		assertThat(printed()).contains("COMPLETED: 2 rows read, 1 loaded, 0 linked, 0 duplicates, 1 rejected")
			.containsPattern("Rejects: GET http://localhost:\\d+/api/import/jobs/J[0-9a-f]+/rejects.csv");
		assertThat(memberNamed(phone)).isEqualTo("张 命令行");
	}

	/** An API's JSON answer saved as a file goes up and loads as the JSON it is. */
	@Test
	void uploadsAJsonDocumentAsJson() throws IOException {
		String phone = newPhone();
		Path file = file("customers.json", "{\"customers\": [{\"姓名\": \"周 命令行\", \"手机号\": \"%s\"}]}".formatted(phone));

		OptionalInt exit = ImportUpload.runIfAsked(new String[] { "--membergraph.import.url=http://localhost:" + port + "/",
				"--membergraph.import.file=" + file, "--membergraph.import.entity=members",
				"--membergraph.import.mapping=" + MAPPING }, Map.of(ImportUpload.TOKEN_VARIABLE, token("crm")), out());

		assertThat(exit).hasValue(0);
		assertThat(printed()).contains("COMPLETED: 1 rows read, 1 loaded");
		assertThat(memberNamed(phone)).isEqualTo("周 命令行");
		assertThat(ImportUpload.contentType(Path.of("orders.xls"))).isEqualTo("application/vnd.ms-excel");
	}

	/** Orders and their lines exported apart: the lookup files go with the file, as parts of one form. */
	@Test
	void uploadsLookupFilesWithTheFile() throws IOException {
		String n = newPhone().substring(4);
		Path lines = file("订单明细.csv", "订单号,商品,数量,单价\nL%1$s,SKU-1,2,5.00\nL%1$s,SKU-2,1,7.50\n".formatted(n));
		Path orders = file("订单.csv", "订单号,账号,下单时间\nL%1$s,acct%1$s,2024-05-01 10:00:00\n".formatted(n));

		OptionalInt exit = ImportUpload.runIfAsked(new String[] { "--membergraph.import.url=http://localhost:" + port,
				"--membergraph.import.file=" + lines, "--membergraph.import.lookup=" + orders,
				"--membergraph.import.entity=orders", "--membergraph.import.joinOn=订单号",
				"--membergraph.import.unknownMembers=REGISTER", "--membergraph.import.mapping=" + ORDER_MAPPING },
				Map.of(ImportUpload.TOKEN_VARIABLE, token("crm")), out());

		assertThat(exit).hasValue(0);
		assertThat(printed()).contains("COMPLETED: 2 rows read, 2 loaded");
		assertThat(spendOf("acct" + n)).isEqualTo("17.50");
	}

	@Test
	void importsLookupFilesWithTheFileIntoTheConfiguredMongoDb() throws IOException {
		String n = newPhone().substring(4);
		Path lines = file("lines.csv", "订单号,商品,数量,单价\nM%1$s,SKU-1,1,5.00\nM%1$s,SKU-3,1,2.00\n".formatted(n));
		Path orders = file("orders.csv", "订单号,账号,下单时间\nM%1$s,acct%1$s,2024-05-02 10:00:00\n".formatted(n));
		ImportCommand command = new ImportCommand(bean(ImportJobs.class), new ImportCommand.Settings(lines,
				orders.toString(), "orders", null, null, null, ORDER_MAPPING, null, null, null, null, null, null, null,
				null, null, null, "REGISTER", null, "订单号"), false, out());

		command.run(null);

		assertThat(command.getExitCode()).isZero();
		assertThat(printed()).contains("COMPLETED: 2 rows read, 2 loaded");
		assertThat(spendOf("acct" + n)).isEqualTo("7.00");
	}

	@Test
	void anUploadTheServiceRefusesEndsWithTheServicesReasonAndExitCode2() throws IOException {
		Path file = file("pos.csv", "姓名,手机号\n张三,13800000000\n");

		OptionalInt exit = ImportUpload.runIfAsked(new String[] { "--membergraph.import.url=http://localhost:" + port,
				"--membergraph.import.file=" + file, "--membergraph.import.mapping={\"nmae\":\"姓名\"}" },
				Map.of(ImportUpload.TOKEN_VARIABLE, token("crm")), out());

		assertThat(exit).hasValue(2);
		assertThat(printed()).contains("HTTP 400").contains("mapping.nmae").contains("joinChannel");
	}

	@Test
	void anUploadWithoutAValidTokenIsRefused() throws IOException {
		Path file = file("pos.csv", "姓名,手机号\n张三,13800000000\n");

		OptionalInt exit = ImportUpload.runIfAsked(new String[] { "--membergraph.import.url=http://localhost:" + port,
				"--membergraph.import.file=" + file, "--membergraph.import.token=not-a-token" }, Map.of(), out());

		assertThat(exit).hasValue(2);
		assertThat(printed()).contains("HTTP 401");
	}

	@Test
	void aServiceThatCannotBeReachedEndsWithExitCode1() throws IOException {
		Path file = file("pos.csv", "姓名,手机号\n张三,13800000000\n");

		OptionalInt exit = ImportUpload.runIfAsked(new String[] { "--membergraph.import.url=http://localhost:1",
				"--membergraph.import.file=" + file }, Map.of(), out());

		assertThat(exit).hasValue(1);
		assertThat(printed()).contains("Cannot reach http://localhost:1");
	}

	@Test
	void withoutAUrlTheApplicationItselfRunsTheImport() {
		assertThat(ImportUpload.runIfAsked(new String[] { "--membergraph.import.file=pos.csv" }, Map.of(), out())).isEmpty();
		assertThat(ImportUpload.runIfAsked(new String[0], Map.of(), out())).isEmpty();
	}

	@Test
	void importsIntoTheConfiguredMongoDbAndSaysHowItWent() throws IOException {
		String phone = newPhone();
		ImportCommand command = command(file("crm-export.csv", "姓名,手机号\n王 本地,%s\n".formatted(phone)), false);

		command.run(null);

		assertThat(command.getExitCode()).isZero();
		assertThat(printed()).contains("COMPLETED: 1 rows read, 1 loaded");
		assertThat(memberNamed(phone)).isEqualTo("王 本地");
	}

	@Test
	void refusesTheEmbeddedStoreWhoseDataWouldBeLostAndSaysWhatToDoInstead() throws IOException {
		String phone = newPhone();
		ImportCommand command = command(file("crm-export.csv", "姓名,手机号\n赵 丢失,%s\n".formatted(phone)), true);

		command.run(null);

		assertThat(command.getExitCode()).isEqualTo(2);
		assertThat(printed()).contains("throw-away in-memory store").contains("MONGODB_URI")
			.contains("--membergraph.import.url=http://localhost:8080").contains(ImportUpload.TOKEN_VARIABLE)
			.contains("-H 'Content-Type: text/csv' --data-binary @");
		as("crm").documentName("memberByContact").variable("phone", phone).execute()
			.path("memberByContact").valueIsNull();
	}

	@Test
	void aWrongMappingIsRefusedBeforeAnyRowWithEveryProblem() throws IOException {
		ImportCommand command = new ImportCommand(bean(ImportJobs.class), new ImportCommand.Settings(
				file("crm-export.csv", "姓名,手机号\n钱 错,13800000001\n"), null, "members", null, null, null, "{\"nmae\":\"姓名\"}", null,
				null, null, null, null, null, null, null, null, null, null, null, null), false, out());

		command.run(null);

		assertThat(command.getExitCode()).isEqualTo(2);
		assertThat(printed()).contains("Import refused:").contains("mapping.nmae").contains("joinChannel");
	}

	private ImportCommand command(Path file, boolean embedded) {
		return new ImportCommand(bean(ImportJobs.class), new ImportCommand.Settings(file, null, "members", null, null, null, MAPPING,
				null, null, null, null, null, null, null, null, null, null, null, null, null), embedded, out());
	}

	private String spendOf(String account) {
		String member = as("crm").documentName("memberByIdentity").variable("channel", "TMALL").variable("externalId", account)
			.execute().path("memberByIdentity.id").entity(String.class).get();
		return as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.totalSpend").entity(String.class).get();
	}

	private Path file(String name, String content) throws IOException {
		return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
	}

	private PrintStream out() {
		return new PrintStream(printed, true, StandardCharsets.UTF_8);
	}

	private String printed() {
		return printed.toString(StandardCharsets.UTF_8);
	}

	private String memberNamed(String phone) {
		return as("crm").documentName("memberByContact").variable("phone", phone).execute()
			.path("memberByContact.name").entity(String.class).get();
	}

}
