package org.dsrpipeline.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

import org.springframework.stereotype.Service;

/** The GDPR Art. 12(3) clock: one month to answer, extendable to three months from the same start. */
@Service
public class LegalClock {

  private static final int FIRST_PERIOD_MONTHS = 1;
  private static final int EXTENDED_PERIOD_MONTHS = 3;
  // Day-first with the locale's month name: "28 December 2026", "28 Δεκεμβρίου 2026".
  private static final String HUMAN_DATE_PATTERN = "d MMMM uuuu";

  private final ClockProperties properties;
  private final PeriodCalculator periods;

  public LegalClock(ClockProperties properties) {
    this.properties = Objects.requireNonNull(properties, "properties");
    this.periods = new PeriodCalculator(
        HolidayCalendars.of(properties.holidays(), properties.extraHolidays()));
  }

  public Deadline firstDeadline(Instant clockStart) {
    return deadlineAfterMonths(clockStart, FIRST_PERIOD_MONTHS);
  }

  public Deadline extendedDeadline(Instant clockStart) {
    return deadlineAfterMonths(clockStart, EXTENDED_PERIOD_MONTHS);
  }

  /** The deadline that ends on a due date already computed, with its reminder. */
  public Deadline deadlineOn(LocalDate dueDate) {
    return Deadline.endOf(dueDate, properties.zone(), properties.reminderLead());
  }

  public ClockStart startsAt() {
    return properties.startsAt();
  }

  public ZoneId zone() {
    return properties.zone();
  }

  public LocalDate localDate(Instant instant) {
    return LocalDate.ofInstant(instant, properties.zone());
  }

  public String formatDate(LocalDate date, Locale locale) {
    return DateTimeFormatter.ofPattern(HUMAN_DATE_PATTERN, locale).format(date);
  }

  private Deadline deadlineAfterMonths(Instant clockStart, int months) {
    LocalDate dueDate = periods.endOfPeriodInMonths(localDate(clockStart), months);
    return Deadline.endOf(dueDate, properties.zone(), properties.reminderLead());
  }
}
