package org.dsrpipeline.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.support.IntegrationTest;
import org.dsrpipeline.support.Mails;
import org.dsrpipeline.support.Verification;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

/**
 * The stricter reading is the default; this is the other one: the month runs from the day the
 * requester confirms their identity. (A second Spring context, on purpose: the setting is read at start.)
 */
@TestPropertySource(properties = "dsr.clock.starts-at=VERIFICATION")
class ClockStartsAtVerificationIT extends IntegrationTest {

  @Autowired TestRestTemplate http;
  @Autowired TaskService tasks;
  @Autowired LegalClock legalClock;
  @Autowired DataSubjectRequestRepository requests;

  @Test
  void theDeadlineIsSetWhenTheRequesterConfirmsTheirIdentity() {
    var email = RequestLifecycleIT.uniqueEmail();
    var filed = http.exchange("/api/requests", HttpMethod.POST, json(Map.of("type", "ACCESS", "email", email)),
        RequestLifecycleIT.MAP);
    assertThat(filed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(filed.getBody()).containsEntry("dueDate", null);
    var reference = (String) filed.getBody().get("reference");

    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() == 2);
    assertThat(mailsTo(email)).anySatisfy(m -> assertThat(Mails.body(m)).contains("starts when you confirm your identity"));
    var link = Mails.linkPath(mailsTo(email).stream().filter(m -> Mails.body(m).contains("/verify/")).findFirst()
        .orElseThrow(), "/verify/");
    assertThat(Verification.confirm(http, link).getStatusCode()).isEqualTo(HttpStatus.OK);

    var request = requests.findByReference(reference).orElseThrow();
    assertThat(request.clockStartedAt()).isEqualTo(request.identityVerifiedAt());
    var expected = legalClock.firstDeadline(request.identityVerifiedAt());
    assertThat(request.dueDate()).isEqualTo(expected.dueDate());
    var review = await().atMost(Duration.ofSeconds(20)).until(() -> tasks.createTaskQuery()
        .processInstanceBusinessKey(reference).taskDefinitionKey("Task_ReviewRequest").singleResult(), t -> t != null);
    assertThat(review.getDueDate()).isEqualTo(Date.from(expected.dueAt()));
  }
}
