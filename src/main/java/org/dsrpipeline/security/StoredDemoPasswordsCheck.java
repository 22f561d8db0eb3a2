package org.dsrpipeline.security;

import java.util.ArrayList;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@link RealPasswordsCheck} sees only the configured passwords; users are created once, so a
 * database first started as the demo keeps {@code admin}/{@code admin} and {@code dpo}/{@code dpo}
 * whatever is configured later. Outside the demo ({@code dsr.security.require-real-passwords},
 * profile postgres), starting stops once the engine is up when a stored account still accepts its
 * demo password.
 */
@Component
@ConditionalOnProperty(name = "dsr.security.require-real-passwords", havingValue = "true")
class StoredDemoPasswordsCheck implements ApplicationRunner {

  private final IdentityService identity;
  private final String adminUser;
  private final String dpoUser;

  StoredDemoPasswordsCheck(IdentityService identity, @Value("${camunda.bpm.admin-user.id:admin}") String adminUser,
      @Value("${dsr.dpo-user.id:dpo}") String dpoUser) {
    this.identity = identity;
    this.adminUser = adminUser;
    this.dpoUser = dpoUser;
  }

  @Override
  public void run(ApplicationArguments args) {
    check();
  }

  void check() {
    var demo = new ArrayList<String>();
    if (identity.checkPassword(adminUser, "admin")) {
      demo.add("'" + adminUser + "' still accepts the demo password 'admin'");
    }
    if (identity.checkPassword(dpoUser, "dpo")) {
      demo.add("'" + dpoUser + "' still accepts the demo password 'dpo'");
    }
    if (!demo.isEmpty()) {
      throw new IllegalStateException("The stored user " + String.join(" and user ", demo) + ": this database was "
          + "first started as the embedded demo, and users keep the password they were created with. Outside the "
          + "demo the service does not start so. Start once with --dsr.security.require-real-passwords=false, "
          + "change the password in Camunda Admin (/camunda/app/admin/, Users), then start normally.");
    }
  }
}
