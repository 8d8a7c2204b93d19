package io.membergraph.prediction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The published fits on the CDNOW sample (see {@link CdnowPublishedFitTests}), reached the way a brand would reach
 * them: the purchase log loaded through the order import as it is written (customer, day, units, amount; no order
 * number, no member file), each customer registered by the import, then {@code fitPredictionModels} through the API.
 * Every step between the file and the model (reading, cleaning, orders per customer and day, the purchase rollups
 * the fit reads, days in the business time zone) must keep the published figures.
 * <p>
 * In a database of its own, as a brand's would be: a fit reads every member's purchases, and the sample's 2,357
 * customers would crowd the other tests' members out of their fits and risk lists (and theirs into this fit). The
 * import writes in batches of the service's default size.
 */
@TestPropertySource(properties = { "membergraph.store.embedded-database=cdnow", "membergraph.import.batch-rows=20000",
		"membergraph.import.order-window=100000" })
class CdnowThroughTheImportTests extends ApplicationTest {

	private static final String MAPPING = """
			{"orderNumber": {"columns": ["customer", "day"]}, "memberExternalId": "customer", "channel": {"value": "WEB"},
			 "placedAt": "day", "paidAt": {"sameAs": "placedAt"}, "sku": {"value": "CD"}, "quantity": "cds",
			 "lineAmount": "dollars"}""";

	@Test
	void theSampleLoadedThroughTheImportFitsToThePublishedParameters() throws IOException, InterruptedException {
		String job = startImport("orders", "crm", sample(), Map.of("mapping", MAPPING,
				"columns", "customer,sample,day,cds,dollars", "delimiter", "whitespace", "dateFormat", "yyyyMMdd",
				"unknownMembers", "REGISTER", "zone", "America/New_York", "currency", "USD"));
		GraphQlTester.Response done = finished(job);
		done.path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(6_919)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);

		GraphQlTester.Response fit = as("crm").document("""
				mutation { fitPredictionModels(input: {calibrationEnd: "1997-09-30"}) { model {
				  customers repeatBuyers bgNbd { r alpha a b } bgNbdFit { logLikelihood } gammaGamma { p q gamma } }
				  errors { code } } }""").execute();

		fit.path("fitPredictionModels.model.customers").entity(Integer.class).isEqualTo(2_357)
			.path("fitPredictionModels.model.repeatBuyers").entity(Integer.class).isEqualTo(946);
		fit.path("fitPredictionModels.model.bgNbd").entity(Map.class).satisfies(bgNbd -> {
			assertThat(number(bgNbd, "r")).isCloseTo(0.243, within(0.0005));
			assertThat(number(bgNbd, "alpha")).isCloseTo(4.414, within(0.0005));
			assertThat(number(bgNbd, "a")).isCloseTo(0.793, within(0.0005));
			assertThat(number(bgNbd, "b")).isCloseTo(2.426, within(0.0005));
		});
		fit.path("fitPredictionModels.model.bgNbdFit.logLikelihood").entity(Double.class)
			.satisfies(ll -> assertThat(ll).isCloseTo(-9582.4, within(0.05)));
		fit.path("fitPredictionModels.model.gammaGamma").entity(Map.class).satisfies(gammaGamma -> {
			assertThat(number(gammaGamma, "p")).isCloseTo(6.25, within(0.005));
			assertThat(number(gammaGamma, "q")).isCloseTo(3.74, within(0.005));
			assertThat(number(gammaGamma, "gamma")).isCloseTo(15.44, within(0.005));
		});
	}

	/** The sample as its file writes it: space-aligned columns, CRLF, no header. */
	private static String sample() throws IOException {
		try (InputStream in = Cdnow.class.getResourceAsStream("/cdnow/CDNOW_sample.txt")) {
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

	private GraphQlTester.Response finished(String job) throws InterruptedException {
		for (int attempt = 0; attempt < 600; attempt++) {
			GraphQlTester.Response response = as("crm").documentName("importJob").variable("id", job).execute();
			if (!"RUNNING".equals(response.path("importJob.status").entity(String.class).get())) {
				return response;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the import of the CDNOW sample did not finish in a minute");
	}

	private static double number(Map<?, ?> values, String name) {
		return ((Number) values.get(name)).doubleValue();
	}

}
