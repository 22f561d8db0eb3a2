package org.dsrpipeline.rights.proof;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The rules of a phone code, without storage: 6 random digits; kept only as an HMAC under a deployment
 * secret (a plain hash of a million possible codes would be reversed at once); valid for
 * {@code codeValidity}; dead after {@code maxWrongTries} wrong tries; a new one at most every
 * {@code resendInterval}.
 */
final class OneTimeCodes {

  static final Pattern FORMAT = Pattern.compile("\\d{6}");

  /** What entering a code did. {@code triesLeft} only for WRONG. */
  record Verdict(Kind kind, int triesLeft) {

    enum Kind { PROVEN, WRONG, DEAD, EXPIRED }

    static Verdict of(Kind kind) {
      return new Verdict(kind, 0);
    }
  }

  private final PhoneProofProperties rules;
  private final Supplier<byte[]> key;
  private final SecureRandom random = new SecureRandom();

  OneTimeCodes(PhoneProofProperties rules, Supplier<byte[]> key) {
    this.rules = rules;
    this.key = key;
  }

  String newCode() {
    return String.format("%06d", random.nextInt(1_000_000));
  }

  /** Bound to the request, so the same digits of two requests hash apart. */
  String hash(long requestId, String code) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.get(), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(("phone-code:" + requestId + ":" + code)
          .getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  Instant expiry(Instant issuedAt) {
    return issuedAt.plus(rules.codeValidity());
  }

  /** How long until a new code may be issued after one issued at {@code lastIssuedAt}; empty when it may now. */
  Optional<Duration> waitBeforeNext(Instant lastIssuedAt, Instant now) {
    var allowedAt = lastIssuedAt.plus(rules.resendInterval());
    return now.isBefore(allowedAt) ? Optional.of(Duration.between(now, allowedAt)) : Optional.empty();
  }

  /** {@code given} must already be 6 digits ({@link #FORMAT}). A wrong try is counted by the caller. */
  Verdict check(PhoneCode code, String given, Instant now) {
    if (code.status() != PhoneCode.Status.ACTIVE) {
      return Verdict.of(Verdict.Kind.DEAD);
    }
    if (!now.isBefore(code.expiresAt())) {
      return Verdict.of(Verdict.Kind.EXPIRED);
    }
    var matches = MessageDigest.isEqual(code.codeHash().getBytes(StandardCharsets.US_ASCII),
        hash(code.requestId(), given).getBytes(StandardCharsets.US_ASCII));
    if (matches) {
      return Verdict.of(Verdict.Kind.PROVEN);
    }
    var left = rules.maxWrongTries() - (code.wrongTries() + 1);
    return left <= 0 ? Verdict.of(Verdict.Kind.DEAD) : new Verdict(Verdict.Kind.WRONG, left);
  }
}
