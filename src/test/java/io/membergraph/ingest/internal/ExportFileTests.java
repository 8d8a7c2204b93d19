package io.membergraph.ingest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.membergraph.ingest.ImportJob.ImportEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading exports as real and hostile files come: quotes, encodings, separators, gzip cut short or inflated. */
class ExportFileTests {

	@TempDir
	Path directory;

	@Test
	void csvRowsAreReadByHeaderWithQuotesCrlfAndAByteOrderMark() throws IOException {
		String csv = "\uFEFF会员姓名,手机号,备注\r\n王静,+86 138-1234-5678,\"likes \"\"rose\"\", hates lilies\"\r\n\r\n李强,13900000000,\r\n";
		List<SourceRow> rows = read(file(csv.getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "m.csv"));

		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).number()).isEqualTo(1);
		assertThat(rows.get(0).values()).containsEntry("会员姓名", "王静")
			.containsEntry("手机号", "+86 138-1234-5678")
			.containsEntry("备注", "likes \"rose\", hates lilies");
		assertThat(rows.get(1).number()).isEqualTo(2);
		assertThat(rows.get(1).unreadable()).isNull();
	}

	@Test
	void aRowWithTheWrongNumberOfValuesIsUnreadableButTheNextRowsAreRead() throws IOException {
		List<SourceRow> rows = read(file("a,b\n1,2,3\n4,5\n".getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "x.csv"));

		assertThat(rows.get(0).unreadable()).isEqualTo("has 3 values where the header has 2");
		assertThat(rows.get(1).values()).containsEntry("a", "4").containsEntry("b", "5");
	}

	/**
	 * Spreadsheets save empty columns at the end with blank names, and exports repeat a name: every row used to be
	 * refused ("has 4 values where the header has 4"). Each column keeps its value under a name of its own.
	 */
	@Test
	void blankAndRepeatedColumnNamesGetNamesOfTheirOwn() throws IOException {
		List<SourceRow> rows = read(file("姓名,手机,,,手机,手机 (2)\n张三,13800001111,,,13800002222,x\n"
			.getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "excel.csv"));

		assertThat(rows.get(0).unreadable()).isNull();
		assertThat(rows.get(0).values()).containsExactly(Map.entry("姓名", "张三"), Map.entry("手机", "13800001111"),
				Map.entry("(column 3)", ""), Map.entry("(column 4)", ""), Map.entry("手机 (3)", "13800002222"),
				Map.entry("手机 (2)", "x"));
		assertThat(ExportFile.distinct(List.of("a", "a", "a"))).containsExactly("a", "a (2)", "a (3)");
	}

	@Test
	void semicolonsTabsAndBlankSeparatedLogsAreReadAsTold() throws IOException {
		assertThat(read(file("sku;qty\nA 1;2\n".getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "x.csv",
				"delimiter", "semicolon")).get(0).values()).containsEntry("sku", "A 1").containsEntry("qty", "2");
		assertThat(read(file("sku\tqty\nA\t2\n".getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "x.csv",
				"delimiter", "tab")).get(0).values()).containsEntry("qty", "2");
		// The CDNOW log: no header, runs of blanks, a leading blank, CRLF.
		List<SourceRow> cdnow = read(file(" 00001 19970101  1  11.77\r\n 00002 19970112  2  12.00\r\n"
			.getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "cdnow.txt", "format", "CSV", "delimiter", "whitespace",
					"columns", "customer,date,cds,dollars"));
		assertThat(cdnow).hasSize(2);
		assertThat(cdnow.get(1).values()).containsEntry("customer", "00002").containsEntry("dollars", "12.00");
	}

	@Test
	void ndjsonRowsAreObjectsAndABrokenLineIsUnreadableWithItsNumber() throws IOException {
		String ndjson = "{\"phone\":\"13812345678\",\"amount\":12.5,\"tags\":[\"vip\"]}\n\n{not json}\n[1,2]\n{\"phone\":null}\n";
		try (ExportFile export = open(file(ndjson.getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "e.ndjson"))) {
			assertThat(export.columns()).containsExactly("phone", "amount", "tags");
			List<SourceRow> rows = rows(export);
			assertThat(rows).extracting(SourceRow::number).containsExactly(1L, 2L, 3L, 4L);
			assertThat(rows.get(0).values()).containsEntry("amount", "12.5").containsEntry("tags", "[\"vip\"]");
			assertThat(rows.get(1).unreadable()).startsWith("is not valid JSON");
			assertThat(rows.get(2).unreadable()).isEqualTo("is not a JSON object");
			assertThat(rows.get(3).values()).containsEntry("phone", null);
		}
	}

	/**
	 * An API's answer saved as it came: the rows are the first array of the object (after its other properties), read
	 * one element at a time; an element that is no object is an unreadable row.
	 */
	@Test
	void aJsonDocumentsRowsAreTheObjectsOfItsArray() throws IOException {
		String answer = """
				{"meta": {"page": 1, "links": ["next"]}, "count": 3,
				 "orders": [
				   {"id": 1001, "customer": {"email": "jane@example.com"}, "total_price": "12.50"},
				   "not an order",
				   {"id": 1002, "customer": null, "line_items": [{"sku": "A"}]}
				 ],
				 "after": [1, 2]}""";

		try (ExportFile export = open(file(answer.getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "orders.json"))) {
			assertThat(export.columns()).containsExactly("id", "customer.email", "total_price");
			List<SourceRow> rows = rows(export);
			assertThat(rows).extracting(SourceRow::number).containsExactly(1L, 2L, 3L);
			assertThat(rows.get(0).values()).containsEntry("customer.email", "jane@example.com")
				.containsEntry("total_price", "12.50");
			assertThat(rows.get(1).unreadable()).isEqualTo("is not a JSON object");
			assertThat(rows.get(2).values()).containsEntry("id", "1002").containsEntry("customer", null)
				.containsEntry("line_items", "[{\"sku\":\"A\"}]");
		}
		// A bare array, compact on one line and gzip-compressed, reads the same.
		byte[] bare = gzip("[{\"id\":1},{\"id\":2}]".getBytes(StandardCharsets.UTF_8));
		assertThat(read(file(bare), Map.of("fileName", "orders.json.gz"))).extracting(row -> row.values().get("id"))
			.containsExactly("1", "2");
	}

	@Test
	void aJsonDocumentThatHoldsNoRowsOrBreaksOffFailsSayingWhy() throws IOException {
		assertThatThrownBy(() -> read(file("{\"count\": 0}".getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "o.json")))
			.isInstanceOf(ImportFailure.class).hasMessageStartingWith("the JSON object holds no array of rows");
		// Many "JSON exports" are one object per line: read as such, not as a document of one object.
		assertThat(read(file("{\"id\":1,\"tags\":[\"a\"]}\n\n{\"id\":2}\n".getBytes(StandardCharsets.UTF_8)),
				Map.of("fileName", "o.json")))
			.extracting(row -> row.values().get("id")).containsExactly("1", "2");
		assertThatThrownBy(() -> read(file("42".getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "o.json")))
			.isInstanceOf(ImportFailure.class).hasMessageContaining("no JSON array of rows");
		// Cut off mid-array (an interrupted download): a failure, never a complete import of what came.
		assertThatThrownBy(() -> read(file("[{\"id\":1},{\"id\":2},{\"id\"".getBytes(StandardCharsets.UTF_8)),
				Map.of("fileName", "o.json")))
			.isInstanceOf(ImportFailure.class).hasMessageStartingWith("the JSON is broken after row 2");
		assertThatThrownBy(() -> read(file("[{\"id\":".getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "o.json")))
			.isInstanceOf(ImportFailure.class).hasMessageStartingWith("the JSON is broken in its first row");
		// One element longer than a row may be fails the import, as a CSV row would: it is not held whole.
		String huge = "[{\"note\":\"" + "x".repeat(300_000) + "\"}]";
		assertThatThrownBy(() -> read(file(huge.getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "o.json"),
				settings(100_000)))
			.isInstanceOf(ImportFailure.class).hasMessageContaining("max-row-length");
	}

	@Test
	void gzipIsRecognisedByItsContentNotItsName() throws IOException {
		assertThat(read(file(gzip("sku,qty\nSK-1001,2\n".getBytes(StandardCharsets.UTF_8))), Map.of("fileName", "x.csv")))
			.singleElement().satisfies(row -> assertThat(row.values()).containsEntry("qty", "2"));
	}

	@Test
	void aGzipCutShortFailsTheFileInsteadOfEndingItEarly() throws IOException {
		StringBuilder csv = new StringBuilder("sku,qty\n");
		for (int i = 0; i < 20_000; i++) {
			csv.append("SK-").append(i).append(",1\n");
		}
		byte[] whole = gzip(csv.toString().getBytes(StandardCharsets.UTF_8));
		Path cut = file(Arrays.copyOf(whole, whole.length / 2));

		assertThatThrownBy(() -> read(cut, Map.of("fileName", "x.csv"))).isInstanceOf(ImportFailure.class)
			.hasMessageContaining("cut short");
	}

	@Test
	void aGzipBombFailsTheFileBeforeItFillsMemory() throws IOException {
		ByteArrayOutputStream zipped = new ByteArrayOutputStream();
		try (OutputStream gzip = new GZIPOutputStream(zipped)) {
			gzip.write("sku,qty\n".getBytes(StandardCharsets.UTF_8));
			byte[] rows = "SK-1,1\n".repeat(150_000).getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i < 12; i++) {
				gzip.write(rows);
			}
		}
		Path bomb = file(zipped.toByteArray());

		assertThatThrownBy(() -> read(bomb, Map.of("fileName", "x.csv"))).isInstanceOf(ImportFailure.class)
			.hasMessageContaining("expands more than 200 times");
		ImportSettings small = new ImportSettings(20_000, 100_000, DataSize.ofGigabytes(1), DataSize.ofMegabytes(10), 1_000_000,
				1_048_576, 4, 2, java.time.Duration.ofSeconds(2), 100, 1_000_000);
		assertThatThrownBy(() -> read(bomb, Map.of("fileName", "x.csv"), small)).isInstanceOf(ImportFailure.class)
			.hasMessageContaining("expands beyond 10485760 bytes");
	}

	@Test
	void bytesThatAreNotUtf8RejectTheirRowAndNothingOfItLoads() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.write("name,city\n王静,广州\n".getBytes(StandardCharsets.UTF_8));
		bytes.write("李强,".getBytes(StandardCharsets.UTF_8));
		bytes.write(new byte[] { (byte) 0xB1, (byte) 0xB1, (byte) 0xBE, (byte) 0xA9 });
		bytes.write("\n".getBytes(StandardCharsets.UTF_8));

		List<SourceRow> rows = read(file(bytes.toByteArray()), Map.of("fileName", "m.csv"));

		assertThat(rows.get(0).unreadable()).isNull();
		assertThat(rows.get(1).unreadable()).contains("not valid UTF-8").contains("give it: encoding=windows-1252");
		// Told the file's real encoding, the same bytes read as 北京.
		List<SourceRow> gbk = read(file(("name,city\n李强,北京\n").getBytes(java.nio.charset.Charset.forName("GBK"))),
				Map.of("fileName", "m.csv", "encoding", "GBK"));
		assertThat(gbk.get(0).values()).containsEntry("city", "北京");
	}

	/**
	 * JSON can write half of a character as an escape ({@code \\ud83d} alone): valid JSON, yet no text. Its row is
	 * rejected naming the value, in lines of JSON and in a JSON array alike; a whole pair is a character like any.
	 */
	@Test
	void halfACharacterWrittenAsAJsonEscapeRejectsItsRow() throws IOException {
		String rows = """
				{"name":"Jane \\ud83d\\ude00","city":"Leeds"}
				{"name":"Jane","city":"Lee\\ud83dds"}
				""";
		for (String[] form : new String[][] { { "orders.ndjson", rows }, { "orders.json", "[" + rows.strip().replace("\n", ",") + "]" } }) {
			List<SourceRow> read = read(file(form[1].getBytes(StandardCharsets.UTF_8)), Map.of("fileName", form[0]));
			assertThat(read.get(0).unreadable()).as(form[0]).isNull();
			assertThat(read.get(0).values()).containsEntry("name", "Jane 😀");
			assertThat(read.get(1).unreadable()).as(form[0])
				.isEqualTo("'city' holds half of a character (\\ud83d without its pair, at character 4): the text was cut "
						+ "before it was written; nothing of the row was loaded");
			assertThat(read.get(1).values()).isEmpty();
		}
	}

	/** API dumps nest objects (an order's customer and address): their values are named by their path. */
	@Test
	void nestedObjectsOfAnNdjsonRowAreNamedByTheirPath() throws IOException {
		Path dump = file(("""
				{"id":"1001","customer":{"email":"jane@example.com","address":{"city":"Leeds"}},"tags":["vip"],"note":null}
				""").getBytes(StandardCharsets.UTF_8));

		try (ExportFile export = open(dump, Map.of("fileName", "orders.ndjson"))) {
			assertThat(export.columns()).containsExactly("id", "customer.email", "customer.address.city", "tags", "note");
			assertThat(export.next().values()).containsEntry("customer.email", "jane@example.com")
				.containsEntry("customer.address.city", "Leeds").containsEntry("tags", "[\"vip\"]").containsEntry("note", null);
		}
	}

	@Test
	void linesAboveTheHeaderRowAreTitlesAndSkipped() throws IOException {
		Path report = file("会员信息导出\n导出时间,2024-03-01\n姓名,手机号\n王 小明,13812345678\n".getBytes(StandardCharsets.UTF_8));

		assertThat(read(report, Map.of("fileName", "report.csv", "headerRow", "3"))).singleElement()
			.satisfies(row -> assertThat(row.values()).containsExactly(Map.entry("姓名", "王 小明"),
					Map.entry("手机号", "13812345678")));
		assertThatThrownBy(() -> read(report, Map.of("fileName", "report.csv", "headerRow", "9")))
			.isInstanceOf(ImportFailure.class).hasMessageContaining("fewer than 9 lines");
		// Without it, the title is the header, and a mapping of the real columns is told where to look.
		try (ExportFile export = open(report, Map.of("fileName", "report.csv"))) {
			assertThatThrownBy(() -> spec(Map.of("fileName", "report.csv", "mapping", "{\"sku\": \"姓名\"}"))
				.checkColumns(export.columns()))
				.hasMessageContaining("column '姓名' is not in the file; its columns are [会员信息导出]")
				.hasMessageContaining("give headerRow");
		}
	}

	/**
	 * Excel writes {@code sep=;} as the first line of a CSV for locales that separate with semicolons, reads the
	 * file with it and shows no such row: neither do we, whatever the delimiter given.
	 */
	@Test
	void excelsSeparatorLineNamesTheSeparatorAndIsNoRow() throws IOException {
		Path excel = file("\uFEFFsep=;\r\nsku;qty;price\r\nA-1;2;1,50\r\n".getBytes(StandardCharsets.UTF_8));

		assertThat(read(excel, Map.of("fileName", "x.csv"))).singleElement().satisfies(row -> {
			assertThat(row.values()).containsExactly(Map.entry("sku", "A-1"), Map.entry("qty", "2"), Map.entry("price", "1,50"));
			assertThat(row.number()).isEqualTo(1);
			assertThat(row.raw()).isEqualTo("A-1;2;1,50");
		});
		assertThat(read(file("\"sep=|\"\nsku|qty\nB|3\n".getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "x.csv",
				"delimiter", "comma")).get(0).values()).containsEntry("qty", "3");
		assertThat(read(file("sep=;\ntitle\nsku;qty\nC;4\n".getBytes(StandardCharsets.UTF_8)),
				Map.of("fileName", "x.csv", "headerRow", "2")).get(0).values()).as("header rows count after it")
			.containsEntry("qty", "4");
		assertThat(read(file("separator,sep=\n1,2\n".getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "x.csv"))
			.get(0).values()).as("a header that only starts like it").containsEntry("sep=", "2");
	}

	/** Without the line, a semicolon file read with commas is one column: a mapping refused against it says so. */
	@Test
	void aHeaderReadAsOneColumnPointsToTheSeparator() throws IOException {
		try (ExportFile export = open(file("sku;qty\nA;1\n".getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "x.csv"))) {
			assertThatThrownBy(() -> spec(Map.of("fileName", "x.csv", "mapping", "{\"sku\": \"sku\"}"))
				.checkColumns(export.columns()))
				.hasMessageContaining("its columns are [sku;qty]")
				.hasMessageContaining("separated by ';': give delimiter=semicolon");
		}
	}

	/** Excel's "Unicode text": tab-separated UTF-16 with a byte order mark, read without being told. */
	@Test
	void aUtf16FileIsKnownByItsByteOrderMark() throws IOException {
		String text = "\uFEFF姓名\t手机号\n王 小明\t13812345678\n";

		for (java.nio.charset.Charset utf16 : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
			// As Excel names it: a .txt, which says tabs without being told.
			List<SourceRow> rows = read(file(text.getBytes(utf16)), Map.of("fileName", "members.txt"));

			assertThat(rows).singleElement().satisfies(row -> {
				assertThat(row.unreadable()).isNull();
				assertThat(row.values()).containsEntry("姓名", "王 小明").containsEntry("手机号", "13812345678");
			});
		}
	}

	/**
	 * Taobao's and Tmall's order exports: GBK, and long numbers written as formulas of text so that a spreadsheet
	 * keeps them whole.
	 */
	@Test
	void aShopPlatformsGbkExportIsReadWithItsNumbersWrittenAsTextFormulas() throws IOException {
		String csv = "订单编号,买家会员名,联系手机,买家实际支付金额,备注\n"
				+ "=\"2911234567890123456\",tb_小王,=\"13812345678\",199.00,\"=\"\"a \"\"\"\"b\"\"\"\"\"\"\"\n"
				+ "\"=\"\"3011234567890123456\"\"\",tb_小李,'13912345678,=SUM(A1),=\"x\" & \"y\"\n";
		List<SourceRow> rows = read(file(csv.getBytes(java.nio.charset.Charset.forName("GBK"))),
				Map.of("fileName", "orders.csv", "encoding", "GBK"));

		assertThat(rows.get(0).values()).containsEntry("订单编号", "2911234567890123456")
			.containsEntry("买家会员名", "tb_小王").containsEntry("联系手机", "13812345678")
			.containsEntry("备注", "a \"b\"");
		// Quoted as a whole it is the same cell; a formula that is no text, or joins texts, stays as written.
		assertThat(rows.get(1).values()).containsEntry("订单编号", "3011234567890123456")
			.containsEntry("买家实际支付金额", "=SUM(A1)").containsEntry("备注", "=\"x\" & \"y\"");
	}

	@Test
	void aFileWhoseHeaderIsNotInItsEncodingFailsWhole() throws IOException {
		Path gbk = file("姓名,城市\n李强,北京\n".getBytes(java.nio.charset.Charset.forName("GBK")));

		assertThatThrownBy(() -> read(gbk, Map.of("fileName", "m.csv"))).isInstanceOf(ImportFailure.class)
			.hasMessageContaining("encoding");
	}

	@Test
	void aRowLongerThanTheLimitFailsTheFile() throws IOException {
		Path runaway = file(("a,b\n\"" + "x".repeat(1_300_000) + ",1\n").getBytes(StandardCharsets.UTF_8));

		assertThatThrownBy(() -> read(runaway, Map.of("fileName", "x.csv"))).isInstanceOf(ImportFailure.class)
			.hasMessageContaining("longer than 1048576 characters");
	}

	@Test
	void aHeaderWiderThanASpreadsheetIsRefused() throws IOException {
		String header = String.join(",", java.util.stream.IntStream.rangeClosed(1, ExportFile.MAX_COLUMNS + 1)
			.mapToObj(i -> "c" + i).toList());
		assertThatThrownBy(() -> read(file((header + "\n").getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "w.csv")))
			.isInstanceOf(ImportFailure.class)
			.hasMessage("the header has 16385 columns; at most 16384 (a spreadsheet's last column) are read");
	}

	/**
	 * Exports name their files carelessly: a workbook is read as what its bytes are, whichever Excel name it has, and
	 * text under an Excel name as the tab-separated text it is; what cannot be a sheet says what to do.
	 */
	@Test
	void aFileUnderAnExcelNameIsReadAsWhatItHolds() throws IOException {
		byte[] xls = workbook(new org.apache.poi.hssf.usermodel.HSSFWorkbook());
		byte[] xlsx = workbook(new org.apache.poi.xssf.usermodel.XSSFWorkbook());
		byte[] text = "sku\tqty\nSK-1001\t2\n".getBytes(StandardCharsets.UTF_8);

		for (var named : List.of(Map.entry("p.xlsx", xls), Map.entry("p.xls", xlsx), Map.entry("p.xls", xls),
				Map.entry("p.xls", text))) {
			assertThat(read(file(named.getValue()), Map.of("fileName", named.getKey())))
				.as(named.getKey()).singleElement()
				.satisfies(row -> assertThat(row.values()).containsExactly(Map.entry("sku", "SK-1001"), Map.entry("qty", "2")));
		}
		assertThatThrownBy(() -> read(file(gzip(xlsx)), Map.of("fileName", "p.xlsx.gz"))).isInstanceOf(ImportFailure.class)
			.hasMessageStartingWith("the workbook is gzip-compressed");
		String spreadsheetXml = "<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"
				+ "<Worksheet><Table><Row><Cell><Data>sku</Data></Cell></Row></Table></Worksheet></Workbook>";
		assertThatThrownBy(() -> read(file(spreadsheetXml.getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "p.xls")))
			.isInstanceOf(ImportFailure.class)
			.hasMessageContaining("a web page without a table, or Excel 2003's XML, under an Excel name");
	}

	/**
	 * A web page's table saved as ".xls", as older shop and ERP systems export (in GBK, as their pages say): its rows
	 * are a sheet's, a title above the header, an order's number spanning its lines' rows, a cell spanning columns.
	 */
	@Test
	void aWebPagesTableUnderAnExcelNameReadsAsASheet() throws IOException {
		String page = """
				<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>
				<table border="1">
				<tr><td colspan="3">订单导出 2024-03-01</td></tr>
				<tr><th>订单号</th><th>商品</th><th>数量</th></tr>
				<tr><td rowspan="2">A-1</td><td>SK-1</td><td>1</td></tr>
				<tr><td>SK-2 <br>蓝色</td><td>2</td></tr>
				<tr><td>A-2</td><td colspan="2">SK-3</td></tr>
				<tr><td></td><td></td><td></td></tr>
				</table></body></html>""";

		List<SourceRow> rows = read(file(page.getBytes(java.nio.charset.Charset.forName("GBK"))),
				Map.of("fileName", "订单.xls", "headerRow", "2"));

		assertThat(rows).extracting(row -> String.join("|", row.values().values()))
			.containsExactly("A-1|SK-1|1", "A-1|SK-2 蓝色|2", "A-2|SK-3|");
		// The page is read a row at a time: one row far longer than any export's fails it, and is never held whole.
		String huge = "<table><tr><th>sku</th></tr><tr><td>" + "x".repeat(2_000_000) + "</td></tr></table>";
		assertThatThrownBy(() -> read(file(huge.getBytes(StandardCharsets.UTF_8)), Map.of("fileName", "p.xls"),
				settings(100_000)))
			.isInstanceOf(ImportFailure.class).hasMessageContaining("max-row-length");
	}

	private static byte[] workbook(org.apache.poi.ss.usermodel.Workbook workbook) throws IOException {
		try (workbook; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			var sheet = workbook.createSheet("Products");
			sheet.createRow(0).createCell(0).setCellValue("sku");
			sheet.getRow(0).createCell(1).setCellValue("qty");
			sheet.createRow(1).createCell(0).setCellValue("SK-1001");
			sheet.getRow(1).createCell(1).setCellValue(2);
			workbook.write(out);
			return out.toByteArray();
		}
	}

	@Test
	void theFormatComesFromTheRequestOrTheFileName() {
		assertThat(ImportFormat.of(null, "orders-2026.csv.gz")).isEqualTo(ImportFormat.CSV);
		assertThat(ImportFormat.of(null, "events.jsonl")).isEqualTo(ImportFormat.NDJSON);
		assertThat(ImportFormat.of("ndjson", "whatever.txt")).isEqualTo(ImportFormat.NDJSON);
		assertThat(ImportFormat.of(null, "会员.XLSX")).isEqualTo(ImportFormat.XLSX);
		assertThat(ImportFormat.of(null, "members.xls")).isEqualTo(ImportFormat.XLS);
		assertThat(ImportFormat.tabSeparated("members.xls")).as("text under Excel's name is tab-separated").isTrue();
		assertThat(ImportFormat.of(null, "members.txt")).isEqualTo(ImportFormat.CSV);
		assertThatThrownBy(() -> ImportFormat.of(null, "members.pdf")).hasMessageStartingWith("format:")
			.hasMessageContaining(".csv, .tsv, .txt");
	}

	private Path file(byte[] content) throws IOException {
		Path file = Files.createTempFile(directory, "export", ".bin");
		Files.write(file, content);
		return file;
	}

	private static byte[] gzip(byte[] content) throws IOException {
		ByteArrayOutputStream zipped = new ByteArrayOutputStream();
		try (OutputStream gzip = new GZIPOutputStream(zipped)) {
			gzip.write(content);
		}
		return zipped.toByteArray();
	}

	private static List<SourceRow> read(Path file, Map<String, String> parameters) {
		return read(file, parameters, ImportSettings.DEFAULTS);
	}

	private static List<SourceRow> read(Path file, Map<String, String> parameters, ImportSettings settings) {
		try (ExportFile export = ExportFile.open(file, spec(parameters), settings)) {
			return rows(export);
		}
	}

	private static ImportSettings settings(int maxRowLength) {
		return new ImportSettings(20_000, 100_000, DataSize.ofGigabytes(1), DataSize.ofMegabytes(10), 1_000_000,
				maxRowLength, 4, 2, java.time.Duration.ofSeconds(2), 100, 1_000_000);
	}

	private static ExportFile open(Path file, Map<String, String> parameters) {
		return ExportFile.open(file, spec(parameters), ImportSettings.DEFAULTS);
	}

	private static List<SourceRow> rows(ExportFile export) {
		List<SourceRow> rows = new ArrayList<>();
		export.forEachRemaining(rows::add);
		return rows;
	}

	private static ImportSpec spec(Map<String, String> parameters) {
		return ImportSpec.parse(ImportEntity.PRODUCTS, new HashMap<>(parameters), java.time.ZoneId.of("Asia/Shanghai"), "CNY");
	}

}
