package org.dsrpipeline.deadline;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the legal clock ({@code dsr.clock.*}).
 *
 * @param zone          zone in which calendar days are counted and shown to humans
 * @param startsAt      event that starts the clock
 * @param reminderLead  how long before the deadline the reminder fires
 * @param holidays      public-holiday calendar
 * @param extraHolidays one-off non-working days, e.g. a holiday declared by the government (ISO dates)
 */
@ConfigurationProperties("dsr.clock")
public record ClockProperties(
    @DefaultValue("Europe/Athens") ZoneId zone,
    @DefaultValue("RECEIPT") ClockStart startsAt,
    @DefaultValue("P5D") Duration reminderLead,
    @DefaultValue("GREEK") HolidayCalendarKind holidays,
    @DefaultValue({}) List<LocalDate> extraHolidays) {

  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Athens");
  public static final Duration DEFAULT_REMINDER_LEAD = Duration.ofDays(5);

  // The binder applies the @DefaultValue's; these fallbacks cover construction in plain Java.
  public ClockProperties {
    zone = zone == null ? DEFAULT_ZONE : zone;
    startsAt = startsAt == null ? ClockStart.RECEIPT : startsAt;
    reminderLead = reminderLead == null ? DEFAULT_REMINDER_LEAD : reminderLead;
    holidays = holidays == null ? HolidayCalendarKind.GREEK : holidays;
    extraHolidays = extraHolidays == null ? List.of() : List.copyOf(extraHolidays);
  }

  /** All defaults: Athens, clock from receipt, 5-day reminder lead, Greek holidays, no extra days. */
  public static ClockProperties defaults() {
    return new ClockProperties(null, null, null, null, null);
  }
}
