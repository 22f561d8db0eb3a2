package org.dsrpipeline.deadline;

import java.time.LocalDate;

/** Public holidays only; weekends are handled by {@link PeriodCalculator}. */
public interface HolidayCalendar {

  boolean isHoliday(LocalDate day);
}
