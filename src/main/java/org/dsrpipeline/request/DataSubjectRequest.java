package org.dsrpipeline.request;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.dsrpipeline.deadline.Deadline;

/**
 * The DSR aggregate: the request with the requester's personal data. Only this table holds it;
 * the process instance knows the request by its reference alone.
 */
@Entity
@Table(name = "dsr_request")
public class DataSubjectRequest {

  @Id
  private Long id;

  @Column(nullable = false, unique = true)
  private String reference;

  @Enumerated(EnumType.STRING)
  @Column(name = "request_type", nullable = false)
  private RequestType type;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private RequestStatus status;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Channel channel;

  @Column(nullable = false)
  private String email;

  private String phone;

  @Column(name = "full_name")
  private String fullName;

  @Column(nullable = false)
  private String language;

  private String details;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "dsr_correction", joinColumns = @JoinColumn(name = "request_id"))
  @OrderColumn(name = "list_index")
  private List<Correction> corrections = new ArrayList<>();

  @Enumerated(EnumType.STRING)
  @Column(name = "objection_scope")
  private ObjectionScope objectionScope;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  @Column(name = "recorded_by")
  private String recordedBy;

  @Column(name = "identity_verified_at")
  private Instant identityVerifiedAt;

  @Column(name = "clock_started_at")
  private Instant clockStartedAt;

  @Column(name = "due_date")
  private LocalDate dueDate;

  @Column(name = "due_at")
  private Instant dueAt;

  @Column(name = "first_due_at")
  private Instant firstDueAt;

  @Column(nullable = false)
  private boolean extended;

  @Column(name = "extension_reason")
  private String extensionReason;

  @Column(name = "refusal_reasons")
  private String refusalReasons;

  @Column(name = "outcome_summary")
  private String outcomeSummary;

  @Column(name = "closed_at")
  private Instant closedAt;

  @Column(name = "restricted_at")
  private Instant restrictedAt;

  @Column(name = "restriction_lift_reason")
  private String restrictionLiftReason;

  @Column(name = "restriction_lifts_at")
  private Instant restrictionLiftsAt;

  @Column(name = "restriction_lifted_at")
  private Instant restrictionLiftedAt;

  @Column(name = "objection_grounds")
  private String objectionGrounds;

  @Version
  private Long version;

  protected DataSubjectRequest() {
  }

  DataSubjectRequest(long id, String reference, RequestType type, Channel channel, Requester requester,
      String details, List<Correction> corrections, Instant receivedAt, String recordedBy) {
    this.id = id;
    this.reference = reference;
    this.type = type;
    this.channel = channel;
    this.email = requester.email();
    this.phone = requester.phone();
    this.fullName = requester.fullName();
    this.language = requester.language();
    this.details = details;
    this.corrections = new ArrayList<>(corrections);
    this.receivedAt = receivedAt;
    this.recordedBy = recordedBy;
    this.status = RequestStatus.AWAITING_VERIFICATION;
  }

  /** Only an objection has one. */
  void objectTo(ObjectionScope scope) {
    if (scope != null && type != RequestType.OBJECTION) {
      throw new IllegalArgumentException("Only an objection has a scope, not a " + type + " request");
    }
    objectionScope = scope;
  }

  void confirmIdentity(Instant at) {
    identityVerifiedAt = at;
    status = RequestStatus.IN_PROGRESS;
  }

  void startClock(Instant at, Deadline deadline) {
    clockStartedAt = at;
    firstDueAt = deadline.dueAt();
    moveDeadline(deadline);
  }

  void extend(Deadline deadline, String reason) {
    extended = true;
    extensionReason = reason;
    moveDeadline(deadline);
  }

  private void moveDeadline(Deadline deadline) {
    dueDate = deadline.dueDate();
    dueAt = deadline.dueAt();
  }

  void markOverdue() {
    status = RequestStatus.OVERDUE;
  }

  void close(RequestStatus finalStatus, Instant at) {
    status = finalStatus;
    closedAt = at;
  }

  void recordRefusal(String reasons) {
    refusalReasons = reasons;
  }

  void recordOutcome(String summary) {
    outcomeSummary = summary;
  }

  void restrict(Instant at) {
    restrictedAt = at;
  }

  void recordRestrictionLiftReason(String reason) {
    restrictionLiftReason = reason;
  }

  void announceRestrictionLift(Instant liftsAt) {
    restrictionLiftsAt = liftsAt;
  }

  void liftRestriction(Instant at) {
    restrictionLiftedAt = at;
  }

  void recordObjectionGrounds(String grounds) {
    objectionGrounds = grounds;
  }

  public Long id() {
    return id;
  }

  public String reference() {
    return reference;
  }

  public RequestType type() {
    return type;
  }

  public RequestStatus status() {
    return status;
  }

  public Channel channel() {
    return channel;
  }

  public String email() {
    return email;
  }

  public String phone() {
    return phone;
  }

  public String fullName() {
    return fullName;
  }

  public String language() {
    return language;
  }

  public String details() {
    return details;
  }

  public List<Correction> corrections() {
    return List.copyOf(corrections);
  }

  /** What an objection is about; null for the other rights. */
  public ObjectionScope objectionScope() {
    return objectionScope;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  public String recordedBy() {
    return recordedBy;
  }

  public Instant identityVerifiedAt() {
    return identityVerifiedAt;
  }

  public Instant clockStartedAt() {
    return clockStartedAt;
  }

  public LocalDate dueDate() {
    return dueDate;
  }

  public Instant dueAt() {
    return dueAt;
  }

  public Instant firstDueAt() {
    return firstDueAt;
  }

  public boolean extended() {
    return extended;
  }

  public String extensionReason() {
    return extensionReason;
  }

  public String refusalReasons() {
    return refusalReasons;
  }

  public String outcomeSummary() {
    return outcomeSummary;
  }

  public Instant closedAt() {
    return closedAt;
  }

  public Instant restrictedAt() {
    return restrictedAt;
  }

  /** Restricted in the stores (Art. 18) and not lifted yet, whatever the request's status. */
  public boolean restricted() {
    return restrictedAt != null && restrictionLiftedAt == null;
  }

  public String restrictionLiftReason() {
    return restrictionLiftReason;
  }

  public Instant restrictionLiftsAt() {
    return restrictionLiftsAt;
  }

  public Instant restrictionLiftedAt() {
    return restrictionLiftedAt;
  }

  public String objectionGrounds() {
    return objectionGrounds;
  }
}
