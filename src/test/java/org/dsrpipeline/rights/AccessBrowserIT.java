package org.dsrpipeline.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.support.Chromium;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.dsrpipeline.workflow.PackageProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A requester's whole access request in a real browser, on the Greek pages: file it in the portal, confirm it
 * from the email, watch the status page, and download the package from the link the status page shows. The DPO's
 * steps are taken through the engine REST API meanwhile.
 */
class AccessBrowserIT extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired DataSubjectRequestRepository requests;

  private DemoStoreRows stores;
  private Chromium chromium;

  @BeforeEach
  void start() {
    chromium = Chromium.start();
    stores = new DemoStoreRows();
    DsrApi.ensureUsers(identity);
  }

  @AfterEach
  void stop() {
    if (stores != null) {
      stores.close();
    }
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void aGreekRequesterFilesConfirmsWatchesAndDownloadsTheirPackage() throws Exception {
    var subject = AccessIT.subject(stores, "exists (select 1 from accounts.invoice i where i.customer_id = c.id)");
    var browser = chromium.driver();
    browser.get("http://localhost:" + port + "/?lang=el");
    chromium.click(browser.findElement(By.cssSelector("#right-ACCESS summary")));
    chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("ACCESS-email")));
    browser.findElement(By.id("ACCESS-email")).sendKeys(subject.email());
    browser.findElement(By.id("ACCESS-submit")).click();
    chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("status-link")));
    var reference = browser.findElement(By.id("reference")).getText();
    var statusUrl = "http://localhost:" + port + java.net.URI.create(
        browser.findElement(By.id("status-link")).getDomAttribute("href")).getRawPath();

    var confirm = await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(subject.email()).stream()
        .filter(m -> Mails.body(m).contains("/verify/")).findFirst(), java.util.Optional::isPresent).orElseThrow();
    browser.get("http://localhost:" + port + Mails.linkPath(confirm, "/verify/"));
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    await().atMost(Duration.ofSeconds(20)).until(
        () -> requests.findByReference(reference).orElseThrow().identityVerifiedAt() != null);
    browser.get(statusUrl);
    assertThat(chromium.text()).contains("Η ταυτότητά σας επιβεβαιώθηκε.");
    chromium.screenshot("access-el-status-confirmed");

    var flow = new RightsFlow(http, tasks, () -> mailsTo(subject.email()));
    flow.api().completeOk("dpo", flow.api().awaitTask(reference, "Task_ReviewRequest"), Map.of("decision", "proceed"));
    flow.answerManualAction(reference, "EXPORT");
    var review = await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(reference).taskDefinitionKey(PackageProcess.TASK_REVIEW_ACCESS_PACKAGE)
        .singleResult(), Objects::nonNull);
    flow.api().completeOk("dpo", review, Map.of(PackageProcess.PACKAGE_APPROVED, true));
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      browser.get(statusUrl);
      return !browser.findElements(By.id("download")).isEmpty();
    });
    assertThat(chromium.text()).contains("Τα δεδομένα σας είναι έτοιμα");
    chromium.screenshot("access-el-status-ready");

    // the link is on the public address (dsr.organisation.public-base-url); the test's server has its own port
    browser.get("http://localhost:" + port + java.net.URI.create(
        browser.findElement(By.cssSelector("#download a")).getDomAttribute("href")).getRawPath());
    chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
    var downloads = Files.createTempDirectory("dsr-downloads");
    chromium.downloadsTo(downloads);
    browser.findElement(By.id("email")).sendKeys(subject.email());
    browser.findElement(By.cssSelector("form button[type=submit]")).click();

    var zip = await().atMost(Duration.ofSeconds(30)).until(() -> {
      try (var files = Files.list(downloads)) {
        return files.filter(f -> f.toString().endsWith(".zip")).findFirst();
      }
    }, java.util.Optional::isPresent).orElseThrow();
    var names = new java.util.ArrayList<String>();
    try (var in = new ZipInputStream(Files.newInputStream(zip))) {
      for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        names.add(entry.getName());
      }
    }
    assertThat(names).contains("data.json", "report.html");
  }
}
