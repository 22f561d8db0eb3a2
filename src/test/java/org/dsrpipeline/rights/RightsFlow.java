package org.dsrpipeline.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.Mails;
import org.dsrpipeline.support.Verification;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** A request as its requester files it (POST /api/requests, the emailed link) and the DPO reviews it. */
final class RightsFlow {

  private final TestRestTemplate http;
  private final TaskService tasks;
  private final DsrApi api;
  private final Supplier<List<MimeMessage>> mails;

  RightsFlow(TestRestTemplate http, TaskService tasks, Supplier<List<MimeMessage>> mails) {
    this.http = http;
    this.tasks = tasks;
    this.api = new DsrApi(http, tasks);
    this.mails = mails;
  }

  DsrApi api() {
    return api;
  }

  /** Files the request, confirms it through the emailed link, and the DPO proceeds if a review is asked for. */
  String fileAndConfirm(Map<String, Object> body) {
    var response = http.exchange("/api/requests", HttpMethod.POST, DsrApi.json(body), DsrApi.MAP);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    var reference = (String) response.getBody().get("reference");
    var verify = await().atMost(Duration.ofSeconds(20)).until(() -> mails.get().stream()
        .filter(m -> Mails.body(m).contains("/verify/")).findFirst(), java.util.Optional::isPresent).orElseThrow();
    assertThat(Verification.confirm(http, Mails.linkPath(verify, "/verify/")).getStatusCode()).isEqualTo(HttpStatus.OK);
    return reference;
  }

  /** Confirms a request filed by the caller through the emailed link. */
  void confirm(String reference) {
    var verify = await().atMost(Duration.ofSeconds(20)).until(() -> mails.get().stream()
        .filter(m -> Mails.body(m).contains("/verify/") && Mails.body(m).contains(reference)).findFirst(),
        java.util.Optional::isPresent).orElseThrow();
    assertThat(Verification.confirm(http, Mails.linkPath(verify, "/verify/")).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  /** The mail whose subject contains {@code text}, once it has arrived. */
  MimeMessage awaitMail(String text) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> mails.get().stream()
        .filter(m -> Mails.subject(m).contains(text)).findFirst(), java.util.Optional::isPresent).orElseThrow();
  }

  /** The request's status as its requester sees it (the status link). */
  Map<String, Object> statusPage(String reference) {
    var link = Mails.linkPath(awaitMail(reference), "/status/");
    var response = http.exchange(link, HttpMethod.GET, null, DsrApi.MAP);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  /** The paper archive is a manual store: the DPO answers the request's pending action of {@code operation}. */
  void answerManualAction(String reference, String operation) {
    var action = await().atMost(Duration.ofSeconds(30)).until(() -> api.as("dpo").exchange(
        "/api/dpo/manual-actions?status=PENDING", HttpMethod.GET, null, DsrApi.LIST).getBody().stream()
        .filter(a -> reference.equals(a.get("reference")) && operation.equals(a.get("operation"))).findFirst(),
        java.util.Optional::isPresent).orElseThrow();
    var answered = api.as("dpo").postForEntity("/api/dpo/manual-actions/{id}/answer",
        Map.of("status", "DONE", "answer", "Done as instructed"), String.class, action.get("id"));
    assertThat(answered.getStatusCode().is2xxSuccessful()).as(answered.getBody()).isTrue();
  }

  List<Map<String, Object>> storeOutcomes(String reference) {
    var response = api.as("dpo").exchange("/api/dpo/requests/" + reference + "/store-outcomes", HttpMethod.GET, null,
        DsrApi.LIST);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  Map<String, Object> dpoView(String reference) {
    var response = api.as("dpo").exchange("/api/dpo/requests/" + reference, HttpMethod.GET, null, DsrApi.MAP);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }
}
