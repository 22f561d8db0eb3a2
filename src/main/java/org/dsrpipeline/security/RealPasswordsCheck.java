package org.dsrpipeline.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Outside the demo ({@code dsr.security.require-real-passwords=true}, set by profile postgres) the
 * administrator and the DPO must not keep an empty or demo password: the service stops before the
 * engine creates any user, until ADMIN_PASSWORD and DPO_PASSWORD are set.
 */
public class RealPasswordsCheck implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.getProperty("dsr.security.require-real-passwords", Boolean.class, false)) {
      check(environment, "camunda.bpm.admin-user.password", "ADMIN_PASSWORD", "admin");
      check(environment, "dsr.dpo-user.password", "DPO_PASSWORD", "dpo");
    }
  }

  private static void check(ConfigurableEnvironment environment, String property, String variable, String demo) {
    String value;
    try {
      value = environment.getProperty(property, "");
    } catch (IllegalArgumentException unresolvable) {
      value = "";
    }
    if (value.isBlank() || value.equals(demo) || value.contains("${")) {
      throw new IllegalStateException("Set " + variable + " (" + property + ") to a real password: outside the "
          + "embedded demo the service does not start with an empty or demo password.");
    }
  }
}
