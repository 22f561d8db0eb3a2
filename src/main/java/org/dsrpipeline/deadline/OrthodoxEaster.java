package org.dsrpipeline.deadline;

import java.time.LocalDate;

/** Date of Orthodox Easter Sunday in the Gregorian calendar. */
public final class OrthodoxEaster {

  static final int FIRST_SUPPORTED_YEAR = 1900;
  static final int LAST_SUPPORTED_YEAR = 2099;

  // Between 1 March 1900 and 28 February 2100 the Julian calendar runs 13 days behind the Gregorian one.
  private static final int JULIAN_TO_GREGORIAN_DAYS = 13;

  private OrthodoxEaster() {
  }

  /**
   * @throws IllegalArgumentException outside 1900–2099, where the fixed 13-day calendar offset would be wrong
   */
  public static LocalDate of(int year) {
    if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
      throw new IllegalArgumentException("Orthodox Easter is only computed for the years "
          + FIRST_SUPPORTED_YEAR + "–" + LAST_SUPPORTED_YEAR + ", not " + year);
    }
    // Meeus' Julian algorithm: yields Easter as a Julian-calendar date (always 22 March – 25 April).
    int a = year % 4;
    int b = year % 7;
    int c = year % 19;
    int d = (19 * c + 15) % 30;
    int e = (2 * a + 4 * b - d + 34) % 7;
    int month = (d + e + 114) / 31;
    int day = (d + e + 114) % 31 + 1;
    return LocalDate.of(year, month, day).plusDays(JULIAN_TO_GREGORIAN_DAYS);
  }
}
