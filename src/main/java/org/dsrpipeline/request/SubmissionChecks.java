package org.dsrpipeline.request;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.request.InvalidRequestException.FieldError;
import org.springframework.stereotype.Component;

/** Turns a syntactically valid {@link RequestInput} into a {@link Submission}, or names what is wrong. */
@Component
class SubmissionChecks {

  private final LegalClock legalClock;
  private final Clock clock;

  SubmissionChecks(LegalClock legalClock, Clock clock) {
    this.legalClock = legalClock;
    this.clock = clock;
  }

  Submission fromRequester(RequestInput input) {
    var errors = commonErrors(input);
    if (input.channel() != null) {
      errors.add(new FieldError("channel", "is set by the DPO only"));
    }
    if (input.receivedAt() != null) {
      errors.add(new FieldError("receivedAt", "is set by the DPO only"));
    }
    if (input.identityVerified() != null) {
      errors.add(new FieldError("identityVerified", "is set by the DPO only"));
    }
    throwIfAny(errors);
    return new Submission(input.type(), input.requester(), input.detailsOrNull(), input.correctionList(),
        Channel.WEB, clock.instant(), null, false);
  }

  Submission fromDpo(RequestInput input, String dpoUser) {
    var errors = commonErrors(input);
    if (input.channel() == null) {
      errors.add(new FieldError("channel", "must be one of POST, PHONE, EMAIL, IN_PERSON"));
    } else if (input.channel() == Channel.WEB) {
      errors.add(new FieldError("channel", "WEB requests come through the intake API; use POST, PHONE, EMAIL or IN_PERSON"));
    }
    Instant receivedAt = null;
    if (input.receivedAt() == null) {
      errors.add(new FieldError("receivedAt", "must not be null"));
    } else {
      receivedAt = parseReceivedAt(input.receivedAt());
      if (receivedAt == null) {
        errors.add(new FieldError("receivedAt", "must be a date (2026-11-02) or a date-time with offset (2026-11-02T09:30:00+02:00)"));
      } else if (receivedAt.isAfter(clock.instant())) {
        errors.add(new FieldError("receivedAt", "must not be in the future"));
      }
    }
    throwIfAny(errors);
    return new Submission(input.type(), input.requester(), input.detailsOrNull(), input.correctionList(),
        input.channel(), receivedAt, dpoUser, Boolean.TRUE.equals(input.identityVerified()));
  }

  private List<FieldError> commonErrors(RequestInput input) {
    var errors = new ArrayList<FieldError>();
    boolean hasCorrections = input.corrections() != null && !input.corrections().isEmpty();
    if (input.type() == RequestType.RECTIFICATION && !hasCorrections) {
      errors.add(new FieldError("corrections", "must list at least one {field, value} for a RECTIFICATION request"));
    }
    if (input.type() != RequestType.RECTIFICATION && hasCorrections) {
      errors.add(new FieldError("corrections", "only apply to a RECTIFICATION request"));
    }
    return errors;
  }

  private Instant parseReceivedAt(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notADateTime) {
      try {
        return LocalDate.parse(text).atStartOfDay(legalClock.zone()).toInstant();
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
  }
}
