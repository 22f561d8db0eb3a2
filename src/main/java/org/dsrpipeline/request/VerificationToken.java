package org.dsrpipeline.request;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A one-time identity-confirmation link, stored only as the hash of its secret. */
@Entity
@Table(name = "dsr_verification_token")
class VerificationToken {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "dsr_verification_token_seq")
  @SequenceGenerator(name = "dsr_verification_token_seq", sequenceName = "dsr_verification_token_seq", allocationSize = 1)
  private Long id;

  @Column(name = "request_id", nullable = false)
  private Long requestId;

  @Column(name = "token_hash", nullable = false, unique = true)
  private String tokenHash;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  protected VerificationToken() {
  }

  VerificationToken(Long requestId, String tokenHash, Instant expiresAt) {
    this.requestId = requestId;
    this.tokenHash = tokenHash;
    this.expiresAt = expiresAt;
  }

  Long id() {
    return id;
  }

  Long requestId() {
    return requestId;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  boolean isUsed() {
    return usedAt != null;
  }

  boolean isExpiredAt(Instant now) {
    return now.isAfter(expiresAt);
  }
}
