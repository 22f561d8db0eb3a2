package org.dsrpipeline.security;

import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The per-deployment secret that signs requesters' status links. Taken from configuration when
 * set; otherwise generated once and kept in the database, so every node of a cluster shares it.
 */
@Component
class DeploymentSecrets {

  private static final String LINK_SIGNING = "link-signing";

  private final JdbcTemplate jdbc;
  private final String configured;
  private volatile byte[] linkSigningKey;

  DeploymentSecrets(JdbcTemplate jdbc, @Value("${dsr.security.link-secret:}") String configured) {
    this.jdbc = jdbc;
    this.configured = configured;
  }

  byte[] linkSigningKey() {
    if (linkSigningKey == null) {
      linkSigningKey = configured.isBlank() ? stored(LINK_SIGNING) : configured.getBytes();
    }
    return linkSigningKey;
  }

  private byte[] stored(String name) {
    var existing = jdbc.queryForList("select secret_value from dsr_secret where name = ?", String.class, name);
    if (existing.isEmpty()) {
      var bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      try {
        jdbc.update("insert into dsr_secret (name, secret_value) values (?, ?)", name,
            Base64.getEncoder().encodeToString(bytes));
      } catch (DuplicateKeyException anotherNodeWasFirst) {
        // fall through and read the winner's value
      }
      existing = jdbc.queryForList("select secret_value from dsr_secret where name = ?", String.class, name);
    }
    return Base64.getDecoder().decode(existing.get(0));
  }
}
