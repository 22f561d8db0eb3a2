package org.dsrpipeline.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.dsrpipeline.support.Chromium;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A requester in a real browser: files each right from the portal, confirms from the email and watches
 * the status page change (its answer is ObjectionIT's), in English and in Greek. Screenshots under target/screenshots/.
 */
class PortalBrowserIT extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired DataSubjectRequestRepository requests;

  private Chromium chromium;

  @BeforeEach
  void startBrowser() {
    chromium = Chromium.start();
  }

  @AfterEach
  void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void eachRightIsFiledFromItsFormAndAnsweredWithItsReference() {
    for (var right : PortalController.RIGHTS) {
      chromium.driver().get("http://localhost:" + port + "/");
      var email = unique();
      openAndFill(right, email);
      if (right.equals("RECTIFICATION")) {
        new org.openqa.selenium.support.ui.Select(chromium.driver().findElement(By.id("correctionField0")))
            .selectByValue("full_name");
        chromium.driver().findElement(By.id("correctionValue0")).sendKeys("Maria Papadopoulou");
      }
      chromium.driver().findElement(By.id(right + "-submit")).click();

      chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("reference")));
      var request = requests.findByEmailIgnoreCaseOrderByReceivedAtDesc(email).get(0);
      assertThat(request.type()).hasToString(right);
      assertThat(chromium.driver().findElement(By.id("reference")).getText()).isEqualTo(request.reference());
      assertThat(chromium.text()).contains("We have received your request", "Check your email");
      chromium.screenshot("portal-filed-" + right.toLowerCase());
    }
  }

  @Test
  void aMistakeIsShownNextToItsFieldAndNothingIsFiled() {
    chromium.driver().get("http://localhost:" + port + "/");
    openAndFill("ERASURE", "not-an-email");
    chromium.driver().findElement(By.id("ERASURE-submit")).click();

    chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("error-summary")));
    assertThat(chromium.driver().findElement(By.id("ERASURE-email-error")).getText())
        .isEqualTo("must be a valid email address");
    assertThat(chromium.driver().findElement(By.id("ERASURE-email")).getDomProperty("value")).isEqualTo("not-an-email");
    assertThat(requests.findByEmailIgnoreCaseOrderByReceivedAtDesc("not-an-email")).isEmpty();
    chromium.screenshot("portal-error");
  }

  @Test
  void aGreekRequesterFilesConfirmsFromTheEmailAndWatchesTheStatusChange() {
    chromium.driver().get("http://localhost:" + port + "/");
    chromium.driver().findElement(By.linkText("Ελληνικά")).click();
    chromium.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "δικαιώματά σας"));
    chromium.screenshot("portal-el");
    var email = unique();
    openAndFill("OBJECTION", email);
    chromium.driver().findElement(By.id("OBJECTION-submit")).click();
    chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("status-link")));
    assertThat(chromium.text()).contains("Λάβαμε το αίτημά σας", "δικαίωμα εναντίωσης");
    var reference = chromium.driver().findElement(By.id("reference")).getText();
    // the link is on the public address (dsr.organisation.public-base-url); the test's server has its own port
    var statusUrl = "http://localhost:" + port + java.net.URI.create(
        chromium.driver().findElement(By.id("status-link")).getDomAttribute("href")).getRawPath();

    chromium.driver().get(statusUrl);
    assertThat(chromium.text()).contains(reference, "Αναμένουμε την επιβεβαίωση");
    chromium.screenshot("status-el-awaiting");

    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).stream().anyMatch(m -> Mails.body(m).contains("/verify/")));
    var link = Mails.linkPath(mailsTo(email).stream().filter(m -> Mails.body(m).contains("/verify/")).findFirst()
        .orElseThrow(), "/verify/");
    chromium.driver().get("http://localhost:" + port + link);
    chromium.driver().findElement(By.cssSelector("form button[type=submit]")).click();
    chromium.waiting().until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));

    await().atMost(Duration.ofSeconds(20)).until(
        () -> requests.findByReference(reference).orElseThrow().identityVerifiedAt() != null);
    chromium.driver().get(statusUrl);
    assertThat(chromium.text()).contains(reference, "Η ταυτότητά σας επιβεβαιώθηκε.")
        .doesNotContain("Αναμένουμε την επιβεβαίωση");
    chromium.screenshot("status-el-confirmed");
  }

  private void openAndFill(String right, String email) {
    chromium.click(chromium.driver().findElement(By.cssSelector("#right-" + right + " summary")));
    chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id(right + "-email")));
    chromium.driver().findElement(By.id(right + "-email")).sendKeys(email);
  }

  private static String unique() {
    return "portal-browser-" + UUID.randomUUID() + "@example.org";
  }
}
