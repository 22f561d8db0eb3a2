package org.dsrpipeline.dpo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.request.Channel;
import org.dsrpipeline.request.ObjectionScope;
import org.dsrpipeline.request.RequestStatus;
import org.dsrpipeline.request.RequestType;
import org.dsrpipeline.request.RightNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The figures a DPO and a supervisory authority ask for, from the request records alone (no personal
 * data is read): open requests by right (in alphabetical order) and state, days left, overdue, answers on time per month over
 * the last 12 months and the median days to answer; and the register of every request.
 */
@Component
class RequestFigures {

  /** One request as the register lists it; {@code answeredAt}: when it was closed (null while open). */
  public record Entry(String reference, RequestType type, ObjectionScope scope, RequestStatus status, Channel channel,
      Instant receivedAt, LocalDate dueDate, Instant dueAt, boolean extended, Instant answeredAt) {

    String right() {
      return RightNames.of(type, scope);
    }

    boolean answered() {
      return status == RequestStatus.COMPLETED || status == RequestStatus.REFUSED;
    }

    boolean onTime() {
      return answered() && dueAt != null && !answeredAt.isAfter(dueAt);
    }
  }

  public record Month(YearMonth month, int onTime, int late) {
  }

  /** {@code openByRight}: per right, the count per open state (AWAITING_VERIFICATION, IN_PROGRESS, OVERDUE). */
  public record Figures(Map<String, Map<RequestStatus, Integer>> openByRight, int open, int overdue,
      Map<String, Integer> daysLeft, List<Month> months, Double medianDaysToAnswer, int answeredInYear,
      int answeredOnTimeInYear) {
  }

  static final List<RequestStatus> OPEN_STATES = List.of(RequestStatus.AWAITING_VERIFICATION,
      RequestStatus.IN_PROGRESS, RequestStatus.OVERDUE);
  static final String OVERDUE = "overdue";
  static final List<String> DAYS_LEFT = List.of(OVERDUE, "0-7 days", "8-14 days", "15-30 days", "more than 30 days",
      "clock not started");
  private static final String SELECT = "select reference, request_type, objection_scope, status, channel, received_at,"
      + " due_date, due_at, extended, closed_at from dsr_request";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final LegalClock legalClock;

  RequestFigures(JdbcTemplate jdbc, Clock clock, LegalClock legalClock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.legalClock = legalClock;
  }

  Figures now() {
    var now = clock.instant();
    var today = legalClock.localDate(now);
    var thisMonth = YearMonth.from(today);
    var firstMonth = thisMonth.minusMonths(11);
    var openByRight = new TreeMap<String, Map<RequestStatus, Integer>>();
    var daysLeft = new LinkedHashMap<String, Integer>();
    DAYS_LEFT.forEach(bucket -> daysLeft.put(bucket, 0));
    var onTime = new int[12];
    var late = new int[12];
    var daysToAnswer = new ArrayList<Long>();
    // the open requests, and those answered in the last 12 months
    var since = Timestamp.from(firstMonth.atDay(1).atStartOfDay(legalClock.zone()).toInstant());
    jdbc.query(SELECT + " where closed_at is null or closed_at >= ?", rs -> {
      var entry = entry(rs);
      if (!entry.status().isClosed()) {
        var byState = openByRight.computeIfAbsent(entry.right(), right -> new LinkedHashMap<>());
        byState.merge(entry.status(), 1, Integer::sum);
        daysLeft.merge(bucket(entry, now, today), 1, Integer::sum);
      } else if (entry.answered()) {
        int index = (int) ChronoUnit.MONTHS.between(firstMonth, YearMonth.from(legalClock.localDate(entry.answeredAt())));
        if (index >= 0 && index < 12) {
          if (entry.onTime()) {
            onTime[index]++;
          } else {
            late[index]++;
          }
          daysToAnswer.add(ChronoUnit.DAYS.between(legalClock.localDate(entry.receivedAt()),
              legalClock.localDate(entry.answeredAt())));
        }
      }
    }, since);
    var months = new ArrayList<Month>();
    for (int i = 0; i < 12; i++) {
      months.add(new Month(firstMonth.plusMonths(i), onTime[i], late[i]));
    }
    int answered = months.stream().mapToInt(m -> m.onTime() + m.late()).sum();
    int answeredOnTime = months.stream().mapToInt(Month::onTime).sum();
    // every open request is in exactly one bucket of days left
    int open = daysLeft.values().stream().mapToInt(Integer::intValue).sum();
    return new Figures(openByRight, open, daysLeft.get(OVERDUE), daysLeft, months, median(daysToAnswer), answered,
        answeredOnTime);
  }

  /** Every request, oldest first, one at a time (the register may be long). */
  void register(Consumer<Entry> each) {
    jdbc.query(SELECT + " order by received_at, id", rs -> {
      each.accept(entry(rs));
    });
  }

  private static String bucket(Entry entry, Instant now, LocalDate today) {
    if (entry.dueAt() == null) {
      return "clock not started";
    }
    if (entry.dueAt().isBefore(now)) {
      return OVERDUE;
    }
    long days = ChronoUnit.DAYS.between(today, entry.dueDate());
    return days <= 7 ? "0-7 days" : days <= 14 ? "8-14 days" : days <= 30 ? "15-30 days" : "more than 30 days";
  }

  private static Double median(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    var sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
  }

  private static Entry entry(ResultSet rs) throws SQLException {
    var scope = rs.getString("objection_scope");
    var due = rs.getObject("due_date", LocalDate.class);
    return new Entry(rs.getString("reference"), RequestType.valueOf(rs.getString("request_type")),
        scope == null ? null : ObjectionScope.valueOf(scope), RequestStatus.valueOf(rs.getString("status")),
        Channel.valueOf(rs.getString("channel")), instant(rs, "received_at"), due, instant(rs, "due_at"),
        rs.getBoolean("extended"), instant(rs, "closed_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    var value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
