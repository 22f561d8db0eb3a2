package org.dsrpipeline.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.DayOfWeek;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrthodoxEasterTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "1900, 1900-04-22",
      "2000, 2000-04-30",
      "2010, 2010-04-04",
      "2017, 2017-04-16",
      "2019, 2019-04-28",
      "2020, 2020-04-19",
      "2021, 2021-05-02",
      "2022, 2022-04-24",
      "2023, 2023-04-16",
      "2024, 2024-05-05",
      "2025, 2025-04-20",
      "2026, 2026-04-12",
      "2027, 2027-05-02",
      "2028, 2028-04-16",
      "2029, 2029-04-08",
      "2030, 2030-04-28",
      "2031, 2031-04-13",
      "2032, 2032-05-02",
      "2033, 2033-04-24",
      "2034, 2034-04-09",
      "2035, 2035-04-29",
      "2099, 2099-04-12"
  })
  void knownDates(int year, LocalDate expected) {
    assertThat(OrthodoxEaster.of(year)).isEqualTo(expected);
  }

  @Test
  void alwaysASundayInTheSupportedRange() {
    for (int year = 1900; year <= 2099; year++) {
      assertThat(OrthodoxEaster.of(year).getDayOfWeek()).as("year %d", year).isEqualTo(DayOfWeek.SUNDAY);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1582, 1899, 2100, 2200})
  void yearsOutsideTheRangeAreRejected(int year) {
    assertThatIllegalArgumentException().isThrownBy(() -> OrthodoxEaster.of(year));
  }
}
