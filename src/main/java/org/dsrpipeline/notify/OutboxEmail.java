package org.dsrpipeline.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** An email written in the same transaction as the state change it reports, sent after commit. */
@Entity
@Table(name = "dsr_email_outbox")
public class OutboxEmail {

  public enum Status { PENDING, SENT, FAILED }

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "dsr_email_outbox_seq")
  @SequenceGenerator(name = "dsr_email_outbox_seq", sequenceName = "dsr_email_outbox_seq", allocationSize = 1)
  private Long id;

  @Column(name = "request_id")
  private Long requestId;

  @Column(nullable = false)
  private String template;

  @Column(nullable = false)
  private String recipient;

  @Column(nullable = false)
  private String subject;

  private String body;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  private Instant nextAttemptAt;

  @Column(name = "claimed_until")
  private Instant claimedUntil;

  @Column(name = "last_error")
  private String lastError;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "sent_at")
  private Instant sentAt;

  protected OutboxEmail() {
  }

  OutboxEmail(Long requestId, String template, String recipient, RenderedEmail email, Instant now) {
    this.requestId = requestId;
    this.template = template;
    this.recipient = recipient;
    this.subject = email.subject();
    this.body = email.htmlBody();
    this.status = Status.PENDING;
    this.nextAttemptAt = now;
    this.createdAt = now;
  }

  public Long id() {
    return id;
  }

  public Long requestId() {
    return requestId;
  }

  public String template() {
    return template;
  }

  public String recipient() {
    return recipient;
  }

  public String subject() {
    return subject;
  }

  public String body() {
    return body;
  }

  public Status status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  public Instant nextAttemptAt() {
    return nextAttemptAt;
  }

  public String lastError() {
    return lastError;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant sentAt() {
    return sentAt;
  }
}
