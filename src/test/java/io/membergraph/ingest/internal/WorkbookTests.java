package io.membergraph.ingest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Excel workbooks read as exports: cells as Excel shows them (dates, numbers without float noise, phone numbers
 * typed as numbers), a sheet's gaps as empty values, and damaged or hostile workbooks failing with the reason.
 */
class WorkbookTests {

	@TempDir
	Path dir;

	@Test
	void aWorkbookWrittenByExcelsLibraryReadsAsExcelShowsIt() throws IOException {
		Path file = dir.resolve("members.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			write(workbook, file);
		}

		List<SourceRow> rows = read(file);

		assertThat(columnsOf(file)).containsExactly("会员姓名", "手机号", "注册时间", "生日", "积分", "VIP", "(column 7)", "备注");
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).values()).containsEntry("会员姓名", "王 小明")
			// A phone number typed as a number: no exponent, no ".0".
			.containsEntry("手机号", "13812345678")
			.containsEntry("注册时间", "2024-03-01 10:42:09")
			.containsEntry("生日", "1990-07-15")
			.containsEntry("积分", "2.55")
			.containsEntry("VIP", "true")
			.containsEntry("备注", "from the formula");
		assertThat(rows.get(0).unreadable()).isNull();
		// The empty row between them is skipped; a missing cell is an empty value.
		assertThat(rows.get(1).number()).isEqualTo(2);
		assertThat(rows.get(1).values()).containsEntry("会员姓名", "李 四").containsEntry("手机号", "")
			.containsEntry("积分", "-1200");
	}

	@Test
	void aStreamedWorkbookWithItsTextInTheCellsReadsTheSame() throws IOException {
		Path file = dir.resolve("streamed.xlsx");
		try (SXSSFWorkbook workbook = new SXSSFWorkbook()) {
			write(workbook, file);
			workbook.dispose();
		}

		assertThat(read(file)).extracting(row -> row.values().get("会员姓名")).containsExactly("王 小明", "李 四");
		assertThat(read(file).get(0).values()).containsEntry("注册时间", "2024-03-01 10:42:09")
			.containsEntry("手机号", "13812345678");
	}

	/** A retailer's history split by year into sheets, as public order logs are published. */
	@Test
	void aSheetIsChosenByNameOrNumberAndAnUnknownOneNamesTheSheetsThereAre() throws IOException {
		Path file = dir.resolve("years.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			for (String year : List.of("Year 2009-2010", "Year 2010-2011")) {
				Sheet sheet = workbook.createSheet(year);
				sheet.createRow(0).createCell(0).setCellValue("Invoice");
				sheet.createRow(1).createCell(0).setCellValue(year.substring(5, 9) + "01");
			}
			workbook.write(out);
		}

		assertThat(read(file).get(0).values()).containsEntry("Invoice", "200901");
		assertThat(read(file, "year 2010-2011").get(0).values()).containsEntry("Invoice", "201001");
		assertThat(read(file, "2").get(0).values()).containsEntry("Invoice", "201001");
		assertThatThrownBy(() -> read(file, "2012")).isInstanceOf(ImportFailure.class)
			.hasMessage("the workbook has no sheet '2012'; its sheets are [Year 2009-2010, Year 2010-2011] (name one, or "
					+ "give its number from 1)");
	}

	/** An order report writes the order's number once, merged down beside all its lines. */
	@Test
	void aValueMergedDownSeveralRowsIsEachOfThoseRowsValue() throws IOException {
		Path file = dir.resolve("orders.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = workbook.createSheet("订单");
			String[][] rows = { { "订单号", "商品", "数量" }, { "A-1", "SK-1", "1" }, { null, "SK-2", "2" },
					{ null, "SK-3", "3" }, { "A-2", "SK-1", "1" }, { "A-3", "SK-4", "4" }, { null, null, null } };
			for (int r = 0; r < rows.length; r++) {
				Row row = sheet.createRow(r);
				for (int c = 0; c < 3; c++) {
					if (rows[r][c] != null) {
						row.createCell(c).setCellValue(rows[r][c]);
					}
				}
			}
			sheet.addMergedRegion(org.apache.poi.ss.util.CellRangeAddress.valueOf("A2:A4"));
			// Merged down into a row that is otherwise empty, and across two columns: neither adds a row or a value.
			sheet.addMergedRegion(org.apache.poi.ss.util.CellRangeAddress.valueOf("A6:A7"));
			sheet.addMergedRegion(org.apache.poi.ss.util.CellRangeAddress.valueOf("B5:C5"));
			workbook.write(out);
		}

		assertThat(read(file)).extracting(row -> row.values().get("订单号") + " " + row.values().get("商品") + " "
				+ row.values().get("数量"))
			.containsExactly("A-1 SK-1 1", "A-1 SK-2 2", "A-1 SK-3 3", "A-2 SK-1 1", "A-3 SK-4 4");
	}

	/** Whether a sheet merges anything is told from its bytes, however they arrive. */
	@Test
	void aTextIsFoundInBytesThatArriveAFewAtATime() throws IOException {
		byte[] sheet = ("<sheetData>" + "<row/>".repeat(20_000) + "</sheetData><mergeCells><mergeCell ref=\"A2:A4\"/>")
			.getBytes(StandardCharsets.US_ASCII);
		for (int step : List.of(1, 3, 7, 4096, 70_000)) {
			assertThat(Workbook.mentions(trickling(sheet, step), "mergeCell")).as("read %d bytes at a time", step).isTrue();
			assertThat(Workbook.mentions(trickling(sheet, step), "mergeCellz")).isFalse();
		}
	}

	private static java.io.InputStream trickling(byte[] bytes, int step) {
		return new java.io.ByteArrayInputStream(bytes) {

			@Override
			public synchronized int read(byte[] buffer, int offset, int length) {
				return super.read(buffer, offset, Math.min(step, length));
			}

		};
	}

	/** A report's title and date above its columns, as POS systems export: the header row is given. */
	@Test
	void rowsAboveTheHeaderRowAreTitlesAndSkipped() throws IOException {
		Path file = workbook(dir.resolve("report.xlsx"), null, """
				<row r="1"><c r="A1" t="inlineStr"><is><t>会员信息导出</t></is></c></row>
				<row r="2"><c r="C2" t="inlineStr"><is><t>导出时间 2024-03-01</t></is></c></row>
				<row r="4"><c r="A4" t="inlineStr"><is><t>姓名</t></is></c><c r="B4" t="inlineStr"><is><t>手机号</t></is></c></row>
				<row r="5"><c r="A5" t="inlineStr"><is><t>王 小明</t></is></c><c r="B5"><v>13812345678</v></c></row>
				""", false);

		assertThat(read(file, null, 4)).singleElement().satisfies(row -> {
			assertThat(row.values()).containsExactly(Map.entry("姓名", "王 小明"), Map.entry("手机号", "13812345678"));
			assertThat(row.unreadable()).isNull();
			assertThat(row.number()).isEqualTo(1);
		});
		assertThatThrownBy(() -> read(file, null, 3)).isInstanceOf(ImportFailure.class)
			.hasMessage("row 3 of the sheet is empty: headerRow names the row of the column names");
	}

	@Test
	void numbersLoseTheirFloatNoiseAndRichTextLosesItsPhoneticGuide() throws IOException {
		Path file = workbook(dir.resolve("excel.xlsx"), """
				<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
				<si><t>name</t></si><si><t>price</t></si>
				<si><r><rPr><b/></rPr><t>山田</t></r><r><t xml:space="preserve"> 太郎</t></r><rPh sb="0" eb="2"><t>ヤマダ</t></rPh><phoneticPr fontId="1"/></si>
				</sst>""", """
				<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
				<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>2.5499999999999998</v></c><c r="D2" t="e"><v>#N/A</v></c></row>
				<row r="3"><c r="A3" t="inlineStr"><is><t>Ann</t></is></c><c r="B3"><v>1.0000000000000001E-2</v></c><c r="C3" t="s"/></row>
				""", false);

		List<SourceRow> rows = read(file);

		assertThat(rows.get(0).values()).containsExactly(Map.entry("name", "山田 太郎"), Map.entry("price", "2.55"));
		assertThat(rows.get(0).unreadable()).isEqualTo("has a value in column D, beyond the header's 2 columns");
		assertThat(rows.get(1).values()).containsEntry("price", "0.01");
	}

	@Test
	void datesOfA1904WorkbookAndOfExcelsFirstYearsAreTheDaysExcelShows() throws IOException {
		String sheet = """
				<row r="1"><c r="A1" t="inlineStr"><is><t>day</t></is></c></row>
				<row r="2"><c r="A2" s="1"><v>45352.4458333333</v></c></row>
				<row r="3"><c r="A3" s="1"><v>59</v></c></row>
				<row r="4"><c r="A4" s="1"><v>61</v></c></row>
				""";

		assertThat(read(workbook(dir.resolve("1900.xlsx"), null, sheet, false)))
			.extracting(row -> row.values().get("day"))
			.containsExactly("2024-03-01 10:42:00", "1900-02-28", "1900-03-01");
		assertThat(read(workbook(dir.resolve("1904.xlsx"), null, sheet, true)).get(0).values().get("day"))
			.isEqualTo("2028-03-02 10:42:00");
	}

	@Test
	void dateFormatsAreToldFromNumberFormats() {
		assertThat(SheetRows.isDateFormat(14, null)).isTrue();
		assertThat(SheetRows.isDateFormat(31, null)).as("yyyy年m月d日 in Chinese Excel").isTrue();
		assertThat(SheetRows.isDateFormat(164, "yyyy/m/d h:mm")).isTrue();
		assertThat(SheetRows.isDateFormat(165, "[$-F800]dddd, mmmm dd, yyyy")).isTrue();
		assertThat(SheetRows.isDateFormat(166, "[h]:mm:ss")).isTrue();
		assertThat(SheetRows.isDateFormat(2, null)).isFalse();
		assertThat(SheetRows.isDateFormat(167, "#,##0.00_);[Red](#,##0.00)")).isFalse();
		assertThat(SheetRows.isDateFormat(168, "\"days\" 0")).isFalse();
		assertThat(SheetRows.isDateFormat(169, "General")).isFalse();
	}

	@Test
	void aWorkbookNamingAnExternalEntityFailsWithoutReadingIt() throws IOException {
		Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
		Path file = workbook(dir.resolve("xxe.xlsx"), """
				<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "%s">]>
				<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&x;</t></si></sst>"""
			.formatted(secret.toUri()), """
				<row r="1"><c r="A1" t="s"><v>0</v></c></row>
				<row r="2"><c r="A2" t="s"><v>0</v></c></row>
				""", false);

		assertThatThrownBy(() -> read(file)).isInstanceOf(ImportFailure.class)
			.hasMessageStartingWith("the workbook could not be read")
			.hasMessageNotContaining("TOP-SECRET");
	}

	@Test
	void filesThatAreNoWorkbookSayWhatTheyAre() throws IOException {
		Path text = Files.writeString(dir.resolve("text.xlsx"), "name,phone\nAnn,13812345678\n");
		Path noSheet = dir.resolve("empty.xlsx");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(noSheet))) {
			entry(zip, "docProps/app.xml", "<Properties/>");
		}

		assertThatThrownBy(() -> read(text)).hasMessage("the file is not an Excel workbook (.xlsx): it is not a zip archive");
		assertThatThrownBy(() -> read(noSheet)).hasMessage("the file is not an Excel workbook (.xlsx): it has no xl/workbook.xml");
	}

	/** Millions of empty shared strings cost memory too: each counts toward the bound. */
	@Test
	void sharedStringsBeyondTheirBoundFailTheWorkbook() throws IOException {
		long strings = Workbook.MAX_SHARED_CHARS / Workbook.STRING_COST + 1;
		Path file = dir.resolve("strings.xlsx");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			entry(zip, "xl/workbook.xml", """
					<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
					 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
					<sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>""");
			entry(zip, "xl/_rels/workbook.xml.rels", """
					<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
					<Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>""");
			zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
			zip.write("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">".getBytes(StandardCharsets.UTF_8));
			byte[] empty = "<si/>".repeat(10_000).getBytes(StandardCharsets.UTF_8);
			for (long written = 0; written < strings; written += 10_000) {
				zip.write(empty);
			}
			zip.write("</sst>".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}

		// Highly compressible as it is, the strings part is a bomb first; allowed to expand, it is too much text.
		assertThatThrownBy(() -> read(file)).isInstanceOf(ImportFailure.class)
			.hasMessageStartingWith("the workbook expands more than 200 times its size");
		ImportSettings anyRatio = new ImportSettings(20_000, 100_000, DataSize.ofGigabytes(1), DataSize.ofGigabytes(1),
				1_000_000, 1_048_576, 4, 2, Duration.ofSeconds(2), 100, 1_000_000);
		assertThatThrownBy(() -> Workbook.open(file, null, null, anyRatio)).isInstanceOf(ImportFailure.class)
			.hasMessageStartingWith("the workbook holds more than " + Workbook.MAX_SHARED_CHARS + " characters of text");
	}

	/** The JDK holds a zip's directory in memory: one of a million entries is refused before it is read. */
	@Test
	void anArchiveOfFarMorePartsThanAWorkbookHasIsRefusedBeforeItsDirectoryIsRead() throws IOException {
		Path file = dir.resolve("parts.xlsx");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			zip.setLevel(0);
			for (int i = 0; i <= Workbook.MAX_PARTS; i++) {
				zip.putNextEntry(new ZipEntry("p" + i));
				zip.closeEntry();
			}
		}

		assertThatThrownBy(() -> read(file)).isInstanceOf(ImportFailure.class)
			.hasMessageStartingWith("the workbook holds more than 10000 parts");
	}

	@Test
	void aSheetThatExpandsFarBeyondItsFileFailsAsABomb() throws IOException {
		StringBuilder rows = new StringBuilder("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>n</t></is></c></row>");
		String filler = "<row><c><v>0</v></c></row>".repeat(2_000);
		rows.append(filler.repeat(200));
		Path file = workbook(dir.resolve("bomb.xlsx"), null, rows.toString(), false);
		ImportSettings limits = new ImportSettings(20_000, 100_000, DataSize.ofGigabytes(1), DataSize.ofGigabytes(1), 20,
				1_048_576, 4, 2, Duration.ofSeconds(2), 100, 1_000_000);

		assertThatThrownBy(() -> {
			try (Workbook workbook = Workbook.open(file, null, null, limits)) {
				workbook.rows().forEachRemaining(row -> {
				});
			}
		}).isInstanceOf(ImportFailure.class).hasMessageContaining("expands more than 20 times its size");
	}

	/** Two members, an empty row between them, cells of every kind a member export has. */
	static void write(org.apache.poi.ss.usermodel.Workbook workbook, Path file) throws IOException {
		Sheet sheet = workbook.createSheet("会员");
		CellStyle dateTime = workbook.createCellStyle();
		dateTime.setDataFormat(workbook.createDataFormat().getFormat("yyyy/m/d h:mm:ss"));
		CellStyle date = workbook.createCellStyle();
		date.setDataFormat((short) 14);
		Row header = sheet.createRow(0);
		String[] names = { "会员姓名", "手机号", "注册时间", "生日", "积分", "VIP", "", "备注" };
		for (int i = 0; i < names.length; i++) {
			if (!names[i].isEmpty()) {
				header.createCell(i).setCellValue(names[i]);
			}
		}
		Row first = sheet.createRow(1);
		first.createCell(0).setCellValue("王 小明");
		first.createCell(1).setCellValue(13812345678d);
		Cell joined = first.createCell(2);
		joined.setCellValue(LocalDateTime.of(2024, 3, 1, 10, 42, 9));
		joined.setCellStyle(dateTime);
		Cell born = first.createCell(3);
		born.setCellValue(LocalDateTime.of(1990, 7, 15, 0, 0));
		born.setCellStyle(date);
		first.createCell(4).setCellValue(2.55);
		first.createCell(5).setCellValue(true);
		Cell formula = first.createCell(7);
		formula.setCellFormula("\"from the \"&\"formula\"");
		if (workbook instanceof XSSFWorkbook xssf) {
			xssf.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(formula);
		}
		else {
			workbook.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(formula);
		}
		Row second = sheet.createRow(3);
		second.createCell(0).setCellValue("李 四");
		second.createCell(4).setCellValue(-1200);
		try (OutputStream out = Files.newOutputStream(file)) {
			workbook.write(out);
		}
	}

	/** A workbook written part by part as Excel lays it out: the sheet's rows, shared strings, one date style. */
	private static Path workbook(Path file, String sharedStrings, String sheetRows, boolean date1904) throws IOException {
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			entry(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
			entry(zip, "xl/workbook.xml", """
					<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
					 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
					<workbookPr date1904="%s"/><sheets><sheet name="Orders" sheetId="1" r:id="rId1"/></sheets></workbook>"""
				.formatted(date1904 ? "1" : "0"));
			entry(zip, "xl/_rels/workbook.xml.rels", """
					<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
					<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
					 Target="/xl/worksheets/sheet1.xml"/></Relationships>""");
			entry(zip, "xl/styles.xml", """
					<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
					<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd hh:mm"/></numFmts>
					<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
					<cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs>
					</styleSheet>""");
			if (sharedStrings != null) {
				entry(zip, "xl/sharedStrings.xml", sharedStrings);
			}
			entry(zip, "xl/worksheets/sheet1.xml", """
					<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
					%s</sheetData></worksheet>""".formatted(sheetRows));
		}
		return file;
	}

	private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(content.getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}

	static List<SourceRow> read(Path file) {
		return read(file, null);
	}

	private static List<SourceRow> read(Path file, String sheet) {
		return read(file, sheet, null);
	}

	private static List<SourceRow> read(Path file, String sheet, Integer headerRow) {
		List<SourceRow> rows = new ArrayList<>();
		try (Workbook workbook = Workbook.open(file, sheet, headerRow, ImportSettings.DEFAULTS)) {
			workbook.rows().forEachRemaining(rows::add);
		}
		return rows;
	}

	private static List<String> columnsOf(Path file) {
		try (Workbook workbook = Workbook.open(file, null, null, ImportSettings.DEFAULTS)) {
			return workbook.columns();
		}
	}

}
