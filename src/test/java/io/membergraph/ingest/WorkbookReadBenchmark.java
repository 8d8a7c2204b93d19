package io.membergraph.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.membergraph.ingest.ImportJob.ImportEntity;
import io.membergraph.ingest.internal.ExportFile;
import io.membergraph.ingest.internal.ImportSettings;
import io.membergraph.ingest.internal.ImportSpec;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads an order-line log (the Online Retail log's eight columns) as an Excel workbook, as an Excel 97-2003 one (its
 * first 65,535 rows: all such a sheet holds) and as CSV, side by side in one run, in a small heap: how fast the
 * workbooks' rows come compared with the CSV reader, and that memory stays flat. Run: {@code mvn -Pbenchmark test-compile exec:exec@workbook-read -Dbenchmark.workbookRows=500000}.
 */
public final class WorkbookReadBenchmark {

	private WorkbookReadBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
		Path dir = Files.createTempDirectory("workbook-benchmark");
		Path workbook = dir.resolve("orders.xlsx");
		Path csv = dir.resolve("orders.csv");
		Path legacy = dir.resolve("orders.xls");
		write(workbook, csv, rows);
		writeLegacy(legacy, Math.min(rows, 65_535));
		System.out.printf("| file | rows | size | best of 3 | rows/s | heap after GC |%n|---|---|---|---|---|---|%n");
		for (Path file : new Path[] { csv, workbook, legacy }) {
			double best = Double.MAX_VALUE;
			long read = 0;
			for (int run = 0; run < 3; run++) {
				long started = System.nanoTime();
				read = read(file);
				best = Math.min(best, (System.nanoTime() - started) / 1e9);
			}
			System.gc();
			long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
			System.out.printf("| %s | %,d | %,d KiB | %.2f s | %,.0f | %d MiB |%n", file.getFileName(), read,
					Files.size(file) / 1024, best, read / best, heap / (1024 * 1024));
		}
		Files.delete(workbook);
		Files.delete(csv);
		Files.delete(legacy);
		Files.delete(dir);
	}

	private static long read(Path file) {
		Map<String, String> parameters = new HashMap<>();
		parameters.put("fileName", file.getFileName().toString());
		ImportSpec spec = ImportSpec.parse(ImportEntity.ORDERS, parameters, java.time.ZoneId.of("Europe/London"), "GBP");
		long count = 0;
		try (ExportFile export = ExportFile.open(file, spec, ImportSettings.DEFAULTS)) {
			while (export.hasNext()) {
				if (export.next().values().size() == 8) {
					count++;
				}
			}
		}
		return count;
	}

	/** The first rows again, in Excel 97-2003's format, cells typed as in the .xlsx. */
	private static void writeLegacy(Path file, int rows) throws IOException {
		try (org.apache.poi.hssf.usermodel.HSSFWorkbook excel = new org.apache.poi.hssf.usermodel.HSSFWorkbook();
				OutputStream out = Files.newOutputStream(file)) {
			Sheet sheet = excel.createSheet("Online Retail");
			CellStyle dateTime = excel.createCellStyle();
			dateTime.setDataFormat((short) 22);
			Row header = sheet.createRow(0);
			String[] names = { "InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
					"CustomerID", "Country" };
			for (int i = 0; i < names.length; i++) {
				header.createCell(i).setCellValue(names[i]);
			}
			for (int r = 1; r <= rows; r++) {
				Row row = sheet.createRow(r);
				row.createCell(0).setCellValue(536_365 + r / 3);
				row.createCell(1).setCellValue("85" + (r % 500) + "B");
				row.createCell(2).setCellValue("WHITE HANGING HEART T-LIGHT HOLDER " + (r % 4_000));
				row.createCell(3).setCellValue(6);
				Cell date = row.createCell(4);
				date.setCellValue(40_513.35 + r / 1_000.0);
				date.setCellStyle(dateTime);
				row.createCell(5).setCellValue(2.55);
				row.createCell(6).setCellValue(17_850 + r % 4_000);
				row.createCell(7).setCellValue("United Kingdom");
			}
			excel.write(out);
		}
	}

	/** The same rows twice: cells typed as Excel types them (numbers, a date-time), and as CSV text. */
	private static void write(Path workbook, Path csv, int rows) throws IOException {
		String[] names = { "InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID",
				"Country" };
		try (SXSSFWorkbook excel = new SXSSFWorkbook(new XSSFWorkbook(), 100, true, true);
				BufferedWriter text = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			Sheet sheet = excel.createSheet("Online Retail");
			CellStyle dateTime = excel.createCellStyle();
			dateTime.setDataFormat((short) 22);
			Row header = sheet.createRow(0);
			for (int i = 0; i < names.length; i++) {
				header.createCell(i).setCellValue(names[i]);
			}
			text.write(String.join(",", names) + "\n");
			for (int r = 1; r <= rows; r++) {
				int invoice = 536_365 + r / 3;
				String sku = "85" + (r % 500) + "B";
				String description = "WHITE HANGING HEART T-LIGHT HOLDER " + (r % 4_000);
				double serial = 40_513.35 + r / 1_000.0;
				int customer = 17_850 + r % 4_000;
				Row row = sheet.createRow(r);
				row.createCell(0).setCellValue(invoice);
				row.createCell(1).setCellValue(sku);
				row.createCell(2).setCellValue(description);
				row.createCell(3).setCellValue(6);
				Cell date = row.createCell(4);
				date.setCellValue(serial);
				date.setCellStyle(dateTime);
				row.createCell(5).setCellValue(2.55);
				row.createCell(6).setCellValue(customer);
				row.createCell(7).setCellValue("United Kingdom");
				text.write(invoice + "," + sku + "," + description + ",6," + serial + ",2.55," + customer
						+ ",United Kingdom\n");
			}
			try (OutputStream out = Files.newOutputStream(workbook)) {
				excel.write(out);
			}
			excel.dispose();
		}
	}

}
