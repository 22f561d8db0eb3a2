package org.dsrpipeline.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.dsrpipeline.support.Chromium;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The requester's view in a real browser: the link shows the request, the button confirms. A
 * browser's own POST carries Origin and Sec-Fetch-Site headers, which the service checks. Needs
 * Debian's chromium and chromium-driver (installed by .ci/run); skipped without them, except under CI.
 */
class VerificationBrowserIT extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired DataSubjectRequestRepository requests;

  @Test
  void theRequesterOpensTheLinkAndPressesTheButton() throws Exception {
    var email = RequestLifecycleIT.uniqueEmail();
    var filed = http.exchange("/api/requests", HttpMethod.POST, json(Map.of("type", "ERASURE", "email", email)),
        RequestLifecycleIT.MAP);
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    var reference = (String) filed.getBody().get("reference");
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).stream().anyMatch(m -> Mails.body(m).contains("/verify/")));
    var link = Mails.linkPath(mailsTo(email).stream().filter(m -> Mails.body(m).contains("/verify/")).findFirst()
        .orElseThrow(), "/verify/");

    try (var chromium = Chromium.start()) {
      var browser = chromium.driver();
      browser.get("http://localhost:" + port + link);
      assertThat(browser.findElement(By.tagName("main")).getText()).contains(reference, "erasure of your personal data");
      assertThat(requests.findByReference(reference).orElseThrow().identityVerifiedAt()).isNull();

      browser.findElement(By.cssSelector("form button[type=submit]")).click();

      new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
          By.tagName("h1"), "your request is confirmed"));
      assertThat(requests.findByReference(reference).orElseThrow().identityVerifiedAt()).isNotNull();
    }
  }
}
