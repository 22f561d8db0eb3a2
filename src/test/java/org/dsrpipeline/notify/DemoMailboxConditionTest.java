package org.dsrpipeline.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The demo mail catcher shows one-time links to anyone: it must never run beside a real database. */
class DemoMailboxConditionTest {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnDemoMailbox
  static class Mailbox {
    @Bean
    String mailboxMarker() {
      return "mailbox";
    }
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Mailbox.class);

  @Test
  void itRunsOnTheEmbeddedH2DefaultWhenEnabled() {
    runner.withPropertyValues("dsr.demo.mailbox.enabled=true", "spring.datasource.url=jdbc:h2:file:./data/dsr-pipeline")
        .run(context -> assertThat(context).hasBean("mailboxMarker"));
  }

  @Test
  void itNeverRunsOnPostgresqlEvenWhenEnabled() {
    runner.withPropertyValues("dsr.demo.mailbox.enabled=true", "spring.datasource.url=jdbc:postgresql://db:5432/dsr")
        .run(context -> assertThat(context).doesNotHaveBean("mailboxMarker"));
  }

  @Test
  void itIsOffWhenDisabled() {
    runner.withPropertyValues("dsr.demo.mailbox.enabled=false", "spring.datasource.url=jdbc:h2:mem:x")
        .run(context -> assertThat(context).doesNotHaveBean("mailboxMarker"));
  }
}
