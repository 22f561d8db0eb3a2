package org.dsrpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Through the engine REST API, as Tasklist and Cockpit use it: only group dpo completes or is
 * assigned a request's task, and dpo can work tasks and retry jobs but not rewrite or suspend instances.
 */
class DpoTaskPermissionsIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.HistoryService history;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;

  DsrApi api;

  @BeforeEach
  void users() {
    api = new DsrApi(http, tasks);
    DsrApi.ensureUsers(identity);
  }

  @Test
  void anAdministratorCannotCompleteTheDposClaimedTask() {
    var reference = api.recordVerified(DsrApi.uniqueEmail(), LocalDate.now());
    var review = api.awaitTask(reference, "Task_ReviewRequest");
    assertThat(post("dpo", "/engine-rest/task/" + review.getId() + "/claim", Map.of("userId", "dpo")))
        .isEqualTo(HttpStatus.NO_CONTENT);

    var asAdmin = api.complete("admin", review, Map.of("decision", "proceed"));

    assertThat(asAdmin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(asAdmin.getBody()).contains("Only members of group dpo complete the tasks");
    assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).isOne();
    assertThat(api.events(reference, "REVIEW_DECIDED")).isEmpty();

    api.completeOk("dpo", review, Map.of("decision", "proceed"));
    assertThat(api.events(reference, "REVIEW_DECIDED")).singleElement()
        .satisfies(e -> assertThat(e.get("actor")).isEqualTo("dpo"));
  }

  @Test
  void aTaskCannotBeAssignedToAUserOutsideTheDpoGroup() {
    var reference = api.recordVerified(DsrApi.uniqueEmail(), LocalDate.now());
    var review = api.awaitTask(reference, "Task_ReviewRequest");

    var byDpo = http.withBasicAuth("dpo", "dpo").exchange("/engine-rest/task/" + review.getId() + "/assignee",
        HttpMethod.POST, json(Map.of("userId", DsrApi.INTERN)), String.class);
    assertThat(byDpo.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(byDpo.getBody()).contains("can be assigned only to a member of group dpo; intern is not one");
    assertThat(post("admin", "/engine-rest/task/" + review.getId() + "/assignee", Map.of("userId", DsrApi.INTERN)))
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(post("dpo", "/engine-rest/task/" + review.getId() + "/delegate", Map.of("userId", DsrApi.INTERN)))
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tasks.createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isNull();
    assertThat(http.withBasicAuth(DsrApi.INTERN, DsrApi.INTERN_PASSWORD)
        .getForEntity("/engine-rest/task?processInstanceBusinessKey=" + reference, java.util.List.class).getBody())
        .isEmpty();

    assertThat(post("dpo", "/engine-rest/task/" + review.getId() + "/assignee", Map.of("userId", DsrApi.SECOND_DPO)))
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(tasks.createTaskQuery().taskId(review.getId()).singleResult().getAssignee()).isEqualTo(DsrApi.SECOND_DPO);
  }

  @Test
  void theDpoWorksTasksAndRetriesJobsButCannotRewriteOrSuspendARequest() {
    var reference = api.recordVerified(DsrApi.uniqueEmail(), LocalDate.now());
    var review = api.awaitTask(reference, "Task_ReviewRequest");
    var instance = review.getProcessInstanceId();

    var setVariable = http.withBasicAuth("dpo", "dpo").exchange(
        "/engine-rest/process-instance/" + instance + "/variables/decision", HttpMethod.PUT,
        json(Map.of("value", "refuse", "type", "String")), String.class);
    assertThat(setVariable.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    var suspend = http.withBasicAuth("dpo", "dpo").exchange(
        "/engine-rest/process-instance/" + instance + "/suspended", HttpMethod.PUT, json(Map.of("suspended", true)),
        String.class);
    assertThat(suspend.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    var modify = http.withBasicAuth("dpo", "dpo").exchange(
        "/engine-rest/process-instance/" + instance + "/modification", HttpMethod.POST,
        json(Map.of("instructions", java.util.List.of(Map.of("type", "cancel", "activityId", "Task_ReviewRequest")))),
        String.class);
    assertThat(modify.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).active().count()).isOne();
    assertThat(runtime.getVariable(instance, "decision")).isNull();

    var timer = management.createJobQuery().processInstanceId(instance).timers().list().get(0);
    var retries = http.withBasicAuth("dpo", "dpo").exchange("/engine-rest/job/" + timer.getId() + "/retries",
        HttpMethod.PUT, json(Map.of("retries", 3)), String.class);
    assertThat(retries.getStatusCode()).as(retries.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

    // Tasklist submits Camunda Forms through submit-form: the same rules, the same answers.
    var refused = submitForm(review.getId(), Map.of("decision", Map.of("value", "refuse")));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("'Reasons for refusal' is required.");
    var submitted = submitForm(review.getId(), Map.of("decision", Map.of("value", "proceed")));
    assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
        history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
            .processDefinitionKey("Process_Access").count()).as("the right is carried out").isOne());
  }

  private org.springframework.http.ResponseEntity<String> submitForm(String taskId, Map<String, Object> variables) {
    return http.withBasicAuth("dpo", "dpo").exchange("/engine-rest/task/" + taskId + "/submit-form", HttpMethod.POST,
        json(Map.of("variables", variables)), String.class);
  }

  private HttpStatus post(String user, String path, Object body) {
    var response = api.as(user).exchange(path, HttpMethod.POST, json(body), String.class);
    return HttpStatus.valueOf(response.getStatusCode().value());
  }
}
