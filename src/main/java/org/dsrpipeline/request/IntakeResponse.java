package org.dsrpipeline.request;

import java.time.Instant;
import java.time.LocalDate;

/** What the requester (or the DPO recording a request) gets back: the reference and the secret status link. */
record IntakeResponse(String reference, RequestStatus status, Instant receivedAt, LocalDate dueDate,
    String statusUrl) {

  static IntakeResponse of(IntakeService.Accepted accepted) {
    var request = accepted.request();
    return new IntakeResponse(request.reference(), request.status(), request.receivedAt(), request.dueDate(),
        accepted.statusUrl());
  }
}
