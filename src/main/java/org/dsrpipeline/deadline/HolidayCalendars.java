package org.dsrpipeline.deadline;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;

/** Builds the configured calendar: a base calendar plus one-off extra holidays. */
public final class HolidayCalendars {

  private static final HolidayCalendar NONE = day -> false;

  private HolidayCalendars() {
  }

  public static HolidayCalendar of(HolidayCalendarKind kind, Collection<LocalDate> extraHolidays) {
    HolidayCalendar base = switch (kind) {
      case GREEK -> new GreekHolidayCalendar();
      case NONE -> NONE;
    };
    if (extraHolidays == null || extraHolidays.isEmpty()) {
      return base;
    }
    Set<LocalDate> extra = Set.copyOf(extraHolidays);
    return day -> extra.contains(day) || base.isHoliday(day);
  }
}
