package org.dsrpipeline.request;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Everything about one request, for the DPO only. */
record DpoRequestView(String reference, RequestType type, ObjectionScope objectionScope, RequestStatus status,
    Channel channel,
    String email, String phone, String fullName, String language, String details,
    List<CorrectionView> corrections, Instant receivedAt, String recordedBy, Instant identityVerifiedAt,
    Instant clockStartedAt, LocalDate dueDate, Instant dueAt, boolean extended, String extensionReason,
    String refusalReasons, String outcomeSummary, Instant closedAt, Restriction restriction,
    String objectionGrounds) {

  /** Art. 18: null when never restricted; {@code restricted} until the DPO's lift has taken effect. */
  record Restriction(boolean restricted, Instant restrictedAt, String liftReason, Instant liftsAt, Instant liftedAt) {

    static Restriction of(DataSubjectRequest r) {
      return r.restrictedAt() == null ? null : new Restriction(r.restricted(), r.restrictedAt(),
          r.restrictionLiftReason(), r.restrictionLiftsAt(), r.restrictionLiftedAt());
    }
  }

  record CorrectionView(String field, String value) {
  }

  record Summary(String reference, RequestType type, RequestStatus status, Channel channel,
      Instant receivedAt, LocalDate dueDate) {

    static Summary of(DataSubjectRequest r) {
      return new Summary(r.reference(), r.type(), r.status(), r.channel(), r.receivedAt(), r.dueDate());
    }
  }

  static DpoRequestView of(DataSubjectRequest r) {
    return new DpoRequestView(r.reference(), r.type(), r.objectionScope(), r.status(), r.channel(), r.email(), r.phone(),
        r.fullName(), r.language(), r.details(),
        r.corrections().stream().map(c -> new CorrectionView(c.field(), c.value())).toList(),
        r.receivedAt(), r.recordedBy(), r.identityVerifiedAt(), r.clockStartedAt(), r.dueDate(), r.dueAt(),
        r.extended(), r.extensionReason(), r.refusalReasons(), r.outcomeSummary(), r.closedAt(),
        Restriction.of(r), r.objectionGrounds());
  }
}
