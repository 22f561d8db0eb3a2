package org.dsrpipeline.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpEntity;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every Spring integration test: the whole application on a random port, PostgreSQL (or
 * H2 off CI), and a real SMTP server (GreenMail) on 127.0.0.1:29251. One configuration for all, so
 * that all of them share one cached context. The demo map's jdbc stores are on PostgreSQL too, in a database of
 * their own ({@code dsr_app_stores_it}, seeded by the application: see {@link AppStores}); its helpdesk and CRM
 * are the FakeSaas a right's IT starts on the port of the test configuration's {@code DSR_PUBLIC_BASE_URL}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// metrics are exported (/actuator/prometheus) as in production; Spring Boot's tests leave them out otherwise
@AutoConfigureObservability(tracing = false)
public abstract class IntegrationTest {

  /**
   * Not the demo mail server's 3025, so that tests run beside a running demo; below Linux's ephemeral range
   * (32768-60999), so that no outgoing connection can hold it when GreenMail binds. Also in application-test.yaml.
   */
  protected static final int SMTP_PORT = 29251;

  @RegisterExtension
  protected static final GreenMailExtension mail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
    AppStores.register(registry);
  }

  protected static HttpEntity<Object> json(Object body) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  protected static List<MimeMessage> mailsTo(String address) {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(m -> {
          try {
            return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
          } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
          }
        })
        .toList();
  }

  /**
   * The processor role: waits until the request's controller customers are asked (or the request is answered without
   * any), then returns each one's answer link (path, from its email) by controller customer number.
   */
  protected static java.util.Map<String, String> controllerLinks(TestRestTemplate http, String reference) {
    var dpo = new DsrApi(http, null).as("dpo");
    return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).until(() -> {
      var asked = dpo.exchange("/api/dpo/requests/" + reference + "/controllers", HttpMethod.GET, null, DsrApi.LIST)
          .getBody();
      if (asked.isEmpty()) {
        var view = dpo.exchange("/api/dpo/requests/" + reference, HttpMethod.GET, null, DsrApi.MAP).getBody();
        return "COMPLETED".equals(view.get("status")) ? new java.util.LinkedHashMap<String, String>() : null;
      }
      var links = new java.util.LinkedHashMap<String, String>();
      for (var controller : asked) {
        var sent = mailsTo((String) controller.get("address")).stream()
            .filter(m -> Mails.subject(m).contains(reference)).findFirst();
        if (sent.isEmpty()) {
          return null;
        }
        links.put((String) controller.get("controller"), Mails.linkPath(sent.get(), "/controller/"));
      }
      return links;
    }, java.util.Objects::nonNull);
  }

  /** Every controller customer asked answers {@code answer} through the JSON twin of its page; returns how many. */
  protected static int answerEveryController(TestRestTemplate http, String reference, String answer) {
    var links = controllerLinks(http, reference);
    links.values().forEach(link -> {
      var answered = http.exchange("/api" + link, HttpMethod.POST, json(java.util.Map.of("answer", answer,
          "reason", "Answered by the test")), String.class);
      org.assertj.core.api.Assertions.assertThat(answered.getStatusCode().value()).as(answered.getBody()).isEqualTo(200);
    });
    return links.size();
  }
}
