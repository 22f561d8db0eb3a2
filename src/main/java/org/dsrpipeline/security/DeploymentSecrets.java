package org.dsrpipeline.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-deployment secrets: the key that signs requesters' status links and the key of erasure's
 * pseudonyms. Each is taken from configuration when set (at least 16 bytes); otherwise generated once
 * and kept in the database, so every node of a cluster shares it. A generated key is committed in a
 * transaction of its own: a caller's rollback must never leave a node using a key nobody stored.
 */
@Component
public class DeploymentSecrets {

  private static final String LINK_SIGNING = "link-signing";
  private static final String PSEUDONYM = "pseudonym-key";
  private static final String DEPLOYMENT_ID = "deployment-id";
  private static final int MIN_CONFIGURED_BYTES = 16;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private final byte[] configuredLinkKey;
  private final byte[] configuredPseudonymKey;
  private volatile byte[] linkSigningKey;
  private volatile byte[] pseudonymKey;
  private volatile String deploymentId;

  DeploymentSecrets(JdbcTemplate jdbc, PlatformTransactionManager transactions,
      @Value("${dsr.security.link-secret:}") String configuredLinkKey,
      @Value("${dsr.security.pseudonym-secret:}") String configuredPseudonymKey) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.configuredLinkKey = configured("dsr.security.link-secret (DSR_LINK_SECRET)", configuredLinkKey);
    this.configuredPseudonymKey = configured("dsr.security.pseudonym-secret (DSR_PSEUDONYM_SECRET)",
        configuredPseudonymKey);
  }

  byte[] linkSigningKey() {
    if (linkSigningKey == null) {
      linkSigningKey = configuredLinkKey != null ? configuredLinkKey : stored(LINK_SIGNING);
    }
    return linkSigningKey;
  }

  /**
   * The key of erasure's keyed pseudonyms. It must never change once data was pseudonymised with it:
   * the same value must keep giving the same pseudonym.
   */
  public byte[] pseudonymKey() {
    if (pseudonymKey == null) {
      pseudonymKey = configuredPseudonymKey != null ? configuredPseudonymKey : stored(PSEUDONYM);
    }
    return pseudonymKey;
  }

  /**
   * A random id of this deployment (shared by its nodes, different in every other one), e.g. for
   * Message-IDs. Not a secret: it is generated apart from the keys and tells nothing about them.
   */
  public String deploymentId() {
    if (deploymentId == null) {
      deploymentId = HexFormat.of().formatHex(stored(DEPLOYMENT_ID), 0, 10);
    }
    return deploymentId;
  }

  private static byte[] configured(String property, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    var bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_CONFIGURED_BYTES) {
      throw new IllegalStateException(property + " must be at least " + MIN_CONFIGURED_BYTES
          + " bytes long; leave it empty to have a random key generated and kept in the database");
    }
    return bytes;
  }

  private byte[] stored(String name) {
    var value = ownTransaction.execute(tx -> read(name));
    if (value == null) {
      var bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      try {
        ownTransaction.executeWithoutResult(tx -> jdbc.update(
            "insert into dsr_secret (name, secret_value) values (?, ?)", name, Base64.getEncoder().encodeToString(bytes)));
      } catch (DuplicateKeyException anotherNodeWasFirst) {
        // the winner's value is read below
      }
      value = ownTransaction.execute(tx -> read(name));
    }
    return Base64.getDecoder().decode(value);
  }

  private String read(String name) {
    return jdbc.queryForList("select secret_value from dsr_secret where name = ?", String.class, name).stream()
        .findFirst().orElse(null);
  }
}
