package org.dsrpipeline.deadline;

import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.Set;

/**
 * Greek national public holidays: eight fixed dates plus four that move with Orthodox Easter.
 * Valid for the years {@link OrthodoxEaster} supports (1900–2099); other years throw.
 */
public final class GreekHolidayCalendar implements HolidayCalendar {

  private static final Set<MonthDay> FIXED = Set.of(
      MonthDay.of(Month.JANUARY, 1),    // New Year's Day
      MonthDay.of(Month.JANUARY, 6),    // Epiphany
      MonthDay.of(Month.MARCH, 25),     // Independence Day / Annunciation
      MonthDay.of(Month.MAY, 1),        // Labour Day
      MonthDay.of(Month.AUGUST, 15),    // Dormition of the Theotokos
      MonthDay.of(Month.OCTOBER, 28),   // Ochi Day
      MonthDay.of(Month.DECEMBER, 25),  // Christmas Day
      MonthDay.of(Month.DECEMBER, 26)); // Synaxis of the Theotokos

  private static final int CLEAN_MONDAY = -48;
  private static final int GOOD_FRIDAY = -2;
  private static final int EASTER_MONDAY = 1;
  private static final int WHIT_MONDAY = 50;

  public GreekHolidayCalendar() {
  }

  @Override
  public boolean isHoliday(LocalDate day) {
    // Computed first so that an unsupported year fails for every day, not only for non-fixed ones.
    LocalDate easter = OrthodoxEaster.of(day.getYear());
    return FIXED.contains(MonthDay.from(day)) || isMovableHoliday(day, easter);
  }

  private static boolean isMovableHoliday(LocalDate day, LocalDate easter) {
    return day.equals(easter.plusDays(CLEAN_MONDAY))
        || day.equals(easter.plusDays(GOOD_FRIDAY))
        || day.equals(easter.plusDays(EASTER_MONDAY))
        || day.equals(easter.plusDays(WHIT_MONDAY));
  }
}
