package org.dsrpipeline.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.dsrpipeline.support.AppStores;
import org.dsrpipeline.support.FakeSaas;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application's demo stores read directly: a seeded subject (never Anna and her look-alikes, ids 1 to 4), and
 * every row of every jdbc table and every record of the helpdesk and CRM (a FakeSaas on the test configuration's
 * DSR_PUBLIC_BASE_URL port, holding the seeded tickets and contacts), to tell the subject's from everyone else's.
 */
final class DemoStoreRows implements AutoCloseable {

  static final String HELPDESK = "helpdesk";
  static final String CRM = "crm";
  static final List<String> TABLES = List.of("accounts.customer", "accounts.invoice", "messaging.message_log",
      "marketing.newsletter_subscription", "marketing.marketing_preference", "tracking.tracking_event", HELPDESK, CRM);
  /** The port of DSR_PUBLIC_BASE_URL in application-test.yaml, below the ephemeral range: see IntegrationTest. */
  static final int SAAS_PORT = 29253;

  record Subject(long customerId, String email, String phone) {
  }

  final JdbcTemplate stores = new JdbcTemplate(AppStores.dataSource());
  final FakeSaas saas = FakeSaas.start(SAAS_PORT);

  DemoStoreRows() {
    saas.pageSize(50);
    stores.queryForList("select * from demo_helpdesk.ticket order by id").forEach(t -> saas.tickets.add(
        "requester_email", t.get("requester_email"), "requester_name", t.get("requester_name"),
        "requester_phone", t.get("requester_phone"), "subject", t.get("subject"), "body", t.get("body"),
        "created_at", String.valueOf(t.get("created_at")), "restricted", t.get("restricted")));
    stores.queryForList("select * from demo_crm.contact order by id").forEach(c -> saas.contacts.add(
        "email", c.get("email"), "phone", c.get("phone"), "full_name", c.get("full_name"), "company", c.get("company"),
        "notes", c.get("notes"), "unsubscribed", c.get("unsubscribed"), "restricted", c.get("restricted")));
  }

  @Override
  public void close() {
    saas.close();
  }

  /** The first seeded customer matching {@code where} (SQL on customer {@code c}) that no earlier test touched. */
  Subject subject(String where) {
    var row = stores.queryForMap("select c.id, c.email, c.phone from accounts.customer c where c.id > 4 "
        + "and c.restricted = false and not exists (select 1 from marketing.newsletter_subscription n "
        + "where n.email = c.email and (n.restricted or n.opted_out)) and not exists (select 1 from "
        + "marketing.marketing_preference p where p.customer_id = c.id and p.restricted) and " + where
        + " order by c.id limit 1");
    return new Subject(((Number) row.get("id")).longValue(), (String) row.get("email"), (String) row.get("phone"));
  }

  /** Every row of every table, by table and id. */
  Map<String, Map<Object, Map<String, Object>>> snapshot() {
    var all = new LinkedHashMap<String, Map<Object, Map<String, Object>>>();
    for (var table : TABLES) {
      var rows = new LinkedHashMap<Object, Map<String, Object>>();
      rows(table).forEach(r -> rows.put(r.get("id"), new LinkedHashMap<>(r)));
      all.put(table, rows);
    }
    return all;
  }

  /** Is this row the subject's, as the identity graph finds it (message logs: by the number or address reached). */
  Predicate<Map<String, Object>> ofSubject(String table, Subject subject) {
    var cookies = stores.queryForList("select distinct cookie_id from tracking.tracking_event where customer_id = ?",
        String.class, subject.customerId());
    return row -> switch (table) {
      case "accounts.customer" -> id(row.get("id")) == subject.customerId();
      case "accounts.invoice", "marketing.marketing_preference" -> id(row.get("customer_id")) == subject.customerId();
      case "marketing.newsletter_subscription" -> subject.email().equalsIgnoreCase((String) row.get("email"));
      case "tracking.tracking_event" -> Objects.equals(id(row.get("customer_id")), subject.customerId())
          || cookies.contains(row.get("cookie_id"));
      case HELPDESK -> subject.email().equalsIgnoreCase((String) row.get("requester_email"))
          || subject.phone().equals(row.get("requester_phone"));
      case CRM -> subject.email().equalsIgnoreCase((String) row.get("email"))
          || subject.phone().equals(row.get("phone"));
      case "messaging.message_log" -> subject.phone().equals(row.get("recipient_phone"))
          || subject.email().equalsIgnoreCase((String) row.get("recipient_email"));
      default -> false;
    };
  }

  /** The subject's rows of {@code table} now. */
  List<Map<String, Object>> rowsOf(String table, Subject subject) {
    var mine = ofSubject(table, subject);
    return rows(table).stream().filter(mine).toList();
  }

  private List<Map<String, Object>> rows(String table) {
    return switch (table) {
      case HELPDESK -> saas.tickets.all();
      case CRM -> saas.contacts.all();
      default -> stores.queryForList("select * from " + table + " order by id");
    };
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
