package org.dsrpipeline.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class RealPasswordsCheckTest {

  private final RealPasswordsCheck check = new RealPasswordsCheck();

  @Test
  void outsideTheDemoAnEmptyAdminPasswordStopsTheStart() {
    var environment = required().withProperty("dsr.dpo-user.password", "a-real-one");

    assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("Set ADMIN_PASSWORD");
  }

  @Test
  void outsideTheDemoTheDemoDpoPasswordStopsTheStart() {
    var environment = required().withProperty("camunda.bpm.admin-user.password", "s3cret-admin")
        .withProperty("dsr.dpo-user.password", "dpo");

    assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("Set DPO_PASSWORD");
  }

  @Test
  void realPasswordsPass() {
    var environment = required().withProperty("camunda.bpm.admin-user.password", "s3cret-admin")
        .withProperty("dsr.dpo-user.password", "s3cret-dpo");

    assertThatCode(() -> check.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
  }

  @Test
  void theDemoKeepsItsDefaults() {
    var environment = new MockEnvironment().withProperty("camunda.bpm.admin-user.password", "admin");

    assertThatCode(() -> check.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
  }

  private static MockEnvironment required() {
    return new MockEnvironment().withProperty("dsr.security.require-real-passwords", "true");
  }
}
