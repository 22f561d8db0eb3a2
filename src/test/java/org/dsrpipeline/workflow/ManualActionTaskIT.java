package org.dsrpipeline.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.connector.RequestRef;
import org.dsrpipeline.connector.manual.ManualAction;
import org.dsrpipeline.connector.manual.ManualActions;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** A manual store's action reaches the DPO's Tasklist; the answer on the action's page closes it. */
class ManualActionTaskIT extends IntegrationTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Autowired TestRestTemplate http;
  @Autowired ManualActions actions;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired DataSubjectRequestRepository requests;

  @Test
  void theDpoGetsATaskAndAnswersOnTheActionsPage() {
    var reference = recordRequest();
    var action = actions.open(RequestRef.of(reference), "paper-archive", Operation.ERASE,
        "Shred the folder of ann.manual@example.gr in archive room B");

    var task = tasks.createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey("Task_CarryOutManualAction").singleResult();
    assertThat(task).isNotNull();
    assertThat(task.getDueDate()).isEqualTo(Date.from(requests.findByReference(reference).orElseThrow().dueAt()));
    assertThat(tasks.getIdentityLinksForTask(task.getId())).anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo("dpo"));
    assertThat(runtime.getVariables(task.getProcessInstanceId()).values())
        .noneMatch(v -> String.valueOf(v).contains("ann.manual@example.gr"));
    assertThat(actions.open(RequestRef.of(reference), "paper-archive", Operation.ERASE, "again").id()).isEqualTo(action.id());
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey("Task_CarryOutManualAction").count()).as("opened once, one task").isEqualTo(1);

    var completeWithoutAnswer = http.withBasicAuth("dpo", "dpo").exchange("/engine-rest/task/" + task.getId() + "/complete",
        HttpMethod.POST, json(Map.of()), String.class);
    assertThat(completeWithoutAnswer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(completeWithoutAnswer.getBody()).contains("/dpo/manual-actions/" + action.id());
    var completeAsAdmin = http.withBasicAuth("admin", "admin").exchange("/engine-rest/task/" + task.getId() + "/complete",
        HttpMethod.POST, json(Map.of()), String.class);
    assertThat(completeAsAdmin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    var path = "/dpo/manual-actions/" + action.id();
    assertThat(http.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    var page = http.withBasicAuth("dpo", "dpo").getForEntity(path, String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("Shred the folder of ann.manual@example.gr", reference);

    var withoutToken = http.withBasicAuth("dpo", "dpo").postForEntity(path,
        form("status=DONE&answer=Shredded", null, null), String.class);
    assertThat(withoutToken.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(actions.find(action.id()).orElseThrow().status()).isEqualTo(ManualAction.Status.PENDING);

    var token = CSRF.matcher(page.getBody());
    assertThat(token.find()).as("the page's form carries a CSRF token").isTrue();
    var session = page.getHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";", 2)[0];
    var answered = http.withBasicAuth("dpo", "dpo").postForEntity(path,
        form("status=DONE&answer=Folder+shredded", token.group(1), session), String.class);
    // 302 back to the page; the test's HTTP client follows it
    assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answered.getBody()).contains("Folder shredded", "The Tasklist task is closed");

    var done = actions.find(action.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(ManualAction.Status.DONE);
    assertThat(done.answeredBy()).isEqualTo("dpo");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .singleResult().getEndTime()).isNotNull();
  }

  @Test
  void onlyTheDpoGroupOpensTheActionsPage() {
    if (identity.createUserQuery().userId("clerk").count() == 0) {
      var clerk = identity.newUser("clerk");
      clerk.setPassword("clerk-pass");
      identity.saveUser(clerk);
    }
    var action = actions.open(RequestRef.of(recordRequest()), "paper-archive", Operation.FIND, "Look in room B");

    var asClerk = http.withBasicAuth("clerk", "clerk-pass").getForEntity("/dpo/manual-actions/" + action.id(), String.class);

    assertThat(asClerk.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(asClerk.getBody()).doesNotContain("Look in room B");
  }

  @Test
  void theTaskClosesOnlyForItsOwnActionWhateverTheVariablesSay() {
    var reference = recordRequest();
    var answered = actions.open(RequestRef.of(reference), "paper-archive", Operation.FIND, "Look in room B");
    actions.recordAnswer(answered.id(), ManualAction.Status.DONE, "Nothing in room B", "dpo");
    var pending = actions.open(RequestRef.of(reference), "paper-archive", Operation.ERASE, "Shred the folder");
    var task = tasks.createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey("Task_CarryOutManualAction").singleResult();

    var bypass = http.withBasicAuth("dpo", "dpo").exchange("/engine-rest/task/" + task.getId() + "/complete",
        HttpMethod.POST, json(Map.of("variables", Map.of("manualActionId", Map.of("value", answered.id(), "type", "Long")))),
        String.class);

    assertThat(bypass.getStatusCode().is2xxSuccessful()).as(bypass.getBody()).isFalse();
    assertThat(bypass.getBody()).contains("/dpo/manual-actions/" + pending.id());
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the task stays open").isEqualTo(1);
    assertThat(actions.find(pending.id()).orElseThrow().status()).isEqualTo(ManualAction.Status.PENDING);
  }

  @Test
  void theAnswerTheEvidenceAndTheClosedTaskCommitTogetherOrNotAtAll() {
    var reference = recordRequest();
    var action = actions.open(RequestRef.of(reference), "paper-archive", Operation.ERASE, "Shred the folder in room C");
    var task = tasks.createTaskQuery().processInstanceBusinessKey(reference)
        .taskDefinitionKey("Task_CarryOutManualAction").singleResult();
    runtime.suspendProcessInstanceById(task.getProcessInstanceId());

    var refused = answer(action.id(), "Folder shredded");

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getBody()).contains("Tasklist task cannot be closed", "the answer was not recorded");
    assertThat(actions.find(action.id()).orElseThrow().status()).isEqualTo(ManualAction.Status.PENDING);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    assertThat(auditActions(reference)).doesNotContain("MANUAL_ACTION_ANSWERED");

    runtime.activateProcessInstanceById(task.getProcessInstanceId());
    assertThat(answer(action.id(), "Folder shredded").getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(actions.find(action.id()).orElseThrow().status()).isEqualTo(ManualAction.Status.DONE);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isZero();
    assertThat(auditTrail(reference)).filteredOn(e -> "MANUAL_ACTION_ANSWERED".equals(e.get("action"))).singleElement()
        .satisfies(e -> {
          assertThat(e.get("actor")).isEqualTo("dpo");
          assertThat((String) e.get("outcome")).contains("DONE", "Folder shredded");
        });
  }

  private org.springframework.http.ResponseEntity<String> answer(long id, String text) {
    return http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/manual-actions/" + id + "/answer", HttpMethod.POST,
        json(Map.of("status", "DONE", "answer", text)), String.class);
  }

  private java.util.List<Map<String, Object>> auditTrail(String reference) {
    return http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests/" + reference + "/audit", HttpMethod.GET,
        null, new org.springframework.core.ParameterizedTypeReference<java.util.List<Map<String, Object>>>() { })
        .getBody();
  }

  private java.util.List<String> auditActions(String reference) {
    return auditTrail(reference).stream().map(e -> (String) e.get("action")).toList();
  }

  private String recordRequest() {
    var response = http.withBasicAuth("dpo", "dpo").exchange("/api/dpo/requests", HttpMethod.POST,
        json(Map.of("type", "ERASURE", "email", "ann.manual@example.gr", "channel", "POST",
            "receivedAt", "2026-11-20", "identityVerified", true)), Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return (String) response.getBody().get("reference");
  }

  private static HttpEntity<String> form(String body, String csrf, String cookie) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    if (cookie != null) {
      headers.set(HttpHeaders.COOKIE, cookie);
    }
    return new HttpEntity<>(csrf == null ? body : body + "&_csrf=" + csrf, headers);
  }
}
