package org.dsrpipeline.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegalClockTest {

  private static final ZoneId ATHENS = ZoneId.of("Europe/Athens");

  private final LegalClock clock = new LegalClock(ClockProperties.defaults());

  @Test
  void defaults() {
    assertThat(clock.zone()).isEqualTo(ATHENS);
    assertThat(clock.startsAt()).isEqualTo(ClockStart.RECEIPT);
  }

  // Athens is UTC+2 in winter and UTC+3 from the last Sunday of March to the last Sunday of October.
  @ParameterizedTest(name = "start {0} -> Athens day {1}, due {2} at {3}")
  @CsvSource(delimiter = '|', textBlock = """
      # clock start (UTC)   | Athens day | due date   | dueAt (UTC)
      2026-02-24T21:59:59Z  | 2026-02-24 | 2026-03-24 | 2026-03-24T21:59:59Z
      2026-02-24T22:00:00Z  | 2026-02-25 | 2026-03-26 | 2026-03-26T21:59:59Z
      2026-02-24T22:30:00Z  | 2026-02-25 | 2026-03-26 | 2026-03-26T21:59:59Z
      2026-07-14T20:59:59Z  | 2026-07-14 | 2026-08-14 | 2026-08-14T20:59:59Z
      2026-07-14T21:00:00Z  | 2026-07-15 | 2026-08-17 | 2026-08-17T20:59:59Z
      2026-06-10T09:00:00Z  | 2026-06-10 | 2026-07-10 | 2026-07-10T20:59:59Z
      2026-11-27T22:30:00Z  | 2026-11-28 | 2026-12-28 | 2026-12-28T21:59:59Z
      2026-02-28T10:00:00Z  | 2026-02-28 | 2026-03-30 | 2026-03-30T20:59:59Z
      2026-09-24T10:00:00Z  | 2026-09-24 | 2026-10-26 | 2026-10-26T21:59:59Z
      """)
  void firstDeadlineUsesTheAthensDateAndEndsAtItsLastSecond(
      Instant clockStart, LocalDate athensDay, LocalDate dueDate, Instant dueAt) {
    assertThat(clock.localDate(clockStart)).isEqualTo(athensDay);

    Deadline deadline = clock.firstDeadline(clockStart);

    assertThat(deadline.dueDate()).isEqualTo(dueDate);
    assertThat(deadline.dueAt()).isEqualTo(dueAt);
    assertThat(deadline.dueAt().atZone(ATHENS).toLocalTime()).hasToString("23:59:59");
    assertThat(deadline.reminderAt()).isEqualTo(dueAt.minus(Duration.ofDays(5)));
  }

  @Test
  void extendedDeadlineIsThreeMonthsFromTheClockStart() {
    Instant receipt = Instant.parse("2026-11-30T10:00:00Z");

    assertThat(clock.firstDeadline(receipt).dueDate()).isEqualTo(LocalDate.of(2026, 12, 30));

    Deadline extended = clock.extendedDeadline(receipt);
    assertThat(extended.dueDate()).isEqualTo(LocalDate.of(2027, 3, 1));
    assertThat(extended.dueAt()).isEqualTo(Instant.parse("2027-03-01T21:59:59Z"));
    assertThat(extended.reminderAt()).isEqualTo(Instant.parse("2027-02-24T21:59:59Z"));
  }

  @Test
  void extendedDeadlineIgnoresHowTheFirstDeadlineWasRolled() {
    Instant receipt = Instant.parse("2026-01-31T09:00:00Z");

    assertThat(clock.firstDeadline(receipt).dueDate()).isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(clock.extendedDeadline(receipt).dueDate()).isEqualTo(LocalDate.of(2026, 4, 30));
  }

  @Test
  void reminderLeadIsConfigurable() {
    LegalClock custom = clockWith(HolidayCalendarKind.GREEK, List.of(), Duration.ofHours(36));

    Deadline deadline = custom.firstDeadline(Instant.parse("2026-11-27T22:30:00Z"));

    assertThat(deadline.dueAt()).isEqualTo(Instant.parse("2026-12-28T21:59:59Z"));
    assertThat(deadline.reminderAt()).isEqualTo(Instant.parse("2026-12-27T09:59:59Z"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "2026-02-25T10:00:00Z, 2026-03-25",
      "2026-03-10T10:00:00Z, 2026-04-10",
      "2026-11-25T10:00:00Z, 2026-12-25",
      "2026-01-31T10:00:00Z, 2026-03-02",
      "2026-02-15T10:00:00Z, 2026-03-16"
  })
  void calendarNoneRollsForWeekendsOnly(Instant clockStart, LocalDate dueDate) {
    LegalClock none = clockWith(HolidayCalendarKind.NONE, List.of(), Duration.ofDays(5));

    assertThat(none.firstDeadline(clockStart).dueDate()).isEqualTo(dueDate);
  }

  @Test
  void extraHolidaysAreHonouredOnTopOfTheGreekCalendar() {
    LegalClock withExtra = clockWith(HolidayCalendarKind.GREEK,
        List.of(LocalDate.of(2026, 3, 26), LocalDate.of(2027, 3, 1)), Duration.ofDays(5));

    // Mar 25 national holiday, Mar 26 extra holiday -> Friday Mar 27.
    assertThat(withExtra.firstDeadline(Instant.parse("2026-02-25T10:00:00Z")).dueDate())
        .isEqualTo(LocalDate.of(2026, 3, 27));
    // Sun Feb 28, Mar 1 extra holiday -> Tuesday Mar 2.
    assertThat(withExtra.extendedDeadline(Instant.parse("2026-11-30T10:00:00Z")).dueDate())
        .isEqualTo(LocalDate.of(2027, 3, 2));
  }

  @Test
  void extraHolidaysAreHonouredWithoutACalendar() {
    LegalClock withExtra = clockWith(HolidayCalendarKind.NONE, List.of(LocalDate.of(2026, 3, 25)), Duration.ofDays(5));

    assertThat(withExtra.firstDeadline(Instant.parse("2026-02-25T10:00:00Z")).dueDate())
        .isEqualTo(LocalDate.of(2026, 3, 26));
    assertThat(withExtra.firstDeadline(Instant.parse("2026-03-10T10:00:00Z")).dueDate())
        .isEqualTo(LocalDate.of(2026, 4, 10));
  }

  @Test
  void zoneIsConfigurable() {
    LegalClock utc = new LegalClock(new ClockProperties(
        ZoneOffset.UTC, ClockStart.VERIFICATION, Duration.ofDays(5), HolidayCalendarKind.GREEK, List.of()));
    Instant lateEvening = Instant.parse("2026-02-24T22:30:00Z");

    assertThat(utc.startsAt()).isEqualTo(ClockStart.VERIFICATION);
    assertThat(utc.localDate(lateEvening)).isEqualTo(LocalDate.of(2026, 2, 24));
    assertThat(utc.firstDeadline(lateEvening).dueDate()).isEqualTo(LocalDate.of(2026, 3, 24));
    assertThat(utc.firstDeadline(lateEvening).dueAt()).isEqualTo(Instant.parse("2026-03-24T23:59:59Z"));
  }

  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @CsvSource({
      "2026-12-28, en, 28 December 2026",
      "2026-12-28, en-GB, 28 December 2026",
      "2026-12-28, en-US, 28 December 2026",
      "2026-12-28, el, 28 Δεκεμβρίου 2026",
      "2026-05-01, el-GR, 1 Μαΐου 2026",
      "2027-03-01, el, 1 Μαρτίου 2027"
  })
  void formatsDatesForHumans(LocalDate date, String languageTag, String expected) {
    assertThat(clock.formatDate(date, Locale.forLanguageTag(languageTag))).isEqualTo(expected);
  }

  private static LegalClock clockWith(HolidayCalendarKind kind, List<LocalDate> extra, Duration lead) {
    return new LegalClock(new ClockProperties(ATHENS, ClockStart.RECEIPT, lead, kind, extra));
  }
}
