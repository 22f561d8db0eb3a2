package org.dsrpipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/** The demo SMS gateway keeps the texts it takes, once per idempotency key; /demo/texts shows them only on H2. */
class DemoSmsGatewayTest {

  private final DemoTexts texts = new DemoTexts();
  private final DemoSmsGatewayController gateway = new DemoSmsGatewayController(texts,
      Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC), "Bearer demo-sms-token");

  @Test
  void itKeepsEachTextOnceAndWantsTheCredential() {
    var message = new DemoSmsGatewayController.Message("+306900000001", "Code 123456 for request DSR-2026-000001",
        "dsr-sms-1");

    var unauthorised = gateway.take(message, "Bearer wrong", "dsr-sms-1");
    var taken = gateway.take(message, "Bearer demo-sms-token", "dsr-sms-1");
    var retried = gateway.take(message, "Bearer demo-sms-token", "dsr-sms-1");

    assertThat(unauthorised.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(taken.getHeaders().getFirst("X-Demo")).startsWith("DEMO SMS gateway");
    assertThat(retried.getBody()).isEqualTo(java.util.Map.of("accepted", true, "duplicate", true));
    assertThat(new DemoTextsController(texts).texts()).singleElement()
        .satisfies(t -> assertThat(t.text()).contains("123456"));
  }

  @Configuration(proxyBeanMethods = false)
  static class Texts {
    @Bean
    DemoTexts demoTexts() {
      return new DemoTexts();
    }
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(Texts.class, DemoTextsController.class);

  @Test
  void theTextsAreShownOnlyBesideTheDemoMailboxOnH2() {
    runner.withPropertyValues("dsr.demo.stores.enabled=true", "dsr.demo.mailbox.enabled=true",
        "spring.datasource.url=jdbc:h2:file:./data/dsr-pipeline")
        .run(context -> assertThat(context).hasSingleBean(DemoTextsController.class));
    runner.withPropertyValues("dsr.demo.stores.enabled=true", "dsr.demo.mailbox.enabled=true",
        "spring.datasource.url=jdbc:postgresql://db:5432/dsr")
        .run(context -> assertThat(context).doesNotHaveBean(DemoTextsController.class));
    runner.withPropertyValues("dsr.demo.stores.enabled=true", "dsr.demo.mailbox.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:x")
        .run(context -> assertThat(context).doesNotHaveBean(DemoTextsController.class));
  }
}
