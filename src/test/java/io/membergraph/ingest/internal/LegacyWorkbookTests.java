package io.membergraph.ingest.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Excel 97-2003 workbooks (.xls), as older POS and marketplace back offices still export them, read as the .xlsx
 * of the same sheet is; and the files that carry Excel's name without being such a workbook failing with the reason.
 */
class LegacyWorkbookTests {

	@TempDir
	Path dir;

	@Test
	void anExcel97WorkbookReadsAsTheSameSheetSavedAsXlsx() throws IOException {
		Path xls = sameSheet("members.xls");
		Path xlsx = sameSheet("members.xlsx");

		List<SourceRow> rows = read(xls, null, null);

		assertThat(rows).usingRecursiveComparison().isEqualTo(WorkbookTests.read(xlsx));
		assertThat(rows.get(0).values()).containsEntry("手机号", "13812345678")
			.containsEntry("注册时间", "2024-03-01 10:42:09")
			.containsEntry("生日", "1990-07-15")
			.containsEntry("积分", "2.55")
			.containsEntry("VIP", "true")
			.containsEntry("备注", "from the formula");
		assertThat(rows.get(1).values()).containsEntry("积分", "-1200").containsEntry("手机号", "");
	}

	/** A year a sheet, titles above the header, an order's number merged down beside its lines. */
	@Test
	void sheetsAreChosenTitlesSkippedAndMergedValuesFilledDown() throws IOException {
		Path file = dir.resolve("orders.xls");
		try (HSSFWorkbook workbook = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			workbook.createSheet("2009").createRow(0).createCell(0).setCellValue("订单号");
			Sheet sheet = workbook.createSheet("2010");
			String[][] rows = { { "订单导出", null, null }, { null, null, null }, { "订单号", "商品", "数量" },
					{ "A-1", "SK-1", "1" }, { null, "SK-2", "2" }, { "A-2", "SK-3", "3" } };
			for (int r = 0; r < rows.length; r++) {
				Row row = sheet.createRow(r);
				for (int c = 0; c < 3; c++) {
					if (rows[r][c] != null) {
						row.createCell(c).setCellValue(rows[r][c]);
					}
				}
			}
			sheet.addMergedRegion(CellRangeAddress.valueOf("A4:A5"));
			workbook.createSheet("Chart notes");
			workbook.write(out);
		}

		assertThat(read(file, "2010", 3)).extracting(row -> String.join(" ", row.values().values()))
			.containsExactly("A-1 SK-1 1", "A-1 SK-2 2", "A-2 SK-3 3");
		assertThat(read(file, "2", 3)).hasSize(3);
		assertThat(read(file, null, null)).isEmpty();
		assertThatThrownBy(() -> read(file, "2011", null)).isInstanceOf(ImportFailure.class)
			.hasMessage("the workbook has no sheet '2011'; its sheets are [2009, 2010, Chart notes] (name one, or give its "
					+ "number from 1)");
	}

	@Test
	void aValueRightOfTheHeaderMakesItsRowUnreadableNamingTheColumn() throws IOException {
		Path file = dir.resolve("wide.xls");
		try (HSSFWorkbook workbook = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = workbook.createSheet();
			sheet.createRow(0).createCell(0).setCellValue("name");
			Row row = sheet.createRow(1);
			row.createCell(0).setCellValue("Ann");
			row.createCell(3).setCellValue(7);
			workbook.write(out);
		}

		assertThat(read(file, null, null)).singleElement().satisfies(row -> {
			assertThat(row.values()).containsExactly(Map.entry("name", "Ann"));
			assertThat(row.unreadable()).isEqualTo("has a value in column D, beyond the header's 1 columns");
		});
	}

	@Test
	void workbooksThatCannotBeReadSayWhyAndWhatToDo() throws IOException {
		Path encrypted = dir.resolve("protected.xls");
		Biff8EncryptionKey.setCurrentUserPassword("secret");
		try (HSSFWorkbook workbook = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(encrypted)) {
			workbook.createSheet().createRow(0).createCell(0).setCellValue("name");
			workbook.write(out);
		}
		finally {
			Biff8EncryptionKey.setCurrentUserPassword(null);
		}
		Path excel95 = compoundFile("excel95.xls", "Book", new byte[] { 9, 8, 4, 0, 0, 5 });
		Path word = compoundFile("letter.xls", "WordDocument", new byte[16]);
		Path broken = Files.write(dir.resolve("broken.xls"), new byte[] { (byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, 1, 2 });

		assertThatThrownBy(() -> read(encrypted, null, null)).isInstanceOf(ImportFailure.class)
			.hasMessageStartingWith("the workbook is protected by a password: save it without one");
		assertThatThrownBy(() -> read(excel95, null, null)).hasMessageStartingWith("the file is an Excel 5.0/95 workbook");
		assertThatThrownBy(() -> read(word, null, null)).hasMessageStartingWith("the file is not an Excel workbook");
		assertThatThrownBy(() -> read(broken, null, null)).isInstanceOf(ImportFailure.class)
			.hasMessageStartingWith("the file is not an Excel 97-2003 workbook (.xls) that can be read");
	}

	/**
	 * A workbook damaged anywhere (eight bytes overwritten at every 97th position of an .xls and of an .xlsx) opens
	 * and reads, or fails the import saying the file is damaged and what to do: never a message of "null" (an .xls
	 * damaged so made the reader throw without one) nor a Java class name (an .xlsx's broken zip said
	 * "java.util.zip.ZipException").
	 */
	@Test
	void aWorkbookDamagedAnywhereReadsOrSaysItIsDamagedNeverAJavaMessage() throws IOException {
		Path xls = sameSheet("members.xls");
		Path xlsx = sameSheet("members.xlsx");
		List<String> failures = new ArrayList<>();
		for (Path whole : List.of(xls, xlsx)) {
			byte[] bytes = Files.readAllBytes(whole);
			for (int at = 0; at < bytes.length; at += 97) {
				byte[] damaged = bytes.clone();
				for (int i = at; i < Math.min(at + 8, damaged.length); i++) {
					damaged[i] = (byte) (damaged[i] ^ 0x5a);
				}
				Path file = Files.write(dir.resolve("damaged-" + at + "-" + whole.getFileName()), damaged);
				try (Spreadsheet sheet = Spreadsheet.open(file, null, null, ImportSettings.DEFAULTS)) {
					sheet.rows().forEachRemaining(row -> {
					});
				}
				catch (ImportFailure failure) {
					failures.add(failure.getMessage());
				}
			}
		}

		assertThat(failures).as("damage that makes a workbook unreadable").hasSizeGreaterThan(20)
			.allSatisfy(message -> assertThat(message).doesNotContain("null", "Exception", "java."))
			.anySatisfy(message -> assertThat(message).startsWith("the workbook could not be read: it is damaged or cut "
					+ "short").endsWith("; save it again from the program that made it, or export it as CSV"));
	}

	/** A workbook protected against changes is encrypted under Excel's default key, and reads as any other. */
	@Test
	void aWorkbookProtectedOnlyAgainstChangesIsRead() throws IOException {
		Path file = dir.resolve("read-only.xls");
		Biff8EncryptionKey.setCurrentUserPassword("VelvetSweatshop");
		try (HSSFWorkbook workbook = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = workbook.createSheet();
			sheet.createRow(0).createCell(0).setCellValue("name");
			sheet.createRow(1).createCell(0).setCellValue("王 小明");
			workbook.write(out);
		}
		finally {
			Biff8EncryptionKey.setCurrentUserPassword(null);
		}

		assertThat(read(file, null, null)).singleElement()
			.satisfies(row -> assertThat(row.values()).containsExactly(Map.entry("name", "王 小明")));
	}

	/**
	 * A workbook that claims more shared texts than any export has is refused from what it says, before the
	 * texts are read into memory.
	 */
	@Test
	void sharedStringsBeyondTheirBoundAreRefusedBeforeTheyAreRead() throws IOException {
		ByteBuffer records = ByteBuffer.allocate(4 + 16 + 4 + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
		records.putShort((short) 0x0809).putShort((short) 16).putShort((short) 0x0600).putShort((short) 5)
			.putShort((short) 0).putShort((short) 1997).putInt(0).putInt(0x0600);
		records.putShort((short) 0x00FC).putShort((short) 8).putInt(100_000_000).putInt(100_000_000);
		records.putShort((short) 0x000A).putShort((short) 0);
		Path file = compoundFile("strings.xls", "Workbook", records.array());

		assertThatThrownBy(() -> read(file, null, null)).isInstanceOf(ImportFailure.class)
			.hasMessage("the workbook holds more than " + Workbook.MAX_SHARED_CHARS + " characters of text; save the sheet "
					+ "as CSV and import that");
	}

	private Path compoundFile(String name, String stream, byte[] content) throws IOException {
		Path file = dir.resolve(name);
		try (POIFSFileSystem compound = new POIFSFileSystem(); OutputStream out = Files.newOutputStream(file)) {
			compound.createDocument(new ByteArrayInputStream(content), stream);
			compound.writeFilesystem(out);
		}
		return file;
	}

	/** WorkbookTests' member sheet, as an .xls or an .xlsx by the name's ending. */
	private Path sameSheet(String name) throws IOException {
		Path file = dir.resolve(name);
		try (org.apache.poi.ss.usermodel.Workbook workbook = name.endsWith(".xls") ? new HSSFWorkbook()
				: new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
			WorkbookTests.write(workbook, file);
		}
		return file;
	}

	private static List<SourceRow> read(Path file, String sheet, Integer headerRow) {
		List<SourceRow> rows = new ArrayList<>();
		try (LegacyWorkbook workbook = LegacyWorkbook.open(file, sheet, headerRow, ImportSettings.DEFAULTS)) {
			workbook.rows().forEachRemaining(rows::add);
		}
		return rows;
	}

}
