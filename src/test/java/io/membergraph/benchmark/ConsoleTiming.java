package io.membergraph.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.MemberGraphApplication;
import io.membergraph.console.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long each console page takes to show its first figures on the demo data, in headless Chromium: the
 * application starts as {@code mvn spring-boot:run} starts it (embedded store, demo data, views warmed before
 * ready), then for each page, three times: from the click (sign-in, or the page's link) to its first chart or
 * first content visible. Prints a table for BENCHMARKS.md and leaves a 1440×900 screenshot of each page in the
 * folder given (default target/console-screenshots).
 *
 * <p>{@code mvn -Pbenchmark test-compile exec:exec@console-timing}
 */
public final class ConsoleTiming {

	private record Page(String title, String user, String link, String firstContent) {
	}

	private static final List<Page> PAGES = List.of(
			new Page("overview (after sign-in)", "marketer", null, "[data-card=rfm] canvas"),
			new Page("retention", "marketer", "retention", "[data-card=cohorts] canvas"),
			new Page("funnel", "marketer", "funnel", "[data-card=funnel-0] canvas"),
			new Page("segments", "marketer", "segments", "[data-card^=segment-] canvas, textarea[name=query]"),
			new Page("campaigns", "marketer", "campaigns", "[data-role=campaigns] tbody tr"),
			new Page("members (CRM)", "crm", "members", "input[name=phone]"));

	private ConsoleTiming() {
	}

	public static void main(String[] args) throws Exception {
		Path screenshots = Path.of(args.length > 0 ? args[0] : "target/console-screenshots");
		long start = System.nanoTime();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MemberGraphApplication.class)
			.run("--server.port=0");
		System.out.printf("application ready with demo data in %.1f s%n", (System.nanoTime() - start) / 1e9);
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		Map<String, List<Double>> seconds = new LinkedHashMap<>();
		try (Browser browser = Browser.open(port)) {
			for (int run = 0; run < 3; run++) {
				for (Page page : PAGES) {
					browser.signOutIfSignedIn();
					WebElement signIn = browser.signInForm(page.user(), "demo");
					long clicked = System.nanoTime();
					signIn.click();
					if (page.link() != null) {
						browser.waitFor("a[data-page=" + page.link() + "]");
						// The overview, where a sign-in lands, first finishes: the click measures the page's own time.
						if (!browser.all("a[data-page=overview]").isEmpty()) {
							browser.waitFor("[data-card=churnBands]");
						}
						clicked = System.nanoTime();
						browser.driver().findElement(By.cssSelector("a[data-page=" + page.link() + "]")).click();
					}
					browser.waitFor(page.firstContent());
					seconds.computeIfAbsent(page.title(), key -> new ArrayList<>()).add((System.nanoTime() - clicked) / 1e9);
					if (run == 0) {
						if ("segments".equals(page.link())) {
							browser.waitFor("textarea[name=query]").sendKeys(
									"orders(count >= 3, since -180d) AND NOT orders(since -60d) AND consent.sms = true");
							new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(20))
								.until(driver -> !browser.waitFor("[data-role=live-count]").getText().equals("—"));
						}
						Thread.sleep(500); // let the remaining charts draw for the picture
						browser.screenshot(screenshots, page.link() == null ? "overview" : page.link());
					}
				}
			}
		}
		finally {
			context.close();
		}
		System.out.printf("%n| page | first figures shown, three runs |%n|---|---|%n");
		seconds.forEach((page, runs) -> System.out.printf("| %s | %s |%n", page,
				String.join(", ", runs.stream().map(s -> String.format("%.2f s", s)).toList())));
		// The driver service and the application's schedulers leave threads behind that would keep the JVM alive.
		System.exit(0);
	}

}
