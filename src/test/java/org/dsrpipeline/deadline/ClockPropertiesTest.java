package org.dsrpipeline.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binds through Spring Boot's Binder, without an application context. */
class ClockPropertiesTest {

  @Test
  void defaultsWhenNothingIsConfigured() {
    ClockProperties properties = bind(Map.of());

    assertThat(properties.zone()).isEqualTo(ZoneId.of("Europe/Athens"));
    assertThat(properties.startsAt()).isEqualTo(ClockStart.RECEIPT);
    assertThat(properties.reminderLead()).isEqualTo(Duration.ofDays(5));
    assertThat(properties.holidays()).isEqualTo(HolidayCalendarKind.GREEK);
    assertThat(properties.extraHolidays()).isEmpty();
  }

  @Test
  void bindsEveryProperty() {
    ClockProperties properties = bind(Map.of(
        "dsr.clock.zone", "UTC",
        "dsr.clock.starts-at", "verification",
        "dsr.clock.reminder-lead", "P3D",
        "dsr.clock.holidays", "none",
        "dsr.clock.extra-holidays", "2026-03-26,2027-03-01"));

    assertThat(properties.zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(properties.startsAt()).isEqualTo(ClockStart.VERIFICATION);
    assertThat(properties.reminderLead()).isEqualTo(Duration.ofDays(3));
    assertThat(properties.holidays()).isEqualTo(HolidayCalendarKind.NONE);
    assertThat(properties.extraHolidays())
        .containsExactly(LocalDate.of(2026, 3, 26), LocalDate.of(2027, 3, 1));
  }

  @Test
  void bindsExtraHolidaysGivenAsAnIndexedList() {
    ClockProperties properties = bind(Map.of(
        "dsr.clock.extra-holidays[0]", "2026-03-26",
        "dsr.clock.extra-holidays[1]", "2027-03-01"));

    assertThat(properties.extraHolidays())
        .containsExactly(LocalDate.of(2026, 3, 26), LocalDate.of(2027, 3, 1));
  }

  @Test
  void nullsFallBackToDefaultsInPlainJava() {
    ClockProperties properties = new ClockProperties(null, null, null, null, null);

    assertThat(properties).isEqualTo(ClockProperties.defaults());
    assertThat(properties.zone()).isEqualTo(ZoneId.of("Europe/Athens"));
    assertThat(properties.extraHolidays()).isEmpty();
  }

  private static ClockProperties bind(Map<String, String> source) {
    return new Binder(new MapConfigurationPropertySource(source))
        .bindOrCreate("dsr.clock", ClockProperties.class);
  }
}
