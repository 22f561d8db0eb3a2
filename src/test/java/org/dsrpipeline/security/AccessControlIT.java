package org.dsrpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Only the dpo group works requests; the engine and the DPO API need a login; links must be genuine. */
class AccessControlIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired StatusLinks statusLinks;

  @BeforeEach
  void aUserOutsideTheDpoGroup() {
    if (identity.createUserQuery().userId("intern").count() == 0) {
      var user = identity.newUser("intern");
      user.setPassword("intern-pass");
      identity.saveUser(user);
    }
  }

  @Test
  void aWrongPasswordNeverStopsTheRightOneThroughTheEngineRestApi() {
    var user = dpoMember("reloginrest", "right-pass-1");

    for (int i = 0; i < 3; i++) {
      assertThat(http.withBasicAuth(user, "wrong").getForEntity("/engine-rest/task", String.class).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(http.withBasicAuth(user, "right-pass-1").getForEntity("/engine-rest/task", String.class)
          .getStatusCode()).isEqualTo(HttpStatus.OK);
    }
  }

  @Test
  void aWrongPasswordNeverStopsTheRightOneInTasklist() {
    var user = dpoMember("relogintasklist", "right-pass-2");

    for (int i = 0; i < 3; i++) {
      assertThat(tasklistLogin(user, "wrong")).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(tasklistLogin(user, "right-pass-2")).isEqualTo(HttpStatus.OK);
    }
  }

  private String dpoMember(String prefix, String password) {
    var id = prefix + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    var user = identity.newUser(id);
    user.setPassword(password);
    identity.saveUser(user);
    identity.createMembership(id, "dpo");
    return id;
  }

  @Test
  void theEngineRestApiAndTheDpoApiRequireALogin() {
    assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("nobody", "wrong").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/api/dpo/outbox", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("intern", "intern-pass").getForEntity("/api/dpo/outbox", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("dpo", "dpo").getForEntity("/api/dpo/outbox", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void onlyTheDpoGroupSeesAndWorksRequestTasks() {
    var reference = recordRequest();
    // the review task appears once processes/who-reviews.dmn has run in its own job
    var task = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> tasks
        .createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey("Task_ReviewRequest")
        .singleResult(), t -> t != null);

    var asIntern = http.withBasicAuth("intern", "intern-pass")
        .getForEntity("/engine-rest/task?processInstanceBusinessKey=" + reference, List.class);
    assertThat(asIntern.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(asIntern.getBody()).isEmpty();
    var completeAsIntern = http.withBasicAuth("intern", "intern-pass").exchange(
        "/engine-rest/task/" + task.getId() + "/complete", HttpMethod.POST, json(Map.of("variables", Map.of())), String.class);
    assertThat(completeAsIntern.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    var asDpo = http.withBasicAuth("dpo", "dpo")
        .getForEntity("/engine-rest/task?processInstanceBusinessKey=" + reference, List.class);
    assertThat(asDpo.getBody()).hasSize(2);
  }

  @Test
  void aStatusLinkMustCarryTheRightSignature() {
    var reference = recordRequest();
    var genuine = statusLinks.tokenFor(reference);
    var forged = genuine.substring(0, genuine.length() - 1) + (genuine.endsWith("A") ? "B" : "A");
    var lastDigit = reference.charAt(reference.length() - 1);
    var otherReference = genuine.replace(reference,
        reference.substring(0, reference.length() - 1) + (lastDigit == '9' ? '8' : '9'));

    assertThat(http.getForEntity("/status/" + genuine, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity("/status/" + forged, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/status/" + otherReference, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity("/status/" + reference, String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theStatusPageShowsNoPersonalData() {
    var email = "secret-" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "@example.org";
    var filed = http.exchange("/api/requests", HttpMethod.POST, json(Map.of("type", "RECTIFICATION", "email", email,
        "fullName", "Zoe Hiddenname", "phone", "+30 691 555 0199", "details", "my secret account note",
        "corrections", List.of(Map.of("field", "postalAddress", "value", "12 Hidden Street")))), Map.class);
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    var reference = (String) filed.getBody().get("reference");
    var link = "/status/" + statusLinks.tokenFor(reference);

    var html = http.exchange(link, HttpMethod.GET, accept(MediaType.TEXT_HTML), String.class);
    var json = http.exchange(link, HttpMethod.GET, accept(MediaType.APPLICATION_JSON), String.class);

    assertThat(html.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(json.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
    for (var body : List.of(html.getBody(), json.getBody())) {
      assertThat(body).contains(reference).doesNotContain(email, "Zoe", "Hiddenname", "5550199", "691 555",
          "secret account", "postalAddress", "Hidden Street");
    }
    var greek = http.exchange(link + "?lang=el", HttpMethod.GET, accept(MediaType.TEXT_HTML), String.class);
    assertThat(greek.getBody()).contains("Το αίτημά σας παραλήφθηκε.");
  }

  @Test
  void aGenuineStatusLinkForARequestThatDoesNotExistAnswers404() {
    var link = "/status/" + statusLinks.tokenFor("DSR-2099-999999");

    assertThat(http.exchange(link, HttpMethod.GET, accept(MediaType.TEXT_HTML), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.exchange(link, HttpMethod.GET, accept(MediaType.APPLICATION_JSON), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private static HttpEntity<Void> accept(MediaType type) {
    var headers = new HttpHeaders();
    headers.setAccept(List.of(type));
    return new HttpEntity<>(headers);
  }

  @Test
  void tasklistIsServedBehindItsOwnLoginAndOpensOnlyForTheDpoGroup() {
    assertThat(tasklistLogin("nobody", "wrong")).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(tasklistLogin("intern", "intern-pass")).as("no Tasklist outside the dpo group").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(tasklistLogin("dpo", "dpo")).isEqualTo(HttpStatus.OK);
  }

  /** Logs in the way the Tasklist page does: with the CSRF token and cookies its first page load hands out. */
  private HttpStatus tasklistLogin(String user, String password) {
    var page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.set("X-XSRF-TOKEN", page.getHeaders().getFirst("X-XSRF-TOKEN"));
    headers.set(HttpHeaders.COOKIE, String.join("; ", page.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
        .map(cookie -> cookie.split(";", 2)[0]).toList()));
    var response = http.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
        new HttpEntity<>("username=" + user + "&password=" + password, headers), String.class);
    return HttpStatus.valueOf(response.getStatusCode().value());
  }

  private String recordRequest() {
    var response = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests", HttpMethod.POST,
        json(Map.of("type", "ACCESS", "email", "secret-person@example.org", "channel", "EMAIL",
            "receivedAt", "2026-11-20", "identityVerified", true)), Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return (String) response.getBody().get("reference");
  }

}
