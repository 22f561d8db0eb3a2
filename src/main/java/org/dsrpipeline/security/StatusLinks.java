package org.dsrpipeline.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The requester's secret status link: the reference plus an HMAC of it. Nothing is stored, so the
 * link can be put in every email, and it cannot be guessed from the reference.
 */
@Component
public class StatusLinks {

  private static final Pattern TOKEN = Pattern.compile("(DSR-\\d{4}-\\d{6,})\\.([A-Za-z0-9_-]{43})");

  private final DeploymentSecrets secrets;

  StatusLinks(DeploymentSecrets secrets) {
    this.secrets = secrets;
  }

  public String tokenFor(String reference) {
    return reference + "." + signature(reference);
  }

  /** The reference the token was issued for, if it is genuine. */
  public Optional<String> referenceOf(String token) {
    var matcher = TOKEN.matcher(token == null ? "" : token);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    var reference = matcher.group(1);
    var expected = signature(reference).getBytes(StandardCharsets.US_ASCII);
    var given = matcher.group(2).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? Optional.of(reference) : Optional.empty();
  }

  private String signature(String reference) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secrets.linkSigningKey(), "HmacSHA256"));
      var digest = mac.doFinal(("status:" + reference).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
