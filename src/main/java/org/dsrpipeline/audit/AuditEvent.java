package org.dsrpipeline.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One entry of a request's evidence trail. Immutable: written once, never updated or deleted. */
@Entity
@Immutable
@Table(name = "dsr_audit_event")
public class AuditEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "dsr_audit_event_seq")
  @SequenceGenerator(name = "dsr_audit_event_seq", sequenceName = "dsr_audit_event_seq", allocationSize = 1)
  private Long id;

  @Column(name = "request_id", nullable = false, updatable = false)
  private Long requestId;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  @Column(nullable = false, updatable = false)
  private String actor;

  @Column(nullable = false, updatable = false)
  private String action;

  @Column(nullable = false, updatable = false)
  private String outcome;

  @Column(name = "legal_basis", updatable = false)
  private String legalBasis;

  protected AuditEvent() {
  }

  AuditEvent(Long requestId, Instant occurredAt, String actor, AuditAction action, String outcome,
      String legalBasis) {
    this.requestId = requestId;
    this.occurredAt = occurredAt;
    this.actor = actor;
    this.action = action.name();
    this.outcome = outcome;
    this.legalBasis = legalBasis;
  }

  public Long id() {
    return id;
  }

  public Long requestId() {
    return requestId;
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  public String actor() {
    return actor;
  }

  public AuditAction action() {
    return AuditAction.valueOf(action);
  }

  public String outcome() {
    return outcome;
  }

  public String legalBasis() {
    return legalBasis;
  }
}
