package io.membergraph.prediction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.prediction.internal.PurchaseSummaries.Purchase;

/**
 * The CDNOW sample (src/test/resources/cdnow, see its README): 6,919 purchases of 2,357 customers, read raw.
 */
public final class Cdnow {

	public static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

	static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);

	private Cdnow() {
	}

	/** Every purchase of the sample: {@code master_id sample_id YYYYMMDD cds dollars}, whitespace-separated. */
	public static List<Purchase> sample() {
		List<Purchase> purchases = new ArrayList<>();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(
				Cdnow.class.getResourceAsStream("/cdnow/CDNOW_sample.txt"), StandardCharsets.US_ASCII))) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				String[] fields = line.strip().split("\\s+");
				if (fields.length == 5) {
					purchases.add(new Purchase(fields[1], LocalDate.parse(fields[2], DateTimeFormatter.BASIC_ISO_DATE),
							Double.parseDouble(fields[4])));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return purchases;
	}

}
