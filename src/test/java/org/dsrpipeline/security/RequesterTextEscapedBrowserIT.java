package org.dsrpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dsrpipeline.support.Chromium;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

/**
 * Text a requester typed (details, a correction's field and value) reaches the DPO's request page, the status page
 * and the emails only as text: in a real browser the markup shows as characters, no element of it exists and no
 * script of it runs.
 */
class RequesterTextEscapedBrowserIT extends IntegrationTest {

  private static final String DETAILS = "<script>document.title='pwned'</script><b id=\"injected\">bold</b>";
  private static final String FIELD = "<i id=\"injected-field\">full_name</i>";
  private static final String VALUE = "<img id=\"injected-img\" src=\"x\" onerror=\"document.title='pwned'\">";

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired StatusLinks links;

  private Chromium chromium;

  @BeforeEach
  void start() {
    chromium = Chromium.start();
  }

  @AfterEach
  void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void markupFromTheRequesterShowsAsTextAndNeverRuns() {
    var email = DsrApi.uniqueEmail();
    var filed = http.postForEntity("/api/requests", Map.of("type", "RECTIFICATION", "email", email, "details", DETAILS,
        "corrections", List.of(Map.of("field", FIELD, "value", VALUE))), Map.class);
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    var reference = (String) filed.getBody().get("reference");
    var browser = chromium.driver();

    browser.get("http://dpo:dpo@localhost:" + port + "/dpo/requests/" + reference);
    assertThat(chromium.text()).contains(DETAILS, FIELD + ": " + VALUE);
    assertNothingInjected();
    chromium.screenshot("escaped-dpo-request-page");

    browser.get("http://localhost:" + port + "/status/" + links.tokenFor(reference));
    assertThat(browser.findElement(By.tagName("main")).getText()).contains(reference);
    assertNothingInjected();

    await().atMost(Duration.ofSeconds(20)).until(() -> !mailsTo(email).isEmpty());
    for (var mail : mailsTo(email)) {
      assertThat(Mails.body(mail)).doesNotContain("<script", "<img id=\"injected-img\"", "<b id=\"injected\"",
          "<i id=\"injected-field\"");
    }
  }

  private void assertNothingInjected() {
    var browser = chromium.driver();
    assertThat(browser.getTitle()).doesNotContain("pwned");
    assertThat(browser.findElements(By.id("injected"))).isEmpty();
    assertThat(browser.findElements(By.id("injected-img"))).isEmpty();
    assertThat(browser.findElements(By.id("injected-field"))).isEmpty();
  }
}
