package org.dsrpipeline.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The per-deployment secrets: the key that signs requesters' status links and the key of erasure's
 * pseudonyms. Each is taken from configuration when set; otherwise generated once and kept in the
 * database, so every node of a cluster shares it.
 */
@Component
public class DeploymentSecrets {

  private static final String LINK_SIGNING = "link-signing";
  private static final String PSEUDONYM = "pseudonym-key";

  private final JdbcTemplate jdbc;
  private final String configured;
  private final String configuredPseudonym;
  private volatile byte[] linkSigningKey;
  private volatile byte[] pseudonymKey;

  DeploymentSecrets(JdbcTemplate jdbc, @Value("${dsr.security.link-secret:}") String configured,
      @Value("${dsr.security.pseudonym-secret:}") String configuredPseudonym) {
    this.jdbc = jdbc;
    this.configured = configured;
    this.configuredPseudonym = configuredPseudonym;
  }

  byte[] linkSigningKey() {
    if (linkSigningKey == null) {
      linkSigningKey = configured.isBlank() ? stored(LINK_SIGNING) : configured.getBytes();
    }
    return linkSigningKey;
  }

  /**
   * The key of erasure's keyed pseudonyms. It must never change once data was pseudonymised with it:
   * the same value must keep giving the same pseudonym.
   */
  public byte[] pseudonymKey() {
    if (pseudonymKey == null) {
      pseudonymKey = configuredPseudonym.isBlank() ? stored(PSEUDONYM)
          : configuredPseudonym.getBytes(StandardCharsets.UTF_8);
    }
    return pseudonymKey;
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
