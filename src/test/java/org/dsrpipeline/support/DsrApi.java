package org.dsrpipeline.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The DPO's side of a request as the tests drive it: over the DPO API and the engine REST API, as a given user. */
public final class DsrApi {

  public static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };
  public static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

  /** A second member of group dpo, so that tests can tell who took which step. */
  public static final String SECOND_DPO = "dpo2";
  public static final String SECOND_DPO_PASSWORD = "dpo2-pass";
  /** A user outside group dpo. */
  public static final String INTERN = "intern";
  public static final String INTERN_PASSWORD = "intern-pass";

  private final TestRestTemplate http;
  private final TaskService tasks;

  public DsrApi(TestRestTemplate http, TaskService tasks) {
    this.http = http;
    this.tasks = tasks;
  }

  public static void ensureUsers(IdentityService identity) {
    if (identity.createUserQuery().userId(SECOND_DPO).count() == 0) {
      var user = identity.newUser(SECOND_DPO);
      user.setPassword(SECOND_DPO_PASSWORD);
      identity.saveUser(user);
      identity.createMembership(SECOND_DPO, "dpo");
    }
    if (identity.createUserQuery().userId(INTERN).count() == 0) {
      var user = identity.newUser(INTERN);
      user.setPassword(INTERN_PASSWORD);
      identity.saveUser(user);
    }
  }

  public static String uniqueEmail() {
    return "requester-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  }

  public static String passwordOf(String user) {
    return switch (user) {
      case SECOND_DPO -> SECOND_DPO_PASSWORD;
      case INTERN -> INTERN_PASSWORD;
      default -> user;
    };
  }

  public TestRestTemplate as(String user) {
    return http.withBasicAuth(user, passwordOf(user));
  }

  /** The DPO records an access request (a right still carried out by the DPO's task), received on the given day, identity checked or not. */
  public ResponseEntity<Map<String, Object>> record(String email, LocalDate receivedOn, boolean identityVerified) {
    return as("dpo").exchange("/api/dpo/requests", HttpMethod.POST, json(Map.of("type", "ACCESS", "email", email,
        "channel", "POST", "receivedAt", receivedOn.toString(), "identityVerified", identityVerified)), MAP);
  }

  public String recordVerified(String email, LocalDate receivedOn) {
    var response = record(email, receivedOn, true);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return (String) response.getBody().get("reference");
  }

  public Task awaitTask(String reference, String key) {
    return await().atMost(Duration.ofSeconds(20)).until(
        () -> tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key).singleResult(),
        task -> task != null);
  }

  /**
   * An access request past *Review request*: the DPO proceeds while the helpdesk and CRM answer (a FakeSaas on the
   * test configuration's port), the paper archive's manual action of the export is answered, and the task
   * "Review the access package" appears (every store exported, the package built); answers that task.
   */
  public Task proceedToAccessReview(String reference) {
    try (var saas = FakeSaas.start(29253)) {
      completeOk("dpo", awaitTask(reference, "Task_ReviewRequest"), Map.of("decision", "proceed"));
      var action = await().atMost(Duration.ofSeconds(30)).until(() -> as("dpo").exchange(
          "/api/dpo/manual-actions?status=PENDING", HttpMethod.GET, null, LIST).getBody().stream()
          .filter(a -> reference.equals(a.get("reference")) && "EXPORT".equals(a.get("operation"))).findFirst(),
          java.util.Optional::isPresent).orElseThrow();
      var answered = as("dpo").postForEntity("/api/dpo/manual-actions/{id}/answer",
          Map.of("status", "DONE", "answer", "Nothing on paper"), String.class, action.get("id"));
      assertThat(answered.getStatusCode().is2xxSuccessful()).as(answered.getBody()).isTrue();
      return await().atMost(Duration.ofSeconds(60)).until(() -> tasks.createTaskQuery()
          .processInstanceBusinessKey(reference).taskDefinitionKey("Task_ReviewAccessPackage").singleResult(),
          task -> task != null);
    }
  }

  /** Completes a task the way Tasklist does: over the engine REST API, authenticated as the given user. */
  public ResponseEntity<String> complete(String user, Task task, Map<String, Object> variables) {
    var body = Map.of("variables", variables.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> Map.of("value", e.getValue()))));
    return as(user).exchange("/engine-rest/task/" + task.getId() + "/complete", HttpMethod.POST, json(body),
        String.class);
  }

  public void completeOk(String user, Task task, Map<String, Object> variables) {
    var response = complete(user, task, variables);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  public List<Map<String, Object>> auditTrail(String reference) {
    var response = as("dpo").exchange("/api/dpo/requests/" + reference + "/audit", HttpMethod.GET, null, LIST);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  public List<Map<String, Object>> events(String reference, String action) {
    return auditTrail(reference).stream().filter(e -> action.equals(e.get("action"))).toList();
  }

  public static HttpEntity<Object> json(Object body) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }
}
