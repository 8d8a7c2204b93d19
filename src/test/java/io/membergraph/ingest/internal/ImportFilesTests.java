package io.membergraph.ingest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.membergraph.ingest.ImportJob.ImportEntity;
import io.membergraph.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file read with its lookup files: each row gets the columns of the lookup row that shares its key, later lookup
 * files may be keyed by a column an earlier one added, and only the columns the import reads are held.
 */
class ImportFilesTests {

	@TempDir
	Path directory;

	private static final String MAPPING = "{\"orderNumber\":\"order_id\",\"memberExternalId\":\"customer_unique_id\","
			+ "\"placedAt\":\"order_purchase_timestamp\",\"sku\":\"product_id\",\"unitPrice\":\"price\"}";

	@Test
	void eachRowGetsTheColumnsOfItsLookupRowsAndKeepsItsOwn() throws IOException {
		ImportFiles files = files("order_id,product_id,price,note\no1,p1,9.90,line\no2,p2,5.00,line\n",
				lookup("orders.csv", "order_id,customer_id,order_purchase_timestamp,note,unread\n"
						+ "o1,c1,2017-10-02 10:56:33,order,x\no2,c2,2017-10-03 10:00:00,order,y\n"),
				lookup("customers.tsv", "customer_id\tcustomer_unique_id\nc1\tu1\nc2\tu1\n"));

		List<SourceRow> rows = read(files, spec("order_id,customer_id"));

		assertThat(rows).extracting(SourceRow::unreadable).containsOnlyNulls();
		assertThat(rows.get(0).values()).containsEntry("customer_unique_id", "u1")
			.containsEntry("order_purchase_timestamp", "2017-10-02 10:56:33")
			// The import's file keeps its own value; a column no field reads is not held.
			.containsEntry("note", "line").doesNotContainKey("unread");
		assertThat(rows.get(1).values()).containsEntry("customer_unique_id", "u1").containsEntry("customer_id", "c2");
		assertThat(files.columns(spec("order_id,customer_id"), ImportSettings.DEFAULTS)).containsExactly("order_id",
				"product_id", "price", "note", "customer_id", "order_purchase_timestamp", "unread", "customer_unique_id");
	}

	@Test
	void aRowWhoseKeyFindsNoSingleLookupRowIsUnreadableWithTheReason() throws IOException {
		ImportFiles files = files("order_id,product_id,price\no1,p1,1\n,p2,1\no3,p3,1\no4,p4,1\n", lookup("orders.csv",
				"order_id,customer_unique_id,order_purchase_timestamp\no1,u1,2017-10-02\no3,u3,2017-10-02\n"
						+ "o3,u4,2017-10-02\no4,u4,2017-10-02\no4,u4,2017-10-02\n"));

		List<SourceRow> rows = read(files, spec("order_id"));

		assertThat(rows).extracting(SourceRow::unreadable).containsExactly(null,
				"has no order_id to look up in orders.csv",
				"has order_id 'o3', which orders.csv has on rows that differ: keep one of them",
				// A row repeated exactly is one row.
				null);
	}

	/** Ids as spreadsheets and pandas write them differently in two files are one id; one whose digits are lost is none. */
	@Test
	void keysAreReadAsTheImportReadsIds() throws IOException {
		ImportFiles files = files("order_id,product_id,price\n536365,p1,1\n'536366,p2,1\n2.91123E+18,p3,1\n",
				lookup("orders.csv", "order_id,customer_unique_id,order_purchase_timestamp\n536365.0,u1,x\n536366,u2,x\n"
						+ "2.91123E+18,u3,x\n"));

		List<SourceRow> rows = read(files, spec("order_id"));

		assertThat(rows.get(0).values()).containsEntry("customer_unique_id", "u1");
		assertThat(rows.get(1).values()).containsEntry("customer_unique_id", "u2");
		assertThat(rows.get(2).unreadable()).isEqualTo("has order_id '2.91123E+18', a number a spreadsheet saved in "
				+ "scientific notation: its digits are lost, so it finds nothing in orders.csv; format the column as text and "
				+ "export again");
	}

	@Test
	void aLookupFileBeyondTheRowLimitFailsTheImport() throws IOException {
		ImportSettings two = new ImportSettings(20_000, 100_000, DataSize.ofGigabytes(1), DataSize.ofGigabytes(1), 200,
				1_048_576, 4, 2, Duration.ofSeconds(2), 100, 2);
		ImportFiles files = files("order_id,product_id,price\no1,p1,1\n", lookup("orders.csv",
				"order_id,customer_unique_id,order_purchase_timestamp\no1,u1,x\no2,u2,x\no3,u3,x\n"));

		assertThatThrownBy(() -> files.open(spec("order_id"), two)).isInstanceOf(ImportFailure.class)
			.hasMessageStartingWith("orders.csv has more than 2 rows, which a lookup file may not");
	}

	/** Rows within the limit, each of long texts in the columns read: memory is bounded by characters too. */
	@Test
	void aLookupFileOfLongValuesWithinTheRowLimitFailsTheImport() throws IOException {
		ImportSettings ten = new ImportSettings(20_000, 100_000, DataSize.ofGigabytes(1), DataSize.ofGigabytes(1), 200,
				1_048_576, 4, 2, Duration.ofSeconds(2), 100, 10);
		String padding = "x".repeat(1_000);
		ImportFiles files = files("order_id,product_id,price\no1,p1,1\n", lookup("orders.csv",
				"order_id,customer_unique_id,order_purchase_timestamp\no1,u1," + padding + "\no2,u2," + padding + "\n"
						+ "o3,u3," + padding + "\n"));

		assertThatThrownBy(() -> files.open(spec("order_id"), ten)).isInstanceOf(ImportFailure.class)
			.hasMessageStartingWith("orders.csv holds more than 2000 characters in the columns the import reads");
	}

	/** An NDJSON lookup whose first line is broken has no columns to keep: the job fails saying so. */
	@Test
	void aLookupWithoutColumnsFailsTheImport() throws IOException {
		ImportFiles files = files("order_id,product_id,price\no1,p1,1\n", lookup("orders.ndjson", "{broken\n"));

		assertThatThrownBy(() -> files.columns(spec("order_id"), ImportSettings.DEFAULTS))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("orders.ndjson has no column 'order_id'");
		assertThatThrownBy(() -> files.open(spec("order_id"), ImportSettings.DEFAULTS)).isInstanceOf(ImportFailure.class)
			.hasMessage("orders.ndjson: its first line cannot be read, so neither can its columns");
	}

	@Test
	void keysTheFilesLackAreRefusedBeforeAnyRowIsRead() throws IOException {
		ImportFiles files = files("order_id,product_id,price\no1,p1,1\n", lookup("orders.csv", "id,customer\n"));

		assertThatThrownBy(() -> files.columns(spec("order_id"), ImportSettings.DEFAULTS))
			.isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.problems())
				.extracting(InvalidInputException.Problem::reason)
				.containsExactly("orders.csv has no column 'order_id'; its columns are [id, customer]"));
		assertThatThrownBy(() -> files.columns(spec("order_id,customer_id"), ImportSettings.DEFAULTS))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("names 2 key columns and 1 lookup files came");
		assertThatThrownBy(() -> spec("a,b,c,d")).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("must name 1 to 3 key columns");
		ImportFiles unnamed = files("order_id,product_id,price\no1,p1,1\n", lookup("orders", "order_id\n"));
		assertThatThrownBy(() -> unnamed.columns(spec("order_id"), ImportSettings.DEFAULTS))
			.isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.problems().get(0))
				.isEqualTo(new InvalidInputException.Problem("lookup", "orders: a lookup file's name says its format: .csv, "
						+ ".tsv, .txt, .ndjson, .jsonl, .json, .xlsx or .xls, optionally .gz")));
		// A lookup file that cannot be read is named, before any row of the import is.
		Path cut = Files.write(directory.resolve("cut.spool"), new byte[] { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1 });
		ImportFiles broken = files("order_id,product_id,price\no1,p1,1\n", new LookupTable.File(cut, "orders.csv.gz"));
		assertThatThrownBy(() -> broken.columns(spec("order_id"), ImportSettings.DEFAULTS))
			.isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.problems().get(0).field())
				.isEqualTo("lookup"))
			.hasMessageContaining("orders.csv.gz: the file ends in the middle of its gzip stream");
		// A lookup file is read as what it holds: a web page under Excel's name is not a workbook.
		ImportFiles workbook = files("order_id,product_id,price\no1,p1,1\n", lookup("orders.xls", "<html><table>"));
		assertThatThrownBy(() -> workbook.columns(spec("order_id"), ImportSettings.DEFAULTS))
			.isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.problems().get(0).field())
				.isEqualTo("lookup"))
			.hasMessageContaining("orders.xls: the file is a web page");
	}

	private ImportFiles files(String content, LookupTable.File... lookups) throws IOException {
		return new ImportFiles(Files.writeString(directory.resolve("order_items.csv"), content, StandardCharsets.UTF_8),
				List.of(lookups));
	}

	private LookupTable.File lookup(String name, String content) throws IOException {
		return new LookupTable.File(Files.writeString(directory.resolve(name + ".spool"), content, StandardCharsets.UTF_8),
				name);
	}

	private static ImportSpec spec(String joinOn) {
		return ImportSpec.parse(ImportEntity.ORDERS, new java.util.HashMap<>(Map.of("fileName", "order_items.csv",
				"mapping", MAPPING, "joinOn", joinOn)), ZoneId.of("America/Sao_Paulo"), "BRL");
	}

	private static List<SourceRow> read(ImportFiles files, ImportSpec spec) {
		List<SourceRow> rows = new ArrayList<>();
		try (ExportFile export = files.open(spec, ImportSettings.DEFAULTS)) {
			export.forEachRemaining(rows::add);
		}
		return rows;
	}

}
