package org.dsrpipeline.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Stateless form nonces for anonymous pages: an HMAC of what the form acts on, keyed with the
 * deployment's link secret. A page puts the nonce in its form; the POST must bring it back, so a
 * confirmation can only come from a form this service rendered, and no session is needed.
 */
@Component
public class FormNonces {

  private final DeploymentSecrets secrets;

  FormNonces(DeploymentSecrets secrets) {
    this.secrets = secrets;
  }

  public String nonceFor(String purpose, String subject) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secrets.linkSigningKey(), "HmacSHA256"));
      var digest = mac.doFinal(("form:" + purpose + ":" + subject).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  public boolean isValid(String purpose, String subject, String nonce) {
    if (nonce == null || subject == null) {
      return false;
    }
    return MessageDigest.isEqual(nonceFor(purpose, subject).getBytes(StandardCharsets.US_ASCII),
        nonce.getBytes(StandardCharsets.US_ASCII));
  }
}
