package org.dsrpipeline.dpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.request.RequestStatus;
import org.dsrpipeline.support.DsrApi;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** The dashboard counts what happened, and the register lists every request as the records say. */
class DashboardIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired DataSubjectRequestRepository requests;

  DsrApi api;

  @BeforeEach
  void users() {
    api = new DsrApi(http, tasks);
    DsrApi.ensureUsers(identity);
  }

  @Test
  void aRefusedRequestCountsAsAnsweredOnTimeAndAnOverdueOneAsOverdue() {
    var before = dashboard();
    var today = LocalDate.now(ZoneId.of("Europe/Athens"));
    var overdue = api.recordVerified(DsrApi.uniqueEmail(), today.minusDays(45));
    var refused = api.recordVerified(DsrApi.uniqueEmail(), today);
    api.completeOk("dpo", api.awaitTask(refused, "Task_ReviewRequest"),
        Map.of("decision", "refuse", "refusalReasons", "The same request was answered last week."));
    await().atMost(Duration.ofSeconds(20)).until(
        () -> requests.findByReference(refused).orElseThrow().status() == RequestStatus.REFUSED);

    var after = dashboard();
    assertThat(figure(after, "answered")).isGreaterThanOrEqualTo(figure(before, "answered") + 1);
    assertThat(figure(after, "answered-on-time")).isGreaterThanOrEqualTo(figure(before, "answered-on-time") + 1);
    assertThat(figure(after, "overdue")).isPositive();
    assertThat(after).contains("Open requests by right and state", "data-label=\"Access (Art. 15)\"", "<svg",
        "Days left until the legal due date", "Requests answered per month, on time and late");

    var csv = http.withBasicAuth("dpo", "dpo").getForEntity("/dpo/requests.csv", String.class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(csv.getBody()).startsWith(DashboardController.CSV_HEADER + "\r\n");
    var refusedRequest = requests.findByReference(refused).orElseThrow();
    assertThat(csv.getBody()).contains(String.join(",", refused, "\"Access (Art. 15)\"", "POST", today.toString(),
        refusedRequest.dueDate().toString(), "false", today.toString(), "REFUSED") + "\r\n");
    assertThat(csv.getBody()).containsPattern(Pattern.quote(overdue + ",\"Access (Art. 15)\",POST,"
        + today.minusDays(45) + ",") + "[0-9-]+,false,,(IN_PROGRESS|OVERDUE)\r\n");
    assertThat(csv.getBody()).doesNotContain("@example.org");

    assertThat(http.withBasicAuth(DsrApi.INTERN, DsrApi.INTERN_PASSWORD).getForEntity("/dpo/dashboard", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity("/dpo/requests.csv", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private String dashboard() {
    var page = http.withBasicAuth("dpo", "dpo").getForEntity("/dpo/dashboard", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    return page.getBody();
  }

  private static int figure(String page, String id) {
    var matcher = Pattern.compile("id=\"" + id + "\">(\\d+)<").matcher(page);
    assertThat(matcher.find()).as("figure %s on the dashboard", id).isTrue();
    return Integer.parseInt(matcher.group(1));
  }
}
