package org.dsrpipeline.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every expected date was worked out by hand and its weekday checked with java.time. */
class PeriodCalculatorTest {

  private final PeriodCalculator greek = new PeriodCalculator(new GreekHolidayCalendar());
  private final PeriodCalculator noHolidays = new PeriodCalculator(day -> false);

  @ParameterizedTest(name = "{0} + 1 month -> {1} ({2})")
  @CsvSource(delimiter = '|', textBlock = """
      # event day | period end | why
      2026-01-12 | 2026-02-12 | plain: Thursday
      2025-06-03 | 2025-07-03 | plain: Thursday
      2024-09-17 | 2024-10-17 | plain: Thursday
      2026-11-28 | 2026-12-28 | plain: Monday, event day on a Saturday
      2026-11-30 | 2026-12-30 | plain: Wednesday
      2028-02-29 | 2028-03-29 | event on leap day: Wednesday
      2024-02-29 | 2024-03-29 | event on leap day: Friday
      2025-01-31 | 2025-02-28 | clamped to Feb 28, a Friday
      2026-01-31 | 2026-03-02 | clamped to Sat Feb 28, Sun, -> Mon
      2027-01-31 | 2027-03-01 | clamped to Sun Feb 28 -> Mon
      2027-01-29 | 2027-03-01 | clamped to Sun Feb 28 -> Mon
      2028-01-31 | 2028-02-29 | leap year: clamped to Tue Feb 29
      2028-01-30 | 2028-02-29 | leap year: same day, Tue Feb 29
      2024-01-31 | 2024-02-29 | leap year: clamped to Thu Feb 29
      2026-03-31 | 2026-04-30 | clamped to Thu Apr 30
      2025-03-31 | 2025-04-30 | clamped to Wed Apr 30
      2024-03-31 | 2024-04-30 | clamped to Tue Apr 30
      2026-05-31 | 2026-06-30 | clamped to Tue Jun 30
      2026-08-31 | 2026-09-30 | clamped to Wed Sep 30
      2026-10-31 | 2026-11-30 | clamped to Mon Nov 30
      2025-10-31 | 2025-12-01 | clamped to Sun Nov 30 -> Mon
      2026-02-14 | 2026-03-16 | Saturday -> Monday
      2026-02-15 | 2026-03-16 | Sunday -> Monday
      2026-02-25 | 2026-03-26 | Independence Day, a Wednesday -> Thursday
      2026-09-28 | 2026-10-29 | Ochi Day, a Wednesday -> Thursday
      2026-01-23 | 2026-02-24 | Clean Monday -> Tuesday
      2028-01-28 | 2028-02-29 | Clean Monday Feb 28 -> Tue Feb 29 (leap year)
      2026-03-10 | 2026-04-14 | Good Friday, Sat, Easter Sunday, Easter Monday -> Tue
      2026-03-11 | 2026-04-14 | Holy Saturday, Easter Sunday, Easter Monday -> Tue
      2026-03-13 | 2026-04-14 | Easter Monday -> Tue
      2025-03-18 | 2025-04-22 | Good Friday .. Easter Monday -> Tue
      2024-04-03 | 2024-05-07 | Good Friday .. Easter Monday -> Tue
      2027-03-31 | 2027-05-04 | clamped to Good Fri Apr 30, Labour Day Sat, Easter Sun, Easter Mon -> Tue
      2026-04-01 | 2026-05-04 | Labour Day Friday, weekend -> Monday
      2026-05-01 | 2026-06-02 | event day is a holiday; end on Whit Monday -> Tue
      2026-04-30 | 2026-06-02 | Sat, Sun, Whit Monday -> Tue
      2026-07-15 | 2026-08-17 | Dormition on a Saturday, Sunday -> Monday
      2025-07-15 | 2025-08-18 | Dormition Friday, weekend -> Monday
      2026-11-25 | 2026-12-28 | Christmas Fri, Synaxis Sat, Sun -> Mon
      2025-11-25 | 2025-12-29 | Christmas Thu, Synaxis Fri, weekend -> Mon
      2027-11-25 | 2027-12-27 | Christmas Sat, Synaxis Sun -> Mon
      2025-12-01 | 2026-01-02 | New Year Thursday -> Friday
      2025-12-06 | 2026-01-07 | Epiphany Tuesday -> Wednesday
      2026-12-01 | 2027-01-04 | New Year Fri, weekend -> Mon
      2027-12-01 | 2028-01-03 | New Year Sat, Sun -> Mon
      2028-12-06 | 2029-01-08 | Epiphany Sat, Sun -> Mon
      """)
  void oneMonthUnderGreekCalendar(LocalDate eventDay, LocalDate expected, String why) {
    assertThat(greek.endOfPeriodInMonths(eventDay, 1)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} + 3 months -> {1} ({2})")
  @CsvSource(delimiter = '|', textBlock = """
      # event day | period end | why
      2026-11-30 | 2027-03-01 | clamped to Sun Feb 28 -> Mon
      2026-11-28 | 2027-03-01 | same day Sun Feb 28 -> Mon
      2025-11-30 | 2026-03-02 | clamped to Sat Feb 28, Sun -> Mon
      2027-11-30 | 2028-02-29 | leap year: clamped to Tue Feb 29
      2026-01-31 | 2026-04-30 | clamped to Thu Apr 30, although the one-month end rolled to Mar 2
      2025-10-31 | 2026-02-02 | Sat Jan 31, Sun -> Mon
      2025-10-30 | 2026-01-30 | plain: Friday
      2026-12-30 | 2027-03-30 | plain: Tuesday
      2026-01-10 | 2026-04-14 | Good Friday .. Easter Monday -> Tue
      2025-12-25 | 2026-03-26 | Independence Day Wednesday -> Thursday
      2026-09-25 | 2026-12-28 | Christmas Fri, Synaxis Sat, Sun -> Mon
      2027-01-31 | 2027-05-04 | clamped to Good Fri Apr 30 .. Easter Mon -> Tue
      """)
  void threeMonthsUnderGreekCalendar(LocalDate eventDay, LocalDate expected, String why) {
    assertThat(greek.endOfPeriodInMonths(eventDay, 3)).isEqualTo(expected);
  }

  @Test
  void threeMonthsAreCountedFromTheEventDayNotFromTheRolledFirstPeriod() {
    LocalDate receipt = LocalDate.of(2026, 11, 30);
    LocalDate first = greek.endOfPeriodInMonths(receipt, 1);

    assertThat(first).isEqualTo(LocalDate.of(2026, 12, 30));
    assertThat(greek.endOfPeriodInMonths(receipt, 3)).isEqualTo(LocalDate.of(2027, 3, 1));

    LocalDate rolledReceipt = LocalDate.of(2026, 1, 31);
    assertThat(greek.endOfPeriodInMonths(rolledReceipt, 1)).isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(greek.endOfPeriodInMonths(rolledReceipt, 3)).isEqualTo(LocalDate.of(2026, 4, 30));
  }

  @ParameterizedTest(name = "{0} + 1 month -> {1} ({2})")
  @CsvSource(delimiter = '|', textBlock = """
      2026-02-25 | 2026-03-25 | Independence Day is a working day without holidays
      2026-03-10 | 2026-04-10 | Good Friday is a working day without holidays
      2026-11-25 | 2026-12-25 | Christmas Friday is a working day without holidays
      2026-01-31 | 2026-03-02 | weekends still roll: Sat Feb 28 -> Mon
      2026-02-15 | 2026-03-16 | weekends still roll: Sun -> Mon
      """)
  void oneMonthWithoutPublicHolidays(LocalDate eventDay, LocalDate expected, String why) {
    assertThat(noHolidays.endOfPeriodInMonths(eventDay, 1)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} working: {1}")
  @CsvSource({
      "2026-12-28, true",
      "2026-03-24, true",
      "2026-04-14, true",
      "2026-03-25, false",
      "2026-04-10, false",
      "2026-04-13, false",
      "2026-03-14, false",
      "2026-03-15, false"
  })
  void workingDays(LocalDate day, boolean working) {
    assertThat(greek.isWorkingDay(day)).isEqualTo(working);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "2026-03-24, 2026-03-24",
      "2026-03-25, 2026-03-26",
      "2026-04-10, 2026-04-14",
      "2026-12-25, 2026-12-28",
      "2026-03-14, 2026-03-16"
  })
  void nextWorkingDayOnOrAfter(LocalDate day, LocalDate expected) {
    assertThat(greek.nextWorkingDayOnOrAfter(day)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void periodsMustBePositive(int months) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> greek.endOfPeriodInMonths(LocalDate.of(2026, 1, 1), months));
  }

  @Test
  void aCalendarWithoutWorkingDaysFailsInsteadOfLooping() {
    PeriodCalculator broken = new PeriodCalculator(day -> true);
    assertThatIllegalStateException().isThrownBy(() -> broken.nextWorkingDayOnOrAfter(LocalDate.of(2026, 1, 1)));
  }
}
