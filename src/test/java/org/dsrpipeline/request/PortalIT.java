package org.dsrpipeline.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The portal's forms file requests through the intake's own checks: its messages, and nothing stored on a refusal. */
class PortalIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSubjectRequestRepository requests;

  @Test
  void thePortalExplainsEachRightInEnglishAndGreekWithAFormForEach() {
    var en = http.getForEntity("/", String.class);
    assertThat(en.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(en.getBody()).contains("Your privacy rights", "right of access", "right to rectification",
        "right to erasure", "right to restriction", "right to object", "right to data portability",
        "within <strong>one month</strong>", "href=\"/?lang=el\"");
    assertThat(count(en.getBody(), "<form method=\"post\" action=\"/requests\"")).isEqualTo(6);
    assertThat(count(en.getBody(), "<label for=\"ERASURE-email\">")).isOne();
    assertThat(en.getBody()).contains("value=\"full_name\"", "name=\"scope\" value=\"PROCESSING\"", "name=\"transmitTo\"");
    var el = http.getForEntity("/?lang=el", String.class);
    assertThat(el.getBody()).contains("lang=\"el\"", "δικαίωμα διαγραφής", "Αποστολή του αιτήματός μου",
        "href=\"/?lang=en\"");
  }

  @Test
  void aRefusedFormShowsTheApisMessagesKeepsWhatWasTypedAndStoresNothing() {
    var before = jdbc.queryForObject("select count(*) from dsr_request", Long.class);
    var form = form("ERASURE", "not-an-email");
    form.add("phone", "6912345678");
    form.set("fullName", "Maria <b>Papadopoulou</b>");

    var page = post(form, null);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(page.getBody()).contains("Your request was not sent", "must be a valid email address",
        "must be a phone number with its country code, such as +30 691 234 5678",
        "may contain only letters, spaces and the punctuation", "value=\"not-an-email\"",
        "Maria &lt;b&gt;Papadopoulou&lt;/b&gt;", "id=\"right-ERASURE\" open=\"open\"", "aria-invalid=\"true\"");
    assertThat(page.getBody()).doesNotContain("<b>Papadopoulou</b>");
    assertThat(jdbc.queryForObject("select count(*) from dsr_request", Long.class)).isEqualTo(before);

    var rectification = post(form("RECTIFICATION", unique()), null);
    assertThat(rectification.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(rectification.getBody()).contains("must list at least one {field, value} for a RECTIFICATION request");

    var greek = form("ACCESS", "");
    greek.set("language", "el");
    assertThat(post(greek, null).getBody()).contains("Το αίτημά σας δεν στάλθηκε", "email: είναι υποχρεωτικό")
        .doesNotContain("must not be blank");
    assertThat(jdbc.queryForObject("select count(*) from dsr_request", Long.class)).isEqualTo(before);
  }

  @Test
  void aFiledFormConfirmsWithTheReferenceTheDueDateAndWhatHappensNext() {
    var email = unique();
    var form = form("RECTIFICATION", email);
    form.set("fullName", "Μαρία Παπαδοπούλου");
    form.add("correctionField0", "full_name");
    form.add("correctionValue0", "Maria Papadopoulou-Georgiou");
    form.add("correctionField1", "");
    form.add("correctionValue1", "");
    form.set("language", "el");

    var page = post(form, null);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    var request = requests.findByEmailIgnoreCaseOrderByReceivedAtDesc(email).get(0);
    assertThat(request.type()).isEqualTo(RequestType.RECTIFICATION);
    assertThat(request.channel()).isEqualTo(Channel.WEB);
    assertThat(request.language()).isEqualTo("el");
    assertThat(request.corrections()).singleElement().satisfies(c -> {
      assertThat(c.field()).isEqualTo("full_name");
      assertThat(c.value()).isEqualTo("Maria Papadopoulou-Georgiou");
    });
    assertThat(page.getBody()).contains("Λάβαμε το αίτημά σας", request.reference(), "δικαίωμα διόρθωσης",
        "Ελέγξτε το email σας", "href=\"http://localhost:");
    assertThat(page.getBody()).containsPattern("/status/" + request.reference() + "\\.[A-Za-z0-9_-]+");

    var objection = form("OBJECTION", unique());
    objection.add("scope", "PROCESSING");
    objection.set("details", "Please stop profiling my campaign statistics.");
    assertThat(post(objection, null).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    var filed = requests.findByEmailIgnoreCaseOrderByReceivedAtDesc(objection.getFirst("email")).get(0);
    assertThat(filed.objectionScope()).isEqualTo(ObjectionScope.PROCESSING);
    assertThat(filed.details()).isEqualTo("Please stop profiling my campaign statistics.");
  }

  @Test
  void aPostFromAnotherSiteIsRefusedAndStoresNothing() {
    var email = unique();
    var page = post(form("ERASURE", email), "https://evil.example");
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(page.getBody()).contains("must be sent from this site");
    assertThat(requests.findByEmailIgnoreCaseOrderByReceivedAtDesc(email)).isEmpty();
  }

  private static MultiValueMap<String, String> form(String type, String email) {
    var form = new LinkedMultiValueMap<String, String>();
    form.add("type", type);
    form.add("language", "en");
    form.add("email", email);
    form.add("fullName", "");
    form.add("details", "");
    return form;
  }

  private ResponseEntity<String> post(MultiValueMap<String, String> form, String origin) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    if (origin != null) {
      headers.setOrigin(origin);
    }
    return http.postForEntity("/requests", new HttpEntity<>(form, headers), String.class);
  }

  private static String unique() {
    return "portal-" + UUID.randomUUID() + "@example.org";
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
