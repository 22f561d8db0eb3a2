package org.dsrpipeline.rights.proof;

import java.time.Duration;

/** A new code was asked for before the resend interval passed: answered 429 with Retry-After. */
public class PhoneCodeTooSoon extends RuntimeException {

  private final Duration wait;

  PhoneCodeTooSoon(Duration wait) {
    super("A code was sent less than a minute ago; ask for a new one in " + Math.max(1, wait.toSeconds())
        + " seconds");
    this.wait = wait;
  }

  public long retryAfterSeconds() {
    return Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
  }
}
