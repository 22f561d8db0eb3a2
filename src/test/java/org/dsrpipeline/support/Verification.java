package org.dsrpipeline.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Confirms an identity link as a requester does: open the link (GET), then press the button (POST its form). */
public final class Verification {

  private static final Pattern NONCE = Pattern.compile("name=\"nonce\" value=\"([^\"]+)\"");

  private Verification() {
  }

  /** Opens the link, checks it offers the button, and presses it: the answer of the POST. */
  public static ResponseEntity<String> confirm(TestRestTemplate http, String link) {
    return press(http, link, nonceOf(open(http, link)));
  }

  /** The confirmation page of a pending link (200 and a form). */
  public static ResponseEntity<String> open(TestRestTemplate http, String link) {
    var page = http.getForEntity(link, String.class);
    assertThat(page.getStatusCode()).as("GET " + link).isEqualTo(HttpStatus.OK);
    return page;
  }

  public static String nonceOf(ResponseEntity<String> page) {
    var matcher = NONCE.matcher(page.getBody() == null ? "" : page.getBody());
    assertThat(matcher.find()).as("the confirmation page has a form with a nonce").isTrue();
    return matcher.group(1);
  }

  /** The button's POST, with the given nonce (null for none). */
  public static ResponseEntity<String> press(TestRestTemplate http, String link, String nonce) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return http.postForEntity(link, new HttpEntity<>(nonce == null ? "" : "nonce=" + nonce, headers), String.class);
  }
}
