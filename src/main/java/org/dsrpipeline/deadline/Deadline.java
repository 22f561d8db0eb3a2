package org.dsrpipeline.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * @param dueDate    last day of the period in the clock's zone
 * @param dueAt      last second of {@code dueDate} in that zone
 * @param reminderAt {@code dueAt} minus the reminder lead
 */
public record Deadline(LocalDate dueDate, Instant dueAt, Instant reminderAt) {

  static Deadline endOf(LocalDate dueDate, ZoneId zone, Duration reminderLead) {
    // Via the next day's start rather than 23:59:59, which also holds on days of a DST change.
    Instant dueAt = dueDate.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1);
    return new Deadline(dueDate, dueAt, dueAt.minus(reminderLead));
  }
}
