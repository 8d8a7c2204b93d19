package io.membergraph.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.MemberGraphApplication;
import io.membergraph.console.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long each console page takes to show its first figures on the demo data, in headless Chromium: the
 * application starts as {@code mvn spring-boot:run} starts it (embedded store, demo data, views warmed before
 * ready), then for each page, three times: from the click (sign-in, or the page's link) to its first chart or
 * first content visible, as the page itself times it and as Selenium sees it. Prints a table for BENCHMARKS.md and leaves a 1440×900 screenshot of each page in the
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

	/**
	 * Has the page note when the next click happens (the event's own time) and when the content first appears on
	 * screen (the frame after it is in the page): the page's time, without the driver's own delays in delivering
	 * the click (about 0.2 s here) and in noticing the content while the page is busy drawing.
	 */
	private static void watchInPage(Browser browser, String css) {
		((JavascriptExecutor) browser.driver()).executeScript("""
				const css = arguments[0];
				const timing = window.consoleTiming = {};
				document.addEventListener('click', (event) => { timing.clicked = event.timeStamp; }, { capture: true, once: true });
				new MutationObserver((changes, observer) => {
				  if (timing.clicked === undefined || !document.querySelector(css)) return;
				  observer.disconnect();
				  requestAnimationFrame(() => { timing.shown = performance.now(); });
				}).observe(document, { subtree: true, childList: true });""", css);
	}

	private static double inPage(Browser browser) {
		JavascriptExecutor page = (JavascriptExecutor) browser.driver();
		new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
			.until(driver -> page.executeScript("return window.consoleTiming.shown !== undefined"));
		return ((Number) page.executeScript("return (window.consoleTiming.shown - window.consoleTiming.clicked) / 1000"))
			.doubleValue();
	}

	public static void main(String[] args) throws Exception {
		Path screenshots = Path.of(args.length > 0 ? args[0] : "target/console-screenshots");
		long start = System.nanoTime();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MemberGraphApplication.class)
			.run("--server.port=0");
		System.out.printf("application ready with demo data in %.1f s%n", (System.nanoTime() - start) / 1e9);
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		Map<String, List<String>> seconds = new LinkedHashMap<>();
		try (Browser browser = Browser.open(port)) {
			for (int run = 0; run < 3; run++) {
				for (Page page : PAGES) {
					browser.signOutIfSignedIn();
					WebElement signIn = browser.signInForm(page.user(), "demo");
					WebElement clickOn = signIn;
					if (page.link() != null) {
						signIn.click();
						browser.waitFor("a[data-page=" + page.link() + "]");
						// The overview, where a sign-in lands, first finishes: the click measures the page's own time.
						if (!browser.all("a[data-page=overview]").isEmpty()) {
							browser.waitFor("[data-card=churnBands]");
						}
						clickOn = browser.driver().findElement(By.cssSelector("a[data-page=" + page.link() + "]"));
					}
					watchInPage(browser, page.firstContent());
					long clicked = System.nanoTime();
					clickOn.click();
					browser.waitFor(page.firstContent());
					double outside = (System.nanoTime() - clicked) / 1e9;
					seconds.computeIfAbsent(page.title(), key -> new ArrayList<>())
						.add(String.format("%.2f s (%.2f s)", inPage(browser), outside));
					if (run == 0) {
						if ("segments".equals(page.link())) {
							browser.waitFor("textarea[name=query]").sendKeys(
									"orders(count >= 3, since -180d) AND NOT orders(since -60d) AND consent.sms = true");
							new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
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
		System.out.printf("%n| page | first figures shown, three runs: in the page (as Selenium sees it) |%n|---|---|%n");
		seconds.forEach((page, runs) -> System.out.printf("| %s | %s |%n", page, String.join(", ", runs)));
		// The driver service and the application's schedulers leave threads behind that would keep the JVM alive.
		System.exit(0);
	}

}
