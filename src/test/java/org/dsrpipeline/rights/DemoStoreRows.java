package org.dsrpipeline.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.dsrpipeline.support.AppStores;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application's demo stores read directly: a seeded subject (never Anna and her look-alikes, ids 1 to 4), and
 * every row of every table, to tell the subject's rows from everyone else's.
 */
final class DemoStoreRows {

  static final List<String> TABLES = List.of("accounts.customer", "accounts.invoice", "messaging.message_log",
      "marketing.newsletter_subscription", "marketing.marketing_preference", "tracking.tracking_event",
      "demo_helpdesk.ticket", "demo_crm.contact");

  record Subject(long customerId, String email, String phone) {
  }

  final JdbcTemplate stores = new JdbcTemplate(AppStores.dataSource());

  /** The first seeded customer matching {@code where} (SQL on customer {@code c}) that no earlier test touched. */
  Subject subject(String where) {
    var row = stores.queryForMap("select c.id, c.email, c.phone from accounts.customer c where c.id > 4 "
        + "and c.restricted = false and not exists (select 1 from demo_crm.contact k where k.email = c.email and "
        + "(k.restricted or k.unsubscribed)) and not exists (select 1 from marketing.newsletter_subscription n "
        + "where n.email = c.email and (n.restricted or n.opted_out)) and " + where + " order by c.id limit 1");
    return new Subject(((Number) row.get("id")).longValue(), (String) row.get("email"), (String) row.get("phone"));
  }

  /** Every row of every table, by table and id. */
  Map<String, Map<Object, Map<String, Object>>> snapshot() {
    var all = new LinkedHashMap<String, Map<Object, Map<String, Object>>>();
    for (var table : TABLES) {
      var rows = new LinkedHashMap<Object, Map<String, Object>>();
      stores.queryForList("select * from " + table + " order by id").forEach(r -> rows.put(r.get("id"), r));
      all.put(table, rows);
    }
    return all;
  }

  /** Is this row the subject's, as the identity graph finds it (processor message logs are never acted on). */
  Predicate<Map<String, Object>> ofSubject(String table, Subject subject) {
    var cookies = stores.queryForList("select distinct cookie_id from tracking.tracking_event where customer_id = ?",
        String.class, subject.customerId());
    return row -> switch (table) {
      case "accounts.customer" -> id(row.get("id")) == subject.customerId();
      case "accounts.invoice", "marketing.marketing_preference" -> id(row.get("customer_id")) == subject.customerId();
      case "marketing.newsletter_subscription" -> subject.email().equalsIgnoreCase((String) row.get("email"));
      case "tracking.tracking_event" -> Objects.equals(id(row.get("customer_id")), subject.customerId())
          || cookies.contains(row.get("cookie_id"));
      case "demo_helpdesk.ticket" -> subject.email().equalsIgnoreCase((String) row.get("requester_email"))
          || subject.phone().equals(row.get("requester_phone"));
      case "demo_crm.contact" -> subject.email().equalsIgnoreCase((String) row.get("email"))
          || subject.phone().equals(row.get("phone"));
      default -> false;
    };
  }

  /** The subject's rows of {@code table} now. */
  List<Map<String, Object>> rowsOf(String table, Subject subject) {
    var mine = ofSubject(table, subject);
    return stores.queryForList("select * from " + table + " order by id").stream().filter(mine).toList();
  }

  /** Every row that is not the subject's is exactly as it was. */
  void othersUnchanged(Map<String, Map<Object, Map<String, Object>>> before, Subject subject) {
    var after = snapshot();
    for (var table : TABLES) {
      var mine = ofSubject(table, subject);
      before.get(table).forEach((id, row) -> {
        if (!mine.test(row)) {
          assertThat(after.get(table).get(id)).as(table + " row " + id + " of someone else").isEqualTo(row);
        }
      });
      assertThat(after.get(table).keySet()).as(table + ": no row added or removed").isEqualTo(before.get(table).keySet());
    }
  }

  private static long id(Object value) {
    return value == null ? -1 : ((Number) value).longValue();
  }
}
