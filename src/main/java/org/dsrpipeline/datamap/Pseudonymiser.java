package org.dsrpipeline.datamap;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a value by {@code pseud:} and the base64url HMAC-SHA256 of it under the deployment's key
 * (49 characters). The same value always gives the same pseudonym, so a suppression list still works
 * and erasing twice changes nothing; without the key no one can tell which value it was.
 */
public final class Pseudonymiser {

  public static final String PREFIX = "pseud:";
  public static final int LENGTH = PREFIX.length() + 43;
  private static final int MIN_KEY_BYTES = 16;

  private final Supplier<byte[]> key;
  private volatile SecretKeySpec spec;

  /** The key is fetched on first use, so the pseudonymiser can be built before the database is migrated. */
  public Pseudonymiser(Supplier<byte[]> key) {
    this.key = key;
  }

  public static boolean isPseudonym(Object value) {
    return value instanceof String text && text.startsWith(PREFIX) && text.length() == LENGTH;
  }

  /** The pseudonym of {@code value}; a pseudonym is returned as it is. */
  public String pseudonym(String value) {
    if (isPseudonym(value)) {
      return value;
    }
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(spec());
      var digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private SecretKeySpec spec() {
    if (spec == null) {
      var bytes = key.get();
      if (bytes == null || bytes.length < MIN_KEY_BYTES) {
        throw new IllegalStateException("The pseudonymisation key must be at least " + MIN_KEY_BYTES
            + " bytes long (dsr.security.pseudonym-secret)");
      }
      spec = new SecretKeySpec(bytes, "HmacSHA256");
    }
    return spec;
  }
}
