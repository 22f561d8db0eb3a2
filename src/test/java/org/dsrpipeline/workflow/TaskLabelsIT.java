package org.dsrpipeline.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * The DPO tells tasks apart at a glance: each names its request and right, its form gets the request's
 * reference, right, channel and dates and the path of its DPO page, and the Tasklist filters list them.
 */
class TaskLabelsIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired FilterService filters;
  @Autowired IdentityService identity;

  DsrApi api;

  @BeforeEach
  void users() {
    api = new DsrApi(http, tasks);
    DsrApi.ensureUsers(identity);
  }

  @Test
  void aTaskNamesItsRequestAndRightAndItsFormGetsTheRequestsFacts() {
    var received = LocalDate.now().minusDays(2);
    var reference = api.recordVerified(DsrApi.uniqueEmail(), received);

    var review = api.awaitTask(reference, "Task_ReviewRequest");

    assertThat(review.getName()).isEqualTo("Review request · " + reference + " · Access (Art. 15)");
    var variables = http.withBasicAuth("dpo", "dpo")
        .exchange("/engine-rest/task/" + review.getId() + "/form-variables", org.springframework.http.HttpMethod.GET,
            null, DsrApi.MAP).getBody();
    assertThat(value(variables, "reference")).isEqualTo(reference);
    assertThat(value(variables, "right")).isEqualTo("Access (Art. 15)");
    assertThat(value(variables, "channel")).isEqualTo("post");
    assertThat(value(variables, "receivedOn")).isEqualTo(TaskLabelsPlugin.day(received));
    assertThat((String) value(variables, "dueOn")).isNotBlank().doesNotContain("not started");
    assertThat(value(variables, "requestPage")).isEqualTo("/dpo/requests/" + reference);
    assertThat(review.getDueDate()).isNotNull();

    var page = http.withBasicAuth("dpo", "dpo").getForEntity("/dpo/requests/" + reference, String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains(reference + " · Access (Art. 15)", "Store outcomes", "Emails",
        "History (evidence trail)", "RECEIVED");
    assertThat(api.events(reference, "PERSONAL_DATA_READ")).isNotEmpty();
    assertThat(http.withBasicAuth(DsrApi.INTERN, DsrApi.INTERN_PASSWORD)
        .getForEntity("/dpo/requests/" + reference, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.withBasicAuth("dpo", "dpo").getForEntity("/dpo/requests/DSR-1999-000001", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theFiltersListTasksDueThisWeekAndOverdue() {
    var soon = api.awaitTask(api.recordVerified(DsrApi.uniqueEmail(), LocalDate.now()), "Task_ReviewRequest");
    var late = api.awaitTask(api.recordVerified(DsrApi.uniqueEmail(), LocalDate.now()), "Task_ReviewRequest");
    dueAt(soon, Instant.now().plus(3, ChronoUnit.DAYS));
    dueAt(late, Instant.now().minus(1, ChronoUnit.HOURS));

    assertThat(idsIn(DpoAccessSetup.FILTER_DUE_THIS_WEEK)).contains(soon.getId()).doesNotContain(late.getId());
    assertThat(idsIn(DpoAccessSetup.FILTER_OVERDUE)).contains(late.getId()).doesNotContain(soon.getId());
    assertThat(idsIn(DpoAccessSetup.FILTER_NAME)).contains(soon.getId(), late.getId());
    assertThat(idsIn(DpoAccessSetup.FILTER_WAITING)).doesNotContain(soon.getId(), late.getId());
  }

  private void dueAt(Task task, Instant due) {
    task.setDueDate(Date.from(due));
    tasks.saveTask(task);
  }

  /** The filter's tasks as the DPO sees them in Tasklist, through the engine REST API. */
  private java.util.List<Object> idsIn(String filterName) {
    var filter = filters.createFilterQuery().filterName(filterName).singleResult();
    var listed = http.withBasicAuth("dpo", "dpo").exchange("/engine-rest/filter/" + filter.getId()
        + "/list?maxResults=500", org.springframework.http.HttpMethod.GET, null, DsrApi.LIST).getBody();
    return listed.stream().map(t -> t.get("id")).toList();
  }

  @SuppressWarnings("unchecked")
  private static Object value(Map<String, Object> variables, String name) {
    assertThat(variables).containsKey(name);
    return ((Map<String, Object>) variables.get(name)).get("value");
  }
}
