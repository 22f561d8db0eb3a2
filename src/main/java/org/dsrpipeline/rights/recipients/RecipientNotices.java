package org.dsrpipeline.rights.recipients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.datamap.Store;
import org.dsrpipeline.datamap.StoreKind;
import org.dsrpipeline.notify.OrganisationProperties;
import org.dsrpipeline.notify.Outbox;
import org.dsrpipeline.request.DataSubjectRequest;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.rights.ColumnText;
import org.dsrpipeline.rights.RecordedOutcome;
import org.dsrpipeline.rights.StoreWork;
import org.dsrpipeline.rights.proof.PhoneProof;
import org.dsrpipeline.rights.rectification.Rectifications;
import org.dsrpipeline.security.OneTimeTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Art. 19: after a rectification, erasure or restriction changed a store, every recipient the data map lists for
 * that store is told, once per request ({@code dsr_recipient_notice}). A recipient with {@code notify} gets one
 * email (outbox) with a secret link to a page that shows what to do for whom, and acknowledges there; a recipient
 * with only a {@code note} is recorded NOT_NOTIFIED with the note as the reason. The email names no subject.
 */
@Service
public class RecipientNotices {

  /** One recipient's notice for a request; {@code stores} and {@code operations} are names, never data. */
  public record Notice(long id, String recipient, String address, List<String> stores, List<String> operations,
      String status, String reason, Instant notifiedAt, Instant expiresAt, Instant acknowledgedAt) {
  }

  /** What the recipient's page shows: the request, what to do in which of our stores, and for whom. */
  public record PageView(Notice notice, String reference, List<StoreTask> tasks, String subjectName,
      String subjectEmail, String subjectPhone, List<String> corrections) {
  }

  public record StoreTask(String description, String operation) {
  }

  public enum Acknowledgement { ACKNOWLEDGED, ALREADY_ACKNOWLEDGED, UNKNOWN }

  static final String TEMPLATE = "recipient-notice";
  private static final Set<String> TOLD_OPERATIONS = Set.of(Operation.ERASE.name(), Operation.RESTRICT.name(),
      Operation.RECTIFY.name());

  private final DataMap map;
  private final StoreWork work;
  private final DataSubjectRequestRepository requests;
  private final PhoneProof phones;
  private final Outbox outbox;
  private final AuditTrail audit;
  private final JdbcTemplate jdbc;
  private final OrganisationProperties organisation;
  private final RecipientProperties properties;
  private final Clock clock;
  private final Rectifications rectifications;

  RecipientNotices(DataMap map, StoreWork work, DataSubjectRequestRepository requests, PhoneProof phones,
      Outbox outbox, AuditTrail audit, JdbcTemplate jdbc, OrganisationProperties organisation,
      RecipientProperties properties, Clock clock, Rectifications rectifications) {
    this.rectifications = rectifications;
    this.map = map;
    this.work = work;
    this.requests = requests;
    this.phones = phones;
    this.outbox = outbox;
    this.audit = audit;
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Tells the recipients of every store the request changed; returns how many recipients were recorded. Runs
   * once per request: a second call (a retried job) finds the notices and records nothing more.
   */
  @Transactional
  public int notifyRecipients(String reference) {
    var request = load(reference);
    // serialises two runs of the same request's step: the second sees the first one's notices
    jdbc.queryForList("select id from dsr_request where id = ? for update", Long.class, request.id());
    if (!of(request.id()).isEmpty()) {
      return 0;
    }
    var told = new LinkedHashMap<String, Told>();
    for (var outcome : work.outcomes(reference)) {
      if (!TOLD_OPERATIONS.contains(outcome.operation()) || !changed(outcome)) {
        continue;
      }
      map.store(outcome.store()).ifPresent(store -> store.recipients().forEach(recipient -> told
          .computeIfAbsent(recipient.name(), name -> new Told(name)).add(recipient, store.name(),
              outcome.operation())));
    }
    var now = clock.instant();
    for (var recipient : told.values()) {
      if (recipient.address != null) {
        notify(request, recipient, now);
      } else {
        insert(request, recipient, "NOT_NOTIFIED", null, null, now);
        audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.RECIPIENT_NOT_NOTIFIED, ColumnText.fit(
            "Recipient " + recipient.name + " of " + String.join(", ", recipient.stores) + " not notified: "
                + (recipient.note == null ? "no address in the data map" : recipient.note), 1000), "GDPR Art. 19");
      }
    }
    return told.size();
  }

  private void notify(DataSubjectRequest request, Told recipient, Instant now) {
    var token = OneTimeTokens.newToken();
    var expires = now.plus(properties.linkValidity());
    insert(request, recipient, "NOTIFIED", OneTimeTokens.hash(token), expires, now);
    var tasks = recipient.tasks().stream().map(t -> Map.of("description", t.description(), "operation",
        t.operation())).toList();
    outbox.queue(request.id(), recipient.address, properties.language(), TEMPLATE, Map.of(
        "recipientName", recipient.name, "reference", request.reference(), "tasks", tasks,
        "link", organisation.url("/recipient/" + token), "expiresDate", date(expires)));
    audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.RECIPIENT_NOTIFIED, ColumnText.fit("Recipient "
        + recipient.name + " of " + String.join(", ", recipient.stores) + " notified to "
        + String.join(", ", recipient.operations).toLowerCase(Locale.ROOT), 1000), "GDPR Art. 19");
  }

  private void insert(DataSubjectRequest request, Told recipient, String status, String tokenHash, Instant expires,
      Instant now) {
    jdbc.update("insert into dsr_recipient_notice (request_id, recipient_name, address, stores, operations, status, "
        + "reason, token_hash, notified_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", request.id(),
        recipient.name, recipient.address, String.join(",", recipient.stores), String.join(",", recipient.operations),
        status, "NOT_NOTIFIED".equals(status) ? recipient.note : null, tokenHash, Timestamp.from(now),
        expires == null ? null : Timestamp.from(expires));
  }

  /** A manual store records no counts: its answered action is the change. */
  private boolean changed(RecordedOutcome outcome) {
    if (!outcome.ok()) {
      return false;
    }
    return outcome.changed() > 0 || map.store(outcome.store()).map(s -> s.kind() == StoreKind.MANUAL).orElse(false);
  }

  /** The request's notices, for the DPO and the answer. */
  @Transactional(readOnly = true)
  public List<Notice> of(String reference) {
    return of(load(reference).id());
  }

  private List<Notice> of(long requestId) {
    return jdbc.query("select * from dsr_recipient_notice where request_id = ? order by id", NOTICE, requestId);
  }

  /** The page behind a notice's link; empty for an unknown or expired link (the page says the same for both). */
  @Transactional(readOnly = true)
  public Optional<PageView> page(String token) {
    return live(token).map(found -> {
      var request = requests.findById(found.requestId).orElseThrow();
      var tasks = found.notice.stores().stream().flatMap(store -> found.notice.operations().stream()
          .filter(operation -> operationOf(found.requestId, store, operation))
          .map(operation -> new StoreTask(description(store), operation))).toList();
      var corrections = found.notice.operations().contains(Operation.RECTIFY.name())
          ? rectifications.acceptedIn(request.reference(), found.notice.stores()) : List.<String>of();
      return new PageView(found.notice, request.reference(), tasks, request.fullName(), request.email(),
          phones.provenPhone(request).map(PhoneProof.ProvenPhone::phone).orElse(null), corrections);
    });
  }

  /** Records the recipient's acknowledgement once; a replay changes nothing. */
  @Transactional
  public Acknowledgement acknowledge(String token) {
    var found = live(token);
    if (found.isEmpty()) {
      return Acknowledgement.UNKNOWN;
    }
    var now = clock.instant();
    var updated = jdbc.update("update dsr_recipient_notice set status = 'ACKNOWLEDGED', acknowledged_at = ? "
        + "where id = ? and acknowledged_at is null", Timestamp.from(now), found.get().notice.id());
    if (updated == 0) {
      return Acknowledgement.ALREADY_ACKNOWLEDGED;
    }
    audit.record(found.get().requestId, "recipient", AuditAction.RECIPIENT_ACKNOWLEDGED,
        ColumnText.fit("Recipient " + found.get().notice.recipient() + " acknowledged the notice", 1000),
        "GDPR Art. 19");
    return Acknowledgement.ACKNOWLEDGED;
  }

  private record Found(long requestId, Notice notice) {
  }

  private Optional<Found> live(String token) {
    if (token == null || token.length() > 100) {
      return Optional.empty();
    }
    return jdbc.query("select * from dsr_recipient_notice where token_hash = ?",
        (rs, n) -> new Found(rs.getLong("request_id"), NOTICE.mapRow(rs, n)), OneTimeTokens.hash(token)).stream()
        .filter(f -> f.notice.expiresAt() != null && f.notice.expiresAt().isAfter(clock.instant())).findFirst();
  }

  private boolean operationOf(long requestId, String store, String operation) {
    var reference = requests.findById(requestId).orElseThrow().reference();
    return work.outcomes(reference).stream().anyMatch(o -> o.store().equals(store)
        && o.operation().equals(operation) && changed(o));
  }

  private String date(Instant at) {
    return DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag(properties.language()))
        .format(at.atZone(ZoneOffset.UTC));
  }

  private String description(String store) {
    return map.store(store).map(s -> s.description() == null ? s.name() : s.description()).orElse(store);
  }

  private DataSubjectRequest load(String reference) {
    return requests.findByReference(reference).orElseThrow(() -> new NoSuchElementException("No request "
        + reference));
  }

  private static final RowMapper<Notice> NOTICE = RecipientNotices::notice;

  private static Notice notice(ResultSet rs, int n) throws SQLException {
    return new Notice(rs.getLong("id"), rs.getString("recipient_name"), rs.getString("address"),
        split(rs.getString("stores")), split(rs.getString("operations")), rs.getString("status"),
        rs.getString("reason"), instant(rs.getTimestamp("notified_at")), instant(rs.getTimestamp("expires_at")),
        instant(rs.getTimestamp("acknowledged_at")));
  }

  private static List<String> split(String names) {
    return names == null || names.isEmpty() ? List.of() : Arrays.asList(names.split(","));
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }

  /** A recipient as it is told: the stores it received data from, and what was done in them. */
  private final class Told {
    final String name;
    String address;
    String note;
    final Set<String> stores = new LinkedHashSet<>();
    final Set<String> operations = new LinkedHashSet<>();
    private final List<StoreTask> tasks = new ArrayList<>();

    Told(String name) {
      this.name = name;
    }

    void add(Store.Recipient recipient, String store, String operation) {
      if (address == null) {
        address = recipient.notifyAddress();
      }
      if (note == null) {
        note = recipient.note();
      }
      stores.add(store);
      operations.add(operation);
      var task = new StoreTask(description(store), operation);
      if (!tasks.contains(task)) {
        tasks.add(task);
      }
    }

    List<StoreTask> tasks() {
      return tasks;
    }
  }
}
