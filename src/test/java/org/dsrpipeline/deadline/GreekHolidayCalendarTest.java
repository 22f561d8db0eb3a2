package org.dsrpipeline.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GreekHolidayCalendarTest {

  private final GreekHolidayCalendar calendar = new GreekHolidayCalendar();

  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource({
      "2024-01-01, New Year",
      "2024-01-06, Epiphany",
      "2024-03-25, Independence Day",
      "2024-05-01, Labour Day",
      "2024-08-15, Dormition",
      "2024-10-28, Ochi Day",
      "2024-12-25, Christmas",
      "2024-12-26, Synaxis",
      "2025-01-01, New Year",
      "2025-01-06, Epiphany",
      "2025-03-25, Independence Day",
      "2025-05-01, Labour Day",
      "2025-08-15, Dormition",
      "2025-10-28, Ochi Day",
      "2025-12-25, Christmas",
      "2025-12-26, Synaxis",
      "2026-01-01, New Year",
      "2026-01-06, Epiphany",
      "2026-03-25, Independence Day",
      "2026-05-01, Labour Day",
      "2026-08-15, Dormition",
      "2026-10-28, Ochi Day",
      "2026-12-25, Christmas",
      "2026-12-26, Synaxis",
      "2028-03-25, Independence Day in a leap year"
  })
  void fixedHolidays(LocalDate day, String name) {
    assertThat(calendar.isHoliday(day)).isTrue();
  }

  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource({
      "2024-03-18, Clean Monday",
      "2024-05-03, Good Friday",
      "2024-05-06, Easter Monday",
      "2024-06-24, Whit Monday",
      "2025-03-03, Clean Monday",
      "2025-04-18, Good Friday",
      "2025-04-21, Easter Monday",
      "2025-06-09, Whit Monday",
      "2026-02-23, Clean Monday",
      "2026-04-10, Good Friday",
      "2026-04-13, Easter Monday",
      "2026-06-01, Whit Monday",
      "2027-03-15, Clean Monday",
      "2027-04-30, Good Friday",
      "2027-05-03, Easter Monday",
      "2027-06-21, Whit Monday",
      "2028-02-28, Clean Monday (leap year)",
      "2028-04-14, Good Friday",
      "2028-04-17, Easter Monday",
      "2028-06-05, Whit Monday"
  })
  void movableHolidays(LocalDate day, String name) {
    assertThat(calendar.isHoliday(day)).isTrue();
  }

  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource({
      "2026-01-02, day after New Year",
      "2026-01-07, day after Epiphany",
      "2026-02-24, day after Clean Monday",
      "2026-03-02, ordinary Monday",
      "2026-03-24, day before Independence Day",
      "2026-03-26, day after Independence Day",
      "2026-04-09, Holy Thursday",
      "2026-04-14, day after Easter Monday",
      "2026-06-02, day after Whit Monday",
      "2026-08-14, day before Dormition",
      "2026-10-27, day before Ochi Day",
      "2026-12-24, Christmas Eve",
      "2026-12-28, Monday after Christmas",
      "2026-12-31, New Year's Eve",
      "2025-03-04, day after Clean Monday",
      "2025-04-17, Holy Thursday",
      "2024-05-02, between Labour Day and Good Friday",
      "2024-06-25, day after Whit Monday",
      "2027-02-28, Clean Monday date of 2028, ordinary in 2027",
      "2028-02-29, leap day"
  })
  void ordinaryDays(LocalDate day, String description) {
    assertThat(calendar.isHoliday(day)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2100-01-01", "2100-03-01", "1899-12-25"})
  void unsupportedYearsAreRejectedForEveryDay(LocalDate day) {
    assertThatIllegalArgumentException().isThrownBy(() -> calendar.isHoliday(day));
  }

  @Test
  void twelveHolidaysEveryYear() {
    for (int year = 2020; year <= 2035; year++) {
      long count = LocalDate.of(year, 1, 1).datesUntil(LocalDate.of(year + 1, 1, 1))
          .filter(calendar::isHoliday)
          .count();
      assertThat(count).as("year %d", year).isEqualTo(12);
    }
  }
}
