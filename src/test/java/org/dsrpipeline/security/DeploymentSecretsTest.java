package org.dsrpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Configured secrets; the generated ones are exercised by every integration test. */
class DeploymentSecretsTest {

  @Test
  void aConfiguredLinkSecretShorterThan16BytesStopsTheStart() {
    assertThatThrownBy(() -> new DeploymentSecrets(null, null, "too-short", ""))
        .hasMessageContaining("DSR_LINK_SECRET").hasMessageContaining("at least 16 bytes");
  }

  @Test
  void aConfiguredPseudonymSecretShorterThan16BytesStopsTheStart() {
    assertThatThrownBy(() -> new DeploymentSecrets(null, null, "", "short"))
        .hasMessageContaining("DSR_PSEUDONYM_SECRET");
  }

  @Test
  void configuredSecretsAreUsedAsTheirUtf8Bytes() {
    var secrets = new DeploymentSecrets(null, null, "κλειδί-υπογραφής-συνδέσμων", "pseudonym-key-of-this-deployment");

    assertThat(secrets.linkSigningKey()).isEqualTo("κλειδί-υπογραφής-συνδέσμων".getBytes(StandardCharsets.UTF_8));
    assertThat(secrets.pseudonymKey()).isEqualTo("pseudonym-key-of-this-deployment".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyDeploymentHasItsOwnIdSharedByItsNodes() {
    var oneDatabase = org.dsrpipeline.support.AppDatabase.freshH2();
    var otherDatabase = org.dsrpipeline.support.AppDatabase.freshH2();

    var firstNode = secretsOn(oneDatabase).deploymentId();
    var secondNode = secretsOn(oneDatabase).deploymentId();
    var otherDeployment = secretsOn(otherDatabase).deploymentId();

    assertThat(firstNode).matches("[0-9a-f]{20}").isEqualTo(secondNode).isNotEqualTo(otherDeployment);
  }

  private static DeploymentSecrets secretsOn(javax.sql.DataSource database) {
    return new DeploymentSecrets(new org.springframework.jdbc.core.JdbcTemplate(database),
        new org.springframework.jdbc.datasource.DataSourceTransactionManager(database), "", "");
  }
}
