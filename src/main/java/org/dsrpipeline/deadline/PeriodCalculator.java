package org.dsrpipeline.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;

/**
 * End of periods expressed in months, per Regulation (EEC, Euratom) No 1182/71 Art. 3:
 * the period ends on the same day of the month as the event day, or on the last day of the month
 * when there is no such day, and moves to the next working day when it ends on a Saturday,
 * Sunday or public holiday.
 */
public final class PeriodCalculator {

  // No real calendar has this many consecutive non-working days; a longer run means a misconfigured calendar.
  private static final int MAX_NON_WORKING_RUN = 60;

  private final HolidayCalendar holidays;

  public PeriodCalculator(HolidayCalendar holidays) {
    this.holidays = Objects.requireNonNull(holidays, "holidays");
  }

  public boolean isWorkingDay(LocalDate day) {
    DayOfWeek weekday = day.getDayOfWeek();
    return weekday != DayOfWeek.SATURDAY
        && weekday != DayOfWeek.SUNDAY
        && !holidays.isHoliday(day);
  }

  public LocalDate nextWorkingDayOnOrAfter(LocalDate day) {
    LocalDate candidate = day;
    for (int i = 0; i <= MAX_NON_WORKING_RUN; i++) {
      if (isWorkingDay(candidate)) {
        return candidate;
      }
      candidate = candidate.plusDays(1);
    }
    throw new IllegalStateException("No working day within " + MAX_NON_WORKING_RUN + " days after " + day);
  }

  /**
   * Always computed from the event day, never by chaining shorter periods: three months from
   * 30 November is 28 February (rolled), not the rolled one-month end plus two months.
   */
  public LocalDate endOfPeriodInMonths(LocalDate eventDay, int months) {
    if (months < 1) {
      throw new IllegalArgumentException("A period must last at least one month, not " + months);
    }
    // plusMonths clamps to the last day of a shorter month, as the Regulation requires.
    return nextWorkingDayOnOrAfter(eventDay.plusMonths(months));
  }
}
