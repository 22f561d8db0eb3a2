package org.dsrpipeline.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for the browser tests, with the flags this closed network needs. Without
 * chromium and chromium-driver the test is skipped, except under {@code CI=true}, where it fails.
 * Screenshots go to {@code target/screenshots/} as test artefacts.
 */
public final class Chromium implements AutoCloseable {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private final ChromeDriver driver;

  private Chromium(ChromeDriver driver) {
    this.driver = driver;
  }

  public static Chromium start() {
    boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    if (!"true".equalsIgnoreCase(System.getenv("CI"))) {
      Assumptions.assumeTrue(present, "chromium and chromium-driver are not installed");
    }
    try {
      var profile = Files.createTempDirectory("dsr-it-chromium");
      var options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--disable-quic", "--window-size=1400,1000", "--user-data-dir=" + profile);
      var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
      return new Chromium(new ChromeDriver(service, options));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  public WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /**
   * Types through the browser's text input. Chromium 156 headless drops WebDriver's synthetic key and
   * mouse events on Tasklist's pages (they work on a plain page), while {@code Input.insertText} and
   * DOM clicks go through the page's own event handling.
   */
  public boolean typed(By field, String text) {
    var element = driver.findElement(field);
    if (!text.equals(element.getDomProperty("value"))) {
      driver.executeScript("arguments[0].focus(); arguments[0].select();", element);
      driver.executeCdpCommand("Input.insertText", Map.of("text", text));
    }
    return text.equals(driver.findElement(field).getDomProperty("value"));
  }

  /** Sets a form-js field's value the way its own input handler reads it: the value, then an input event. */
  public void filled(By field, String text) {
    driver.executeScript("arguments[0].focus(); arguments[0].value = arguments[1];"
        + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        + " arguments[0].dispatchEvent(new Event('change', {bubbles: true})); arguments[0].blur();",
        driver.findElement(field), text);
  }

  public void click(WebElement element) {
    driver.executeScript("arguments[0].click();", element);
  }

  /** Lets the page download files, into {@code folder}, without asking. */
  public void downloadsTo(Path folder) {
    driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
        "downloadPath", folder.toAbsolutePath().toString()));
  }

  public void screenshot(String name) {
    try {
      Files.createDirectories(Path.of("target", "screenshots"));
      Files.write(Path.of("target", "screenshots", name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
