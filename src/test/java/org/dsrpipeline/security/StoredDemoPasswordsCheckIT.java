package org.dsrpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.dsrpipeline.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** On the engine of the shared test context, whose admin and dpo keep the demo passwords. */
class StoredDemoPasswordsCheckIT extends IntegrationTest {

  @Autowired IdentityService identity;

  @Test
  void storedAccountsThatStillAcceptTheDemoPasswordsStopTheStart() {
    var check = new StoredDemoPasswordsCheck(identity, "admin", "dpo");

    assertThatThrownBy(check::check).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'admin' still accepts the demo password 'admin'")
        .hasMessageContaining("'dpo' still accepts the demo password 'dpo'")
        .hasMessageContaining("Camunda Admin");
  }

  @Test
  void accountsWithRealPasswordsPass() {
    var admin = user("realadmin", "A-real-secret-1");
    var dpo = user("realdpo", "A-real-secret-2");

    assertThatCode(() -> new StoredDemoPasswordsCheck(identity, admin, dpo).check()).doesNotThrowAnyException();
    assertThatThrownBy(() -> new StoredDemoPasswordsCheck(identity, admin, "dpo").check())
        .hasMessageContaining("'dpo'").hasMessageNotContaining(admin);
  }

  @Test
  void theCheckRunsOnlyOutsideTheDemo(@Autowired ApplicationContext context) {
    assertThat(context.getBeansOfType(StoredDemoPasswordsCheck.class)).isEmpty();
  }

  private String user(String prefix, String password) {
    var id = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    var user = identity.newUser(id);
    user.setPassword(password);
    identity.saveUser(user);
    return id;
  }
}
