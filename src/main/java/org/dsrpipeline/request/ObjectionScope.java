package org.dsrpipeline.request;

/**
 * What an objection (GDPR Art. 21) or a withdrawal of consent (Art. 7(3)) is about. The name alone
 * reaches the process (variable {@code objectionScope}): it says nothing about the person.
 */
public enum ObjectionScope {
  /** Direct marketing: acted on at once, no balancing (Art. 21(2) and (3)); the default. */
  MARKETING,
  /** Processing on legitimate interests: the DPO weighs compelling grounds (Art. 21(1)). */
  PROCESSING,
  /** Withdrawal of consent (Art. 7(3)). */
  CONSENT
}
