package org.dsrpipeline.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrpipeline.notify.MailProperties;
import org.dsrpipeline.security.StatusLinks;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/** A step of a request that fails on its last retry reaches the DPO, the evidence and the requester's status page. */
class IncidentNotificationIT extends IntegrationTest {

  private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };
  private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

  @Autowired TestRestTemplate http;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired StatusLinks links;
  @Autowired MailProperties mailProperties;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.camunda.bpm.engine.FilterService filters;

  @Test
  void aStepThatFailsForGoodIsEmailedToTheDpoRecordedAndShownToTheRequesterAsADelay() {
    var reference = recordVerifiedAccessRequest();
    var review = awaitTask(reference, "Task_ReviewRequest");
    // A misconfiguration no retry can cure: the right's process is not deployed.
    runtime.setVariable(review.getProcessInstanceId(), DataSubjectRequestProcess.RIGHT_PROCESS_KEY, "Process_NotDeployed");
    completeAsDpo(review, Map.of("decision", "proceed"));

    var failing = await().atMost(Duration.ofSeconds(20)).until(() -> management.createJobQuery()
        .processInstanceId(review.getProcessInstanceId()).activityId("CallActivity_FulfilRight").withException()
        .singleResult(), job -> job != null);
    assertThat(statusJson(reference)).containsEntry("delayed", false);
    management.setJobRetries(failing.getId(), 1);
    assertThatThrownBy(() -> management.executeJob(failing.getId())).hasMessageContaining("Process_NotDeployed");
    assertThat(runtime.createIncidentQuery().processInstanceId(review.getProcessInstanceId()).count()).isEqualTo(1);

    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(mailProperties.dpoAddress()).stream()
        .anyMatch(m -> Mails.subject(m).contains(reference)
            && Mails.subject(m).contains("Carry out the right (CallActivity_FulfilRight)")));
    assertThat(jdbc.queryForObject("select count(*) from dsr_email_outbox where template = 'dpo-incident' and subject like ?",
        Integer.class, "%" + reference + "%")).as("one email per incident").isEqualTo(1);
    assertThat(auditTrail(reference)).filteredOn(e -> "INCIDENT_RAISED".equals(e.get("action"))).singleElement()
        .satisfies(e -> assertThat((String) e.get("outcome")).contains("CallActivity_FulfilRight"));

    var status = statusJson(reference);
    assertThat(status).containsEntry("delayed", true).containsEntry("status", "IN_PROGRESS");
    assertThat((String) status.get("notice")).contains("delayed by a technical problem");
    var page = http.exchange("/status/" + links.tokenFor(reference) + "?lang=en", HttpMethod.GET,
        accept(MediaType.TEXT_HTML), String.class).getBody();
    assertThat(page).contains("delayed by a technical problem").doesNotContain("We are working on your request");

    var retryTask = awaitTask(reference, FailedSteps.TASK_RETRY_FAILED_STEP);
    assertThat(retryTask.getName()).isEqualTo("Retry the failed step · " + reference + " · Access (Art. 15)");
    assertThat(retryTask.getDueDate()).isNotNull();
    var filter = filters.createFilterQuery().filterName(DpoAccessSetup.FILTER_FAILED).singleResult();
    assertThat(http.withBasicAuth("dpo", "dpo").exchange("/engine-rest/filter/" + filter.getId() + "/list",
        HttpMethod.GET, null, LIST).getBody()).extracting(t -> t.get("id")).contains(retryTask.getId());
    assertThat(tasks.getVariable(retryTask.getId(), FailedSteps.STEP)).isEqualTo("Carry out the right (CallActivity_FulfilRight)");

    // retried in Cockpit instead of through the task: the task closes by itself
    runtime.setVariable(review.getProcessInstanceId(), DataSubjectRequestProcess.RIGHT_PROCESS_KEY, "Process_Access");
    management.setJobRetries(failing.getId(), 1);
    assertThat(statusJson(reference)).as("the retry resolved the incident").containsEntry("delayed", false);
    await().atMost(Duration.ofSeconds(20)).until(() -> tasks.createTaskQuery().taskId(retryTask.getId()).count() == 0);
  }

  private String recordVerifiedAccessRequest() {
    var email = "incident-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    var response = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests", HttpMethod.POST,
        json(Map.of("type", "ACCESS", "email", email, "channel", "PHONE",
            "receivedAt", LocalDate.now(ZoneId.of("Europe/Athens")).toString(), "identityVerified", true)), MAP);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return (String) response.getBody().get("reference");
  }

  private Map<String, Object> statusJson(String reference) {
    var response = http.exchange("/status/" + links.tokenFor(reference), HttpMethod.GET,
        accept(MediaType.APPLICATION_JSON), MAP);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  private static HttpEntity<Void> accept(MediaType type) {
    var headers = new HttpHeaders();
    headers.setAccept(List.of(type));
    return new HttpEntity<>(headers);
  }

  private Task awaitTask(String reference, String key) {
    return await().atMost(Duration.ofSeconds(20)).until(
        () -> tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key).singleResult(),
        task -> task != null);
  }

  private void completeAsDpo(Task task, Map<String, Object> variables) {
    var body = Map.of("variables", variables.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> Map.of("value", e.getValue()))));
    var response = http.withBasicAuth("dpo", "dpo").exchange("/engine-rest/task/" + task.getId() + "/complete",
        HttpMethod.POST, json(body), String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  private List<Map<String, Object>> auditTrail(String reference) {
    return http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests/" + reference + "/audit", HttpMethod.GET,
        null, LIST).getBody();
  }
}
