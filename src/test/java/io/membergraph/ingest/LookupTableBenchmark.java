package io.membergraph.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import io.membergraph.ingest.ImportJob.ImportEntity;
import io.membergraph.ingest.internal.ExportFile;
import io.membergraph.ingest.internal.ImportFields;
import io.membergraph.ingest.internal.ImportSettings;
import io.membergraph.ingest.internal.ImportSpec;
import io.membergraph.ingest.internal.LookupTable;

/**
 * What a lookup file costs: an orders file in Olist's shape (eight columns, 32-character ids) of the given rows, read
 * as a lookup keyed by {@code order_id} with the four columns the docs' mapping reads kept. Prints the heap the table
 * holds (live bytes after a full collection, before and after) and how long it took to read, next to reading
 * the same file through without holding anything. Run: {@code mvn
 * -Pbenchmark test-compile exec:exec@lookup-table -Dbenchmark.lookupRows=1000000}.
 */
public final class LookupTableBenchmark {

	private static final String MAPPING = "{\"orderNumber\":\"order_id\",\"memberExternalId\":\"customer_id\","
			+ "\"placedAt\":\"order_purchase_timestamp\",\"paidAt\":\"order_approved_at\",\"status\":\"order_status\","
			+ "\"sku\":\"product_id\",\"unitPrice\":\"price\"}";

	private LookupTableBenchmark() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		int rows = Integer.parseInt(args[0]);
		Path directory = Files.createTempDirectory("lookup-benchmark");
		Path orders = directory.resolve("orders.csv");
		Random random = new Random(1);
		try (BufferedWriter out = Files.newBufferedWriter(orders)) {
			out.write("order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,"
					+ "order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date\n");
			for (int i = 0; i < rows; i++) {
				out.write("%032x,%032x,delivered,2017-10-02 10:%02d:%02d,2017-10-02 11:07:15,2017-10-04 19:55:00,"
					.formatted(i * 7919L, random.nextLong(), i / 60 % 60, i % 60) + "2017-10-10 21:25:13,2017-10-18 00:00:00\n");
			}
		}
		ImportSpec spec = ImportSpec.parse(ImportEntity.ORDERS, new HashMap<>(Map.of("fileName", "order_items.csv",
				"joinOn", "order_id", "mapping", MAPPING)), ZoneId.of("America/Sao_Paulo"), "BRL");
		ImportSettings settings = new ImportSettings(20_000, 100_000, ImportSettings.DEFAULTS.maxUpload(),
				ImportSettings.DEFAULTS.maxExpanded(), 200, 1_048_576, 4, 2, ImportSettings.DEFAULTS.progressEvery(), 100,
				Math.max(rows, 1));
		// The reference: the same file read through, nothing held.
		long reading = System.nanoTime();
		long read = 0;
		try (ExportFile plain = ExportFile.open(orders, spec.forLookup("orders.csv"), settings)) {
			while (plain.hasNext()) {
				read += plain.next().values().size();
			}
		}
		long readMillis = (System.nanoTime() - reading) / 1_000_000;
		long before = live();
		long started = System.nanoTime();
		LookupTable table = LookupTable.read(new LookupTable.File(orders, "orders.csv"), "order_id",
				spec.mapping().columnsRead(ImportFields.of(spec.entity())), spec, settings);
		long millis = (System.nanoTime() - started) / 1_000_000;
		long held = live() - before;
		System.out.printf("lookup of %,d rows (file %,d MiB), key and %d columns kept %s: %,d bytes a row (%,d MiB), "
				+ "read in %,d ms; the file read through holding nothing: %,d ms (%,d values)%n", rows,
				Files.size(orders) >> 20, table.kept().size(), table.kept(), held / rows, held >> 20, millis, readMillis, read);
		Files.delete(orders);
		Files.delete(directory);
	}

	private static long live() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
