package io.membergraph.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its own chromedriver (nothing is downloaded). Tests using it skip with
 * a clear message where either is missing: {@code apt-get install -y chromium chromium-driver} provides them.
 */
public final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getProperty("membergraph.test.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("membergraph.test.chromedriver", "/usr/bin/chromedriver"));

	private final ChromeDriver driver;

	private final Path profile;

	private final String baseUrl;

	private Browser(ChromeDriver driver, Path profile, String baseUrl) {
		this.driver = driver;
		this.profile = profile;
		this.baseUrl = baseUrl;
	}

	public static void assumeInstalled() {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"no headless Chromium here (" + CHROMIUM + ", " + CHROMEDRIVER
						+ "): apt-get install -y chromium chromium-driver to run the console's browser tests");
	}

	public static Browser open(int port) throws IOException {
		assumeInstalled();
		Path profile = Files.createTempDirectory("membergraph-chromium");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
					"--window-size=1440,900", "--lang=en-US", "--user-data-dir=" + profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new Browser(new ChromeDriver(service, options), profile, "http://localhost:" + port);
	}

	public WebDriver driver() {
		return driver;
	}

	public void go(String path) {
		driver.get(baseUrl + path);
	}

	public WebElement waitFor(String css) {
		return waiting().withMessage(() -> "the page's errors: " + all(".error").stream().map(WebElement::getText)
				.filter(text -> !text.isBlank()).toList())
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
	}

	public void waitUntilText(String css, String text) {
		waiting().withMessage(() -> "the page's errors: " + all(".error").stream().map(WebElement::getText)
				.filter(shown -> !shown.isBlank()).toList())
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
	}

	/** Looks every 50 ms (Selenium's default is 500 ms, too coarse to time a page with). */
	public WebDriverWait waiting() {
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
		wait.pollingEvery(Duration.ofMillis(50));
		// An element seen while the page redraws may be gone the next moment: look again rather than fail.
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
		return wait;
	}

	public List<WebElement> all(String css) {
		return driver.findElements(By.cssSelector(css));
	}

	public void signIn(String username, String password) {
		signInForm(username, password).click();
		// Either the navigation or the form's own error: a failure then names what the page said, not a missing link.
		waiting().withMessage(() -> "no answer to signing in as " + username + "; the page says: "
				+ driver.findElement(By.tagName("body")).getText())
			.until(page -> !all("#nav a").isEmpty() || all(".signin .error").stream().anyMatch(e -> !e.getText().isBlank()));
	}

	/** A fresh sign-in page with the form filled in; the answer is its button, not yet clicked. */
	public WebElement signInForm(String username, String password) {
		// From "/console/#/page", "/console/" may be taken as a move within the same page: a blank page first makes
		// it a fresh load, so no earlier page's script redraws the form while this one is typed into.
		driver.get("about:blank");
		go("/console/");
		waitFor("input[name=username]").sendKeys(username);
		driver.findElement(By.cssSelector("input[name=password]")).sendKeys(password);
		return driver.findElement(By.cssSelector(".signin button[type=submit]"));
	}

	public void signOutIfSignedIn() {
		List<WebElement> signOut = driver.findElements(By.id("sign-out"));
		if (!signOut.isEmpty() && signOut.get(0).isDisplayed()) {
			signOut.get(0).click();
		}
	}

	/** Errors the pages wrote to the browser's console since the last call (failed requests included). */
	public List<String> consoleErrors() {
		return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	public void screenshot(String name) throws IOException {
		screenshot(Path.of("target/console-screenshots"), name);
	}

	public void screenshot(Path folder, String name) throws IOException {
		Path target = folder.resolve(name + ".png");
		Files.createDirectories(target.getParent());
		Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
	}

	@Override
	public void close() throws IOException {
		driver.quit();
		try (var files = Files.walk(profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

}
