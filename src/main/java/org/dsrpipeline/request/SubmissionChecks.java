package org.dsrpipeline.request;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import org.dsrpipeline.delivery.Destinations;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jakarta.validation.Validator;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.request.InvalidRequestException.FieldError;
import org.springframework.stereotype.Component;

/** Turns a syntactically valid {@link RequestInput} into a {@link Submission}, or names what is wrong. */
@Component
class SubmissionChecks {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
  /** Letters of any script (with their accents), spaces and the punctuation of names: what an email may greet. */
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} .,'\u2019-]*");
  /** Control characters (PostgreSQL refuses NUL in text); free texts keep their tabs and line breaks. */
  private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
  private static final Pattern CONTROL_IN_TEXT = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

  private final LegalClock legalClock;
  private final Clock clock;
  private final Validator validator;
  private final Destinations destinations;

  SubmissionChecks(LegalClock legalClock, Clock clock, Validator validator, Destinations destinations) {
    this.destinations = destinations;
    this.legalClock = legalClock;
    this.clock = clock;
    this.validator = validator;
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
    return new Submission(RequestType.valueOf(input.type()), input.requester(), input.detailsOrNull(),
        input.correctionList(), Channel.WEB, clock.instant(), null, false, objectionScope(input), transmitTo(input));
  }

  Submission fromDpo(RequestInput input, String dpoUser) {
    var errors = commonErrors(input);
    var channel = enumValue(input.channel(), Channel.class);
    if (channel == null || channel == Channel.WEB) {
      errors.add(new FieldError("channel", input.channel() != null && channel == Channel.WEB
          ? "WEB requests come through the intake API; use POST, PHONE, EMAIL or IN_PERSON"
          : "must be one of POST, PHONE, EMAIL, IN_PERSON"));
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
    return new Submission(RequestType.valueOf(input.type()), input.requester(), input.detailsOrNull(),
        input.correctionList(), channel, receivedAt, dpoUser, Boolean.TRUE.equals(input.identityVerified()),
        objectionScope(input), transmitTo(input));
  }

  /** Every problem at once: the annotations' and the rules between fields. */
  private List<FieldError> commonErrors(RequestInput input) {
    var errors = new ArrayList<FieldError>();
    validator.validate(input).forEach(v -> errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage())));
    textErrors(input, errors);
    var type = enumValue(input.type(), RequestType.class);
    if (input.type() != null && type == null) {
      errors.add(new FieldError("type", "must be one of " + Arrays.stream(RequestType.values()).map(Enum::name)
          .collect(Collectors.joining(", "))));
    }
    boolean hasCorrections = input.corrections() != null && !input.corrections().isEmpty();
    if (type == RequestType.RECTIFICATION && !hasCorrections) {
      errors.add(new FieldError("corrections", "must list at least one {field, value} for a RECTIFICATION request"));
    }
    if (type != null && type != RequestType.RECTIFICATION && hasCorrections) {
      errors.add(new FieldError("corrections", "only apply to a RECTIFICATION request"));
    }
    if (input.transmitTo() != null && type != null && type != RequestType.PORTABILITY) {
      errors.add(new FieldError("transmitTo", "applies only to a PORTABILITY request"));
    } else if (input.transmitTo() != null) {
      destinations.problem(input.transmitTo()).ifPresent(p -> errors.add(new FieldError("transmitTo", p)));
    }
    if (input.scope() != null && type != null && type != RequestType.OBJECTION) {
      errors.add(new FieldError("scope", "applies only to an OBJECTION request"));
    } else if (input.scope() != null && enumValue(input.scope(), ObjectionScope.class) == null) {
      errors.add(new FieldError("scope", "must be one of " + Arrays.stream(ObjectionScope.values()).map(Enum::name)
          .collect(Collectors.joining(", "))));
    }
    return errors;
  }

  private static void textErrors(RequestInput input, List<FieldError> errors) {
    if (input.email() != null && CONTROL.matcher(input.email()).find()) {
      errors.add(new FieldError("email", "must not contain control characters"));
    }
    if (input.phone() != null && !E164.matcher(input.phoneOrNull()).matches()) {
      errors.add(new FieldError("phone", "must be a phone number with its country code, such as +30 691 234 5678"));
    }
    if (input.fullName() != null && !input.fullName().isBlank() && !NAME.matcher(input.fullName().strip()).matches()) {
      errors.add(new FieldError("fullName", "may contain only letters, spaces and the punctuation . , ' -"));
    }
    if (input.details() != null && CONTROL_IN_TEXT.matcher(input.details()).find()) {
      errors.add(new FieldError("details", "must not contain control characters other than tabs and line breaks"));
    }
    if (input.corrections() != null) {
      for (int i = 0; i < input.corrections().size(); i++) {
        var correction = input.corrections().get(i);
        if (correction == null) {
          continue;
        }
        if (correction.field() != null && CONTROL.matcher(correction.field()).find()) {
          errors.add(new FieldError("corrections[" + i + "].field", "must not contain control characters"));
        }
        if (correction.value() != null && CONTROL_IN_TEXT.matcher(correction.value()).find()) {
          errors.add(new FieldError("corrections[" + i + "].value",
              "must not contain control characters other than tabs and line breaks"));
        }
      }
    }
  }

  /** An objection is to direct marketing unless it says otherwise; the other rights have none. */
  private static String transmitTo(RequestInput input) {
    return input.transmitTo() == null || input.transmitTo().isBlank() ? null : input.transmitTo().strip();
  }

  private static ObjectionScope objectionScope(RequestInput input) {
    if (RequestType.valueOf(input.type()) != RequestType.OBJECTION) {
      return null;
    }
    return input.scope() == null ? ObjectionScope.MARKETING : ObjectionScope.valueOf(input.scope());
  }

  private static <E extends Enum<E>> E enumValue(String text, Class<E> type) {
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException unknown) {
      return null;
    }
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
      errors.sort(Comparator.comparing(FieldError::field));
      throw new InvalidRequestException(errors);
    }
  }
}
