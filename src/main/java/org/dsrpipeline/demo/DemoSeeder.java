package org.dsrpipeline.demo;

import static org.dsrpipeline.demo.DemoSubjects.ANASTASIA;
import static org.dsrpipeline.demo.DemoSubjects.ANNA;
import static org.dsrpipeline.demo.DemoSubjects.ANNA_COOKIE;
import static org.dsrpipeline.demo.DemoSubjects.ANNA_SENDER_1;
import static org.dsrpipeline.demo.DemoSubjects.ANNA_SENDER_2;
import static org.dsrpipeline.demo.DemoSubjects.IOANNA;
import static org.dsrpipeline.demo.DemoSubjects.NIKOS;
import static org.dsrpipeline.demo.DemoSubjects.UNLINKED_COOKIE;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEMO: creates the demo stores' schema (an index on every identity column) and fills it with realistic,
 * deterministic data: the same size always gives the same records, dated relative to the clock. The
 * known subjects of {@link DemoSubjects} come first; then {@code subjects} customers in all, and
 * {@code messages} campaign messages in all, most of them to end users who are not customers.
 */
public final class DemoSeeder {

  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
  private static final int BATCH = 1_000;

  static final List<String> TABLES = List.of("accounts.customer", "accounts.invoice", "messaging.message_log",
      "marketing.newsletter_subscription", "marketing.marketing_preference", "tracking.tracking_event",
      "demo_helpdesk.ticket", "demo_crm.contact");

  private static final String[] FIRST = {"Maria", "Eleni", "Katerina", "Vasiliki", "Sofia", "Angeliki", "Dimitra",
      "Georgia", "Christina", "Despoina", "Giorgos", "Dimitris", "Kostas", "Giannis", "Nikos", "Panagiotis", "Christos",
      "Vasilis", "Thanasis", "Michalis", "Stavros", "Eirini", "Theodora", "Spyros", "Alexandros"};
  private static final String[] LAST = {"Papadopoulos", "Papadopoulou", "Vlachos", "Vlachou", "Oikonomou",
      "Nikolaidis", "Nikolaidou", "Makris", "Karagiannis", "Karagianni", "Pappas", "Ioannidis", "Ioannidou",
      "Konstantinidis", "Dimitriou", "Athanasiou", "Christodoulou", "Kyriakou", "Samaras", "Alexiou", "Theodorou",
      "Antoniou", "Lamprou", "Mavridis", "Stathopoulos"};
  private static final String[] TRADES = {"Travel", "Bakery", "Optics", "Logistics", "Pharmacy", "Electronics",
      "Fashion", "Taverna", "Insurance", "Gym", "Florist", "Books"};
  private static final String[] BODIES = {"Your order %d has shipped and arrives tomorrow.",
      "Flash sale: 20%% off everything until midnight. Code SALE%d", "Your verification code is %d.",
      "Reminder: your appointment is tomorrow at %d:00.", "Thank you for your purchase! Points earned: %d.",
      "Your parcel %d is waiting at the pick-up point."};
  private static final String[] DEVICES = {"Android 14 / Chrome 131", "iPhone iOS 17.5", "Android 13 / Viber 22.1",
      "iPhone iOS 18 / Viber 22.0", "Windows 11 / Outlook", "macOS 14 / Apple Mail"};
  private static final String[] INTERACTIONS = {"delivered", "read", "clicked", "not-delivered"};
  private static final String[] PAGES = {"/", "/pricing", "/sms-marketing", "/viber-business", "/blog/gdpr-checklist",
      "/signup", "/login", "/contact"};
  private static final String[] CITIES = {"Athens, GR", "Thessaloniki, GR", "Patras, GR", "Heraklion, GR",
      "Larissa, GR", "Nicosia, CY"};
  private static final String[] AGENTS = {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5) Safari/604.1", "Mozilla/5.0 (Linux; Android 14) Chrome/131.0"};

  private final DataSource dataSource;
  private final Clock clock;

  public DemoSeeder(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  public void createSchema() throws SQLException {
    try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
      var postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      for (var sql : schema(postgres)) {
        statement.execute(sql);
      }
    }
  }

  public boolean isEmpty() throws SQLException {
    try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
         var rows = statement.executeQuery("select count(*) from accounts.customer")) {
      rows.next();
      return rows.getLong(1) == 0;
    }
  }

  /** Replaces every demo record by a fresh seeding of this size. */
  public void seed(int subjects, int messages) throws SQLException {
    if (subjects < DemoSubjects.MIN_SUBJECTS) {
      throw new IllegalArgumentException("The demo needs at least " + DemoSubjects.MIN_SUBJECTS + " subjects");
    }
    var started = System.nanoTime();
    createSchema();
    try (var connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (var statement = connection.createStatement()) {
        for (var table : TABLES) {
          statement.execute("delete from " + table);
        }
      }
      connection.commit();
      new Run(connection, subjects, messages).all();
    }
    log.info("DEMO stores seeded: {} subjects, {} messages in {} s", subjects, messages,
        Duration.ofNanos(System.nanoTime() - started).toSeconds());
  }

  static List<String> schema(boolean postgres) {
    var lowerEmail = postgres ? "lower(%s)" : "%s";
    var sql = new ArrayList<String>();
    for (var schema : List.of("accounts", "messaging", "marketing", "tracking", "demo_helpdesk", "demo_crm")) {
      sql.add("create schema if not exists " + schema);
    }
    sql.add("""
        create table if not exists accounts.customer (
          id bigint primary key, full_name varchar(200), email varchar(254), phone varchar(64),
          company varchar(200), password_hash varchar(200), created_at timestamp with time zone not null,
          restricted boolean default false not null)""");
    sql.add("""
        create table if not exists accounts.invoice (
          id bigint primary key, customer_id bigint not null, amount numeric(12, 2) not null,
          vat_number varchar(20), billing_address varchar(300), issued_at timestamp with time zone not null,
          restricted boolean default false not null)""");
    sql.add("""
        create table if not exists messaging.message_log (
          id bigint primary key, sender_customer_id bigint not null, recipient_phone varchar(64),
          recipient_email varchar(254), channel varchar(10) not null, sender_id varchar(20), body varchar(1000),
          device varchar(100), interaction varchar(30), sent_at timestamp with time zone not null,
          restricted boolean default false not null)""");
    sql.add("""
        create table if not exists marketing.newsletter_subscription (
          id bigint primary key, email varchar(254), subscribed_at timestamp with time zone not null,
          opted_out boolean default false not null, restricted boolean default false not null)""");
    sql.add("""
        create table if not exists marketing.marketing_preference (
          id bigint primary key, customer_id bigint not null, channel varchar(10) not null, consent boolean not null,
          updated_at timestamp with time zone not null, restricted boolean default false not null)""");
    sql.add("""
        create table if not exists tracking.tracking_event (
          id bigint primary key, cookie_id varchar(64), customer_id bigint, page varchar(300),
          ip_coarse_location varchar(100), user_agent varchar(300), occurred_at timestamp with time zone not null,
          labels varchar(500))""");
    sql.add("""
        create table if not exists demo_helpdesk.ticket (
          id bigint primary key, requester_email varchar(254), requester_name varchar(200),
          requester_phone varchar(64), subject varchar(300), body varchar(4000),
          created_at timestamp with time zone not null, restricted boolean default false not null)""");
    sql.add("""
        create table if not exists demo_crm.contact (
          id bigint primary key, email varchar(254), phone varchar(64), full_name varchar(200), company varchar(200),
          notes varchar(2000), unsubscribed boolean default false not null,
          restricted boolean default false not null)""");
    String[][] identityColumns = {
        {"accounts.customer", "email", "email"}, {"accounts.customer", "phone", "phone"},
        {"accounts.invoice", "customer_id", "customer"},
        {"messaging.message_log", "recipient_phone", "phone"}, {"messaging.message_log", "recipient_email", "email"},
        {"messaging.message_log", "sender_customer_id", "sender"},
        {"marketing.newsletter_subscription", "email", "email"},
        {"marketing.marketing_preference", "customer_id", "customer"},
        {"tracking.tracking_event", "cookie_id", "cookie"}, {"tracking.tracking_event", "customer_id", "customer"},
        {"demo_helpdesk.ticket", "requester_email", "email"}, {"demo_helpdesk.ticket", "requester_phone", "phone"},
        {"demo_crm.contact", "email", "email"}, {"demo_crm.contact", "phone", "phone"}};
    for (var index : identityColumns) {
      var table = index[0];
      var column = index[2].equals("email") ? lowerEmail.formatted(index[1]) : index[1];
      sql.add("create index if not exists " + table.substring(table.indexOf('.') + 1) + "_" + index[2] + "_idx on "
          + table + " (" + column + ")");
    }
    return sql;
  }

  /** One seeding: a seeded Random, so that the same size always gives the same data. */
  private final class Run {

    private final Connection connection;
    private final int subjects;
    private final int messages;
    private final Random random = new Random(42);
    private final Instant now = clock.instant();
    private final List<String> customerPhones = new ArrayList<>();
    private final List<String> endUserPhones = new ArrayList<>();
    private final List<String> endUserEmails = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();
    private long invoiceId;
    private long messageId;
    private long trackingId;
    private long newsletterId;
    private long preferenceId;
    private long ticketId;
    private long contactId;

    Run(Connection connection, int subjects, int messages) {
      this.connection = connection;
      this.subjects = subjects;
      this.messages = messages;
      DemoSubjects.ALL.forEach(s -> {
        taken.add(s.phone());
        taken.add(s.email());
      });
    }

    void all() throws SQLException {
      knownSubjects();
      randomCustomers();
      annasMessages();
      randomMessages();
    }

    private void knownSubjects() throws SQLException {
      try (var t = new SubjectTables()) {
        for (var subject : DemoSubjects.ALL) {
          t.customers.add(subject.customerId(), subject.fullName(), subject.email(), subject.phone(), subject.company(),
              passwordHash(), daysAgo(2000));
          t.newsletter.add(++newsletterId, subject.email(), daysAgo(400), false);
          t.preferences.add(++preferenceId, subject.customerId(), "SMS", true, daysAgo(300));
          t.tracking.add(++trackingId, "ck-" + subject.email().hashCode(), subject.customerId(), "/pricing",
              "Athens, GR", AGENTS[0], daysAgo(20));
          t.contacts.add(++contactId, subject.email(), subject.phone(), subject.fullName(), subject.company(),
              "Asked about Viber campaigns", false);
        }
        // Anna, beyond what every known subject has: an old invoice past its 10 years, two recent ones.
        t.invoices.add(++invoiceId, ANNA.customerId(), new BigDecimal("120.00"), "EL123456789",
            "Egnatia 12, 54630 Thessaloniki", daysAgo(11 * 366));
        t.invoices.add(++invoiceId, ANNA.customerId(), new BigDecimal("240.00"), "EL123456789",
            "Egnatia 12, 54630 Thessaloniki", daysAgo(700));
        t.invoices.add(++invoiceId, ANNA.customerId(), new BigDecimal("80.50"), "EL123456789",
            "Egnatia 12, 54630 Thessaloniki", daysAgo(30));
        t.invoices.add(++invoiceId, IOANNA.customerId(), new BigDecimal("55.00"), "EL987654321",
            "Tsimiski 40, 54623 Thessaloniki", daysAgo(90));
        t.preferences.add(++preferenceId, ANNA.customerId(), "EMAIL", true, daysAgo(300));
        // Two early visits of Anna's browser before she logged in: found through her cookie only.
        t.tracking.add(++trackingId, ANNA_COOKIE, ANNA.customerId(), "/login", "Thessaloniki, GR", AGENTS[1], daysAgo(60));
        t.tracking.add(++trackingId, ANNA_COOKIE, ANNA.customerId(), "/signup", "Thessaloniki, GR", AGENTS[1],
            daysAgo(61));
        t.tracking.add(++trackingId, ANNA_COOKIE, null, "/pricing", "Thessaloniki, GR", AGENTS[1], daysAgo(62));
        t.tracking.add(++trackingId, ANNA_COOKIE, null, "/", "Thessaloniki, GR", AGENTS[1], daysAgo(63));
        t.tracking.add(++trackingId, UNLINKED_COOKIE, null, "/blog/gdpr-checklist", "Athens, GR", AGENTS[2], daysAgo(5));
        t.tracking.add(++trackingId, "ck-anastasia-01", ANASTASIA.customerId(), "/", "Patras, GR", AGENTS[2], daysAgo(9));
        t.tickets.add(++ticketId, ANNA.email(), ANNA.fullName(), null, "Invoice question",
            "Could you send me invoice 2 again?", daysAgo(40));
        t.tickets.add(++ticketId, ANNA.email(), ANNA.fullName(), ANNA.phone(), "Viber sender id",
            "How do I register a Viber sender id?", daysAgo(200));
        t.tickets.add(++ticketId, null, "Anna", ANNA.phone(), "Callback", "Please call me back about pricing.",
            daysAgo(3));
        t.tickets.add(++ticketId, IOANNA.email(), IOANNA.fullName(), null, "Password reset", "I cannot log in.",
            daysAgo(15));
        t.tickets.add(++ticketId, null, "Anastasia", ANASTASIA.phone(), "Callback", "Call me about SMS credits.",
            daysAgo(8));
        t.tickets.add(++ticketId, NIKOS.email(), NIKOS.fullName(), NIKOS.phone(), "API limits", "What is the rate limit?",
            daysAgo(12));
      }
      connection.commit();
      customerPhones.add(IOANNA.phone());
    }

    private void randomCustomers() throws SQLException {
      var first = DemoSubjects.ALL.size() + 1;
      try (var t = new SubjectTables()) {
        for (long id = first; id <= subjects; id++) {
          var firstName = pick(FIRST);
          var lastName = pick(LAST);
          var name = firstName + " " + lastName;
          var email = unique(firstName.toLowerCase(Locale.ROOT) + "." + lastName.toLowerCase(Locale.ROOT) + id
              + "@" + pick(new String[] {"example.gr", "example.com", "mail.example.gr"}));
          var phone = newPhone();
          customerPhones.add(phone);
          var company = lastName + " " + pick(TRADES);
          t.customers.add(id, name, email, phone, company, passwordHash(), daysAgo(30 + random.nextInt(3000)));
          for (int i = random.nextInt(4); i > 0; i--) {
            t.invoices.add(++invoiceId, id, BigDecimal.valueOf(1000 + random.nextInt(50_000), 2),
                "EL" + (100_000_000 + random.nextInt(900_000_000)), random.nextInt(200) + " Egnatia, Thessaloniki",
                daysAgo(random.nextInt(4400)));
          }
          if (random.nextBoolean()) {
            t.newsletter.add(++newsletterId, email, daysAgo(random.nextInt(1500)), random.nextInt(5) == 0);
          }
          t.preferences.add(++preferenceId, id, pick(new String[] {"SMS", "VIBER", "EMAIL"}), random.nextBoolean(),
              daysAgo(random.nextInt(900)));
          var cookie = "ck-" + Long.toHexString(random.nextLong());
          for (int i = random.nextInt(6); i > 0; i--) {
            t.tracking.add(++trackingId, cookie, random.nextInt(3) == 0 ? null : id, pick(PAGES), pick(CITIES),
                pick(AGENTS), daysAgo(random.nextInt(700)));
          }
          if (random.nextInt(10) == 0) {
            t.tickets.add(++ticketId, email, name, random.nextBoolean() ? phone : null, "Question about credits",
                "How many SMS credits do I have left?", daysAgo(random.nextInt(500)));
          }
          if (random.nextInt(10) < 3) {
            t.contacts.add(++contactId, email, phone, name, company, "Lead from the website", random.nextInt(4) == 0);
          }
          progress("customers", id, subjects);
        }
      }
      connection.commit();
      for (int i = 0; i < Math.max(100, subjects * 5); i++) {
        endUserPhones.add(newPhone());
        endUserEmails.add(unique("enduser" + i + "@" + pick(new String[] {"example.net", "example.org"})));
      }
    }

    private void annasMessages() throws SQLException {
      try (var log = messageInsert()) {
        long[] recentDays = {3, 40, 120, 250, 330};
        for (var days : recentDays) {
          message(log, days % 2 == 0 ? ANNA_SENDER_1 : ANNA_SENDER_2, ANNA.phone(), null, "SMS", daysAgo(days));
        }
        for (var days : new long[] {800, 900, 1000}) {
          message(log, ANNA_SENDER_1, ANNA.phone(), null, "VIBER", daysAgo(days));
        }
        message(log, ANNA_SENDER_2, null, "Ann@Example.gr", "EMAIL", daysAgo(10));
        for (var lookalike : List.of(IOANNA, ANASTASIA, NIKOS)) {
          message(log, ANNA_SENDER_1, lookalike.phone(), null, "SMS", daysAgo(7));
          message(log, ANNA_SENDER_2, null, lookalike.email(), "EMAIL", daysAgo(900));
        }
      }
      connection.commit();
    }

    private void randomMessages() throws SQLException {
      var remaining = messages - messageId;
      try (var log = messageInsert()) {
        for (long i = 1; i <= remaining; i++) {
          var sender = DemoSubjects.ALL.size() + 1 + random.nextInt(subjects - DemoSubjects.ALL.size());
          var channel = random.nextInt(100);
          var sentAt = daysAgo(random.nextInt(3 * 365));
          if (channel < 15) {
            message(log, sender, null, endUserEmails.get(random.nextInt(endUserEmails.size())), "EMAIL", sentAt);
          } else {
            var phones = random.nextInt(10) < 3 ? customerPhones : endUserPhones;
            message(log, sender, phones.get(random.nextInt(phones.size())), null, channel < 75 ? "SMS" : "VIBER",
                sentAt);
          }
          progress("messages", i, remaining);
        }
      }
      connection.commit();
    }

    /** Every table a subject has records in, but the message log. */
    private final class SubjectTables implements AutoCloseable {

      final Insert customers = insert("accounts.customer",
          "id, full_name, email, phone, company, password_hash, created_at");
      final Insert invoices = insert("accounts.invoice", "id, customer_id, amount, vat_number, billing_address, issued_at");
      final Insert newsletter = insert("marketing.newsletter_subscription", "id, email, subscribed_at, opted_out");
      final Insert preferences = insert("marketing.marketing_preference",
          "id, customer_id, channel, consent, updated_at");
      final Insert tracking = insert("tracking.tracking_event",
          "id, cookie_id, customer_id, page, ip_coarse_location, user_agent, occurred_at");
      final Insert tickets = insert("demo_helpdesk.ticket",
          "id, requester_email, requester_name, requester_phone, subject, body, created_at");
      final Insert contacts = insert("demo_crm.contact", "id, email, phone, full_name, company, notes, unsubscribed");

      SubjectTables() throws SQLException {
      }

      @Override
      public void close() throws SQLException {
        for (var table : List.of(customers, invoices, newsletter, preferences, tracking, tickets, contacts)) {
          table.close();
        }
      }
    }

    private Insert messageInsert() throws SQLException {
      return insert("messaging.message_log",
          "id, sender_customer_id, recipient_phone, recipient_email, channel, sender_id, body, device, interaction, "
              + "sent_at");
    }

    private void message(Insert log, long sender, String phone, String email, String channel, OffsetDateTime sentAt)
        throws SQLException {
      log.add(++messageId, sender, phone, email, channel, "SENDER" + sender,
          pick(BODIES).formatted(1000 + random.nextInt(9000)), pick(DEVICES), pick(INTERACTIONS), sentAt);
    }

    private void progress(String what, long done, long total) {
      if (total >= 10_000 && (done * 10 / total) != ((done - 1) * 10 / total)) {
        log.info("DEMO seeding {}: {}%", what, done * 10 / total * 10);
      }
    }

    private String newPhone() {
      String phone;
      do {
        phone = "+3069" + (10_000_000 + random.nextInt(90_000_000));
      } while (!taken.add(phone));
      return phone;
    }

    private String unique(String email) {
      return taken.add(email) ? email : unique("x" + email);
    }

    private String passwordHash() {
      return "$2a$10$" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    private String pick(String[] values) {
      return values[random.nextInt(values.length)];
    }

    private OffsetDateTime daysAgo(long days) {
      return OffsetDateTime.ofInstant(now.minus(Duration.ofDays(days)), ZoneOffset.UTC);
    }

    private Insert insert(String table, String columns) throws SQLException {
      var count = columns.split(",").length;
      return new Insert(connection, connection.prepareStatement("insert into " + table + " (" + columns
          + ") values (" + "?, ".repeat(count - 1) + "?)"));
    }
  }

  /** Batched inserts, committed every {@value #BATCH} rows. */
  private static final class Insert implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement statement;
    private int pending;

    Insert(Connection connection, PreparedStatement statement) {
      this.connection = connection;
      this.statement = statement;
    }

    void add(Object... values) throws SQLException {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.addBatch();
      if (++pending == BATCH) {
        statement.executeBatch();
        connection.commit();
        pending = 0;
      }
    }

    @Override
    public void close() throws SQLException {
      if (pending > 0) {
        statement.executeBatch();
      }
      statement.close();
    }
  }
}
