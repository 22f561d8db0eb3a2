package org.dsrpipeline.connector.jdbc;

import java.math.BigDecimal;
import java.sql.SQLDataException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/** Conversions between what drivers return or expect and what the data map and exports use. */
final class JdbcValues {

  private JdbcValues() {
  }

  /** An identity value read from a column, as text ({@code 42}, not {@code 42.0}); null for none. */
  static String identityText(Object value) {
    if (value == null) {
      return null;
    }
    var text = value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
    return text.isBlank() ? null : text;
  }

  /**
   * An identity value as a parameter for a column of {@code sqlType}; null when it cannot be a value of
   * that column (a customer id "1 or 1=1" for a numeric column), which then matches nothing.
   */
  static Object identityParameter(String value, Integer sqlType) {
    if (sqlType == null || !isInteger(sqlType) && !isDecimal(sqlType)) {
      return value;
    }
    try {
      return isInteger(sqlType) ? (Object) Long.valueOf(value) : new BigDecimal(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A value from the data map or a correction, converted for a column of {@code sqlType}. */
  static Object forColumn(Object value, Integer sqlType) throws SQLDataException {
    if (value == null || sqlType == null) {
      return value;
    }
    var text = String.valueOf(value).strip();
    try {
      if (isInteger(sqlType)) {
        return Long.valueOf(text);
      }
      if (isDecimal(sqlType)) {
        return new BigDecimal(text);
      }
      return switch (sqlType) {
        case Types.BOOLEAN, Types.BIT -> switch (text.toLowerCase(Locale.ROOT)) {
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          default -> throw new IllegalArgumentException();
        };
        case Types.DATE -> LocalDate.parse(text);
        case Types.TIMESTAMP -> LocalDateTime.parse(text);
        case Types.TIMESTAMP_WITH_TIMEZONE -> OffsetDateTime.parse(text);
        default -> value instanceof String ? value : text;
      };
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new SQLDataException("a value does not fit its column (SQL type " + sqlType + ")");
    }
  }

  /** A timestamp of a retention rule; a timestamp without zone is read as UTC. */
  static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    if (value instanceof LocalDateTime local) {
      return local.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (value instanceof LocalDate date) {
      return date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    throw new IllegalStateException("A retention rule's 'from' column holds " + value.getClass().getSimpleName()
        + ", not a date or timestamp");
  }

  /** What an export carries: text, numbers, booleans and ISO-8601 dates, whatever the driver returned. */
  static Object exportable(Object value) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant().toString();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant().toString();
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    return value.toString();
  }

  private static boolean isInteger(int sqlType) {
    return sqlType == Types.BIGINT || sqlType == Types.INTEGER || sqlType == Types.SMALLINT
        || sqlType == Types.TINYINT;
  }

  private static boolean isDecimal(int sqlType) {
    return sqlType == Types.NUMERIC || sqlType == Types.DECIMAL;
  }
}
