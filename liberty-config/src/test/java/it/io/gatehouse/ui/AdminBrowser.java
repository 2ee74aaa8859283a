package it.io.gatehouse.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The distribution's headless Chromium driven through its own chromedriver, against the admin app
 * over HTTPS (the server's self-signed certificate). Nothing is downloaded: the binary and the
 * driver are given, so Selenium Manager has nothing to look for.
 */
final class AdminBrowser implements AutoCloseable {

  static final String CHROMIUM = System.getProperty("it.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("it.chromedriver", "/usr/bin/chromedriver");
  static final String BASE =
      "https://127.0.0.1:" + Integer.getInteger("it.https.port", 9443) + "/admin/";
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final Dimension LAPTOP = new Dimension(1366, 900);
  static final Dimension PHONE = new Dimension(390, 844);

  private final Path profile;
  private final String base;
  final ChromeDriver driver;

  AdminBrowser() {
    this(BASE);
  }

  /** A browser for the admin app at {@code base} (ending in /admin/). */
  AdminBrowser(String base) {
    this.base = base;
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    try {
      profile = Files.createTempDirectory("gatehouse-it-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--ignore-certificate-errors",
        "--window-size=1366,900",
        "--user-data-dir=" + profile);
    options.setAcceptInsecureCerts(true);
    // The console, to catch Content-Security-Policy violations.
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().window().setSize(LAPTOP);
  }

  /** Opens {@code page} (relative to /admin/); a login form comes first when not logged in. */
  AdminBrowser open(String page) {
    driver.get(base + page);
    return this;
  }

  /** Forgets every cookie of every site (Selenium's own call only clears the current site's). */
  void clearAllCookies() {
    driver.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
  }

  /** Opens {@code page} and logs in on the form the container shows instead. */
  AdminBrowser loginAndOpen(String user, String password, String page) {
    open(page);
    waitFor(By.id("j_username")).sendKeys(user);
    driver.findElement(By.id("j_password")).sendKeys(password);
    driver.findElement(By.id("login-submit")).click();
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(d -> !d.getCurrentUrl().contains("login.xhtml") || has(By.id("login-error")));
    return this;
  }

  /** Runs {@code script} in the page and returns its value (a promise is awaited). */
  Object js(String script, Object... args) {
    return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The console messages since the last call that report a Content-Security-Policy violation. */
  java.util.List<String> cspViolations() {
    return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
        .map(org.openqa.selenium.logging.LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
        .toList();
  }

  WebElement waitFor(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /**
   * Whether {@code by} shows {@code text} within 30 s, finding it anew on every poll: a message
   * area already on the page is replaced by the answer to a click, so an element found before the
   * answer arrives is stale (or shows the previous message) by the time it is read.
   */
  boolean shows(By by, String text) {
    try {
      // Chromium reports a node replaced during the read as stale, or as an "unknown error: Node
      // with given id does not belong to the document": either way, look again.
      return new WebDriverWait(driver, Duration.ofSeconds(30))
          .ignoring(org.openqa.selenium.WebDriverException.class)
          .until(d -> d.findElement(by).getText().contains(text));
    } catch (org.openqa.selenium.TimeoutException e) {
      return false;
    }
  }

  boolean has(By by) {
    return !driver.findElements(by).isEmpty();
  }

  /**
   * Whether {@code by} is gone (removed or hidden) within 30 s: a dialog closed by a button goes
   * after the page's round trip, not at the click.
   */
  boolean gone(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.invisibilityOfElementLocated(by));
  }

  String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Saves the page at laptop and at phone size as {@code name}-laptop.png / -phone.png. */
  void screenshots(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      for (var size : new Object[][] {{"laptop", LAPTOP}, {"phone", PHONE}}) {
        driver.manage().window().setSize((Dimension) size[1]);
        Thread.sleep(300);
        byte[] png =
            ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + "-" + size[0] + ".png"), png);
      }
      driver.manage().window().setSize(LAPTOP);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a leftover temporary profile is harmless
      }
    }
  }
}
