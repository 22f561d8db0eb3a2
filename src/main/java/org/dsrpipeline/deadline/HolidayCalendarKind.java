package org.dsrpipeline.deadline;

/** Which public-holiday calendar the legal clock uses. Weekends always count as non-working days. */
public enum HolidayCalendarKind {
  GREEK,
  NONE
}
