package org.dsrpipeline.rights.controllers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
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
import java.util.TreeMap;
import java.util.TreeSet;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.connector.ConnectorRegistry;
import org.dsrpipeline.connector.StoreOutcome;
import org.dsrpipeline.datamap.ControllerContacts;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.SubjectIdentities;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.datamap.Role;
import org.dsrpipeline.datamap.Store;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.notify.OrganisationProperties;
import org.dsrpipeline.notify.Outbox;
import org.dsrpipeline.request.DataSubjectRequest;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.rights.ColumnText;
import org.dsrpipeline.rights.OperationScopes;
import org.dsrpipeline.rights.RecordedOutcome;
import org.dsrpipeline.rights.StoreWork;
import org.dsrpipeline.rights.SubjectResolution;
import org.dsrpipeline.rights.proof.PhoneProof;
import org.dsrpipeline.security.OneTimeTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The processor role (GDPR Art. 28(3)(e)): the records a request found in stores held as processor belong to the
 * platform's customers, who are their controllers. Each controller customer is asked once per request and operation
 * ({@code dsr_controller_request}): an email (outbox) with no identifier of the subject and a secret, expiring link
 * to a page that names the subject and takes one answer, once: carry it out (the platform acts on that controller's
 * records only), we handle it ourselves, or refuse with a reason. A controller that stays silent is reminded, then
 * the DPO chases or decides ({@link #decideByDpo}). Customer numbers, names and counts only in the table and the log.
 */
@Service
public class ControllerRequests {

  /** A controller customer's answer; NO_ANSWER only by the DPO, who closes a controller that never answered. */
  public enum Answer { CARRY_OUT, HANDLED_BY_CONTROLLER, REFUSED, NO_ANSWER }

  /** One controller customer asked for a request; {@code stores} are store names. */
  public record Asked(long id, String reference, String operation, String controller, String controllerName,
      String address, String language, long records, List<String> stores, String status, String reason,
      String answeredBy, Instant askedAt, Instant expiresAt, Instant remindedAt, int reminders, Instant answeredAt) {

    public boolean answered() {
      return !"ASKED".equals(status);
    }

    public Optional<Answer> answer() {
      return answered() ? Optional.of(Answer.valueOf(status)) : Optional.empty();
    }
  }

  /**
   * What the controller's page (and its JSON twin) shows: the request, the subject as it filed it, the identifiers
   * its records were found by (phones and emails; empty once the request has forgotten them), the records.
   */
  public record PageView(Asked asked, String dueDate, List<String> storeDescriptions, String subjectName,
      String subjectEmail, String subjectPhone, List<String> phones, List<String> emails) {
  }

  public enum Recorded { RECORDED, ALREADY_ANSWERED, UNKNOWN }

  /** An answer that cannot be taken: a refusal without a reason, or an answer the controller cannot give. */
  public static class AnswerRefused extends RuntimeException {
    AnswerRefused(String message) {
      super(message);
    }
  }

  static final String TEMPLATE = "controller-request";
  static final String CONTROLLER = "controller";
  private static final int MAX_REASON = 2000;
  private static final Logger log = LoggerFactory.getLogger(ControllerRequests.class);

  private final DataMap map;
  private final ConnectorRegistry registry;
  private final StoreWork work;
  private final OperationScopes scopes;
  private final DataSubjectRequestRepository requests;
  private final PhoneProof phones;
  private final Outbox outbox;
  private final AuditTrail audit;
  private final JdbcTemplate jdbc;
  private final OrganisationProperties organisation;
  private final ControllerProperties properties;
  private final LegalClock legalClock;
  private final ObjectMapper json;
  private final Clock clock;
  private final List<ControllerAnswerListener> listeners;
  private final SubjectResolution resolution;

  ControllerRequests(DataMap map, ConnectorRegistry registry, StoreWork work, OperationScopes scopes,
      DataSubjectRequestRepository requests, PhoneProof phones, Outbox outbox, AuditTrail audit, JdbcTemplate jdbc,
      OrganisationProperties organisation, ControllerProperties properties, LegalClock legalClock, ObjectMapper json,
      Clock clock, List<ControllerAnswerListener> listeners, SubjectResolution resolution) {
    this.resolution = resolution;
    this.map = map;
    this.registry = registry;
    this.work = work;
    this.scopes = scopes;
    this.requests = requests;
    this.phones = phones;
    this.outbox = outbox;
    this.audit = audit;
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.properties = properties;
    this.legalClock = legalClock;
    this.json = json;
    this.clock = clock;
    this.listeners = listeners;
  }

  /**
   * Asks every controller customer whose records the request found in a processor store (the FIND of each
   * processor store, run again if it has not succeeded: a store that is down fails this step, to be retried) what
   * to do about the operation. Returns the ids of the controllers asked. Runs once per request and operation: a
   * second call (a retried job) returns the same ids and sends nothing.
   */
  @Transactional
  public List<Long> ask(String reference, Operation operation) {
    var request = load(reference);
    var existing = ids(request.id(), operation);
    if (!existing.isEmpty()) {
      return existing;
    }
    // the store steps below write in transactions of their own: they run before this one locks the request
    var byController = new TreeMap<String, Found>();
    for (var store : processorStores()) {
      var find = work.run(reference, store.name(), Operation.FIND);
      if (!find.ok()) {
        throw new IllegalStateException("Store " + store.name() + " could not be searched, so its controller "
            + "customers are not known yet: " + find.outcome().error());
      }
      var counts = controllerCounts(find.outcome());
      counts.forEach((controller, records) -> byController.computeIfAbsent(controller, c -> new Found())
          .add(store.name(), records));
      if (counts.isEmpty()) {
        work.recordNotActedOn(reference, store.name(), operation, 1, StoreOutcome.Status.HANDLED_WITH_CONTROLLER,
            "held as processor: none of the subject's records found, no controller customer to ask");
      }
    }
    if (byController.isEmpty()) {
      return List.of();
    }
    // serialises two runs of the same request's step: the second sees the first one's questions
    jdbc.queryForList("select id from dsr_request where id = ? for update", Long.class, request.id());
    existing = ids(request.id(), operation);
    if (!existing.isEmpty()) {
      return existing;
    }
    var contacts = contacts(byController.keySet());
    var now = clock.instant();
    for (var entry : byController.entrySet()) {
      var contact = contacts.getOrDefault(entry.getKey(), Contact.UNKNOWN);
      var token = OneTimeTokens.newToken();
      var expires = now.plus(properties.linkValidity());
      jdbc.update("insert into dsr_controller_request (request_id, operation, controller_id, controller_name, "
          + "address, language, records, stores, status, token_hash, asked_at, expires_at) values (?, ?, ?, ?, ?, ?, "
          + "?, ?, 'ASKED', ?, ?, ?)", request.id(), operation.name(), entry.getKey(),
          ColumnText.fit(contact.name(), 300), contact.address(), contact.language(), entry.getValue().records,
          String.join(",", entry.getValue().stores), OneTimeTokens.hash(token), Timestamp.from(now),
          Timestamp.from(expires));
      var asked = byToken(token).orElseThrow();
      if (contact.address() != null) {
        email(request, asked, token, false);
      }
      audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.CONTROLLER_ASKED, ColumnText.fit("Controller customer "
          + entry.getKey() + " asked about " + asked.records() + " record(s) in " + String.join(", ",
          asked.stores()) + (contact.address() == null ? ": no contact address in the data map, the DPO must reach it"
          : ""), 1000), "GDPR Art. 28(3)(e)");
    }
    log.info("Request {}: {} controller customer(s) asked about {}", reference, byController.size(),
        operation.yamlName());
    return ids(request.id(), operation);
  }

  /** Reminds a controller that has not answered (a new link; the first one keeps working). False: it has answered. */
  @Transactional
  public boolean remind(long id) {
    var asked = asked(id);
    if (asked.answered()) {
      return false;
    }
    var request = load(asked.reference());
    var token = OneTimeTokens.newToken();
    var now = clock.instant();
    var expires = now.plus(properties.linkValidity());
    // the first email's link and the latest reminder's both work, until the later expiry
    jdbc.update("update dsr_controller_request set reminded_at = ?, reminders = reminders + 1, reminder_token_hash = ?, "
        + "expires_at = ? where id = ? and status = 'ASKED'", Timestamp.from(now), OneTimeTokens.hash(token),
        Timestamp.from(expires), id);
    if (asked.address() != null) {
      email(request, asked(id), token, true);
    }
    audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.CONTROLLER_REMINDED, ColumnText.fit("Controller "
        + "customer " + asked.controller() + (asked.address() == null ? " could not be reminded: no contact address"
        : " reminded (" + (asked.reminders() + 1) + ")"), 1000), "GDPR Art. 28(3)(e)");
    return true;
  }

  /** The page behind a controller's link; empty for an unknown or expired link (the page says the same for both). */
  @Transactional(readOnly = true)
  public Optional<PageView> page(String token) {
    return live(token).map(this::view);
  }

  /** Records the controller's answer through its link, once; a second answer changes nothing. */
  @Transactional
  public Recorded answer(String token, Answer answer, String reason) {
    if (answer == null || answer == Answer.NO_ANSWER) {
      throw new AnswerRefused("answer: CARRY_OUT, HANDLED_BY_CONTROLLER or REFUSED");
    }
    var found = live(token);
    if (found.isEmpty()) {
      return Recorded.UNKNOWN;
    }
    return record(found.get(), answer, reason, CONTROLLER) ? Recorded.RECORDED : Recorded.ALREADY_ANSWERED;
  }

  /**
   * The DPO, after chasing, records what the controller said by other means, or closes it as never answered
   * (NO_ANSWER: nothing is done in the controller's records). False: the controller has answered meanwhile.
   */
  @Transactional
  public boolean decideByDpo(long id, Answer answer, String note, String dpoUser) {
    if (answer == null) {
      throw new AnswerRefused("controllerDecision: chase, carryOut, handledByController, refused or noAnswer");
    }
    if (note == null || note.isBlank()) {
      throw new AnswerRefused("controllerNote: say what the controller answered, or how you tried to reach it");
    }
    return record(asked(id), answer, note, dpoUser);
  }

  private boolean record(Asked asked, Answer answer, String reason, String by) {
    var text = reason == null || reason.isBlank() ? null : reason.strip();
    if (answer == Answer.REFUSED && text == null) {
      throw new AnswerRefused("reason: a refusal says why");
    }
    if (text != null && text.length() > MAX_REASON) {
      throw new AnswerRefused("reason: at most " + MAX_REASON + " characters");
    }
    var updated = jdbc.update("update dsr_controller_request set status = ?, reason = ?, answered_by = ?, "
        + "answered_at = ? where id = ? and status = 'ASKED'", answer.name(), text, by,
        Timestamp.from(clock.instant()), asked.id());
    if (updated == 0) {
      return false;
    }
    var request = load(asked.reference());
    audit.record(request.id(), CONTROLLER.equals(by) ? "controller" : by, AuditAction.CONTROLLER_ANSWERED,
        ColumnText.fit("Controller customer " + asked.controller() + ": " + answer + (CONTROLLER.equals(by) ? ""
            : " (recorded by the DPO)") + (text == null ? "" : ": " + text), 1000), "GDPR Art. 28(3)(e)");
    if (CONTROLLER.equals(by)) {
      listeners.forEach(l -> l.answered(asked.reference(), asked.id()));
    }
    return true;
  }

  /**
   * Acts on the controller's answer: for CARRY_OUT, returns the processor stores to run the operation in for that
   * controller (each a step of its own); for any other answer, records the controller's part of each store as
   * HANDLED_WITH_CONTROLLER with the answer as the note, and returns none. Idempotent.
   */
  @Transactional
  public List<String> act(long id) {
    var asked = asked(id);
    var answer = asked.answer().orElseThrow(() -> new IllegalStateException("Controller request " + id
        + " has no answer yet"));
    var operation = Operation.valueOf(asked.operation());
    if (answer == Answer.CARRY_OUT) {
      asked.stores().forEach(store -> {
        scopes.includeController(asked.reference(), store, operation, asked.controller());
        if (operation == Operation.RESTRICT) {
          // the lift of the request's restriction lifts it in this controller's records too
          scopes.includeController(asked.reference(), store, Operation.UNRESTRICT, asked.controller());
        }
      });
      return asked.stores();
    }
    var note = switch (answer) {
      case HANDLED_BY_CONTROLLER -> "the controller customer answers the request itself";
      case REFUSED -> "the controller customer refused: " + asked.reason();
      default -> "the controller customer did not answer; nothing was done in its records";
    };
    asked.stores().forEach(store -> work.recordNotActedOnForController(asked.reference(), store, operation,
        asked.controller(), note));
    return List.of();
  }

  /** The operation of the controller request, in one of its stores, on that controller's records. */
  public StoreWork.Result carryOut(long id, String store) {
    var asked = asked(id);
    if (asked.answer().orElse(null) != Answer.CARRY_OUT || !asked.stores().contains(store)) {
      throw new IllegalStateException("Controller request " + id + " did not ask to carry the right out in " + store);
    }
    return work.runForController(asked.reference(), store, Operation.valueOf(asked.operation()), asked.controller());
  }

  /** The controllers asked for a request, for the DPO and the answer. */
  @Transactional(readOnly = true)
  public List<Asked> of(String reference) {
    return jdbc.query("select c.*, r.reference from dsr_controller_request c join dsr_request r on r.id = c.request_id "
        + "where r.reference = ? order by c.id", ASKED, reference);
  }

  public Asked asked(long id) {
    return jdbc.query("select c.*, r.reference from dsr_controller_request c join dsr_request r on r.id = c.request_id "
        + "where c.id = ?", ASKED, id).stream().findFirst()
        .orElseThrow(() -> new NoSuchElementException("No controller request " + id));
  }

  private void email(DataSubjectRequest request, Asked asked, String token, boolean reminder) {
    var variables = new LinkedHashMap<String, Object>();
    variables.put("controllerName", asked.controllerName() == null ? "customer " + asked.controller()
        : asked.controllerName());
    variables.put("reference", request.reference());
    variables.put("operation", asked.operation());
    variables.put("records", asked.records());
    variables.put("dueDate", dueDate(request, asked.language()));
    variables.put("link", organisation.url("/controller/" + token));
    variables.put("expiresDate", legalClock.formatDate(legalClock.localDate(asked.expiresAt()),
        Locale.forLanguageTag(asked.language())));
    variables.put("reminder", reminder);
    outbox.queue(request.id(), asked.address(), asked.language(), TEMPLATE, variables);
  }

  private PageView view(Asked asked) {
    var request = load(asked.reference());
    SubjectIdentities found;
    try {
      found = resolution.identities(asked.reference());
    } catch (SubjectResolution.NotResolved forgotten) {
      found = SubjectIdentities.none();
    }
    return new PageView(asked, dueDate(request, "en"), asked.stores().stream().map(this::description).toList(),
        request.fullName(), request.email(), phones.provenPhone(request).map(PhoneProof.ProvenPhone::phone)
        .orElse(null), List.copyOf(new TreeSet<>(found.of(IdentityType.PHONE))),
        List.copyOf(new TreeSet<>(found.of(IdentityType.EMAIL))));
  }

  private String dueDate(DataSubjectRequest request, String language) {
    return request.dueDate() == null ? "" : legalClock.formatDate(request.dueDate(), Locale.forLanguageTag(language));
  }

  private Optional<Asked> live(String token) {
    if (token == null || token.length() > 100) {
      return Optional.empty();
    }
    return byToken(token).filter(a -> a.expiresAt().isAfter(clock.instant()));
  }

  private Optional<Asked> byToken(String token) {
    return jdbc.query("select c.*, r.reference from dsr_controller_request c join dsr_request r on r.id = c.request_id "
        + "where c.token_hash = ? or c.reminder_token_hash = ?", ASKED, OneTimeTokens.hash(token),
        OneTimeTokens.hash(token)).stream().findFirst();
  }

  private List<Long> ids(long requestId, Operation operation) {
    return jdbc.queryForList("select id from dsr_controller_request where request_id = ? and operation = ? order by "
        + "id", Long.class, requestId, operation.name());
  }

  private List<Store> processorStores() {
    return registry.connectors().stream().map(c -> c.store()).filter(s -> s.role() == Role.PROCESSOR).toList();
  }

  private Map<String, Long> controllerCounts(RecordedOutcome find) {
    var counts = new TreeMap<String, Long>();
    if (find.collections() == null) {
      return counts;
    }
    try {
      json.readTree(find.collections()).forEach(c -> c.path("controllers").fields().forEachRemaining(e -> counts
          .merge(e.getKey(), e.getValue().asLong(), Long::sum)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored outcome " + find.id() + " is not JSON", e);
    }
    counts.values().removeIf(n -> n <= 0);
    return counts;
  }

  private record Contact(String name, String address, String language) {
    static final Contact UNKNOWN = new Contact(null, null, "en");
  }

  /** The controllers' business names, privacy contacts and languages, as the data map's {@code controllers} says. */
  private Map<String, Contact> contacts(Set<String> controllers) {
    var contacts = new LinkedHashMap<String, Contact>();
    var where = map.controllerContacts();
    if (where.isEmpty()) {
      return contacts;
    }
    ControllerContacts c = where.get();
    var fields = new ArrayList<>(List.of(c.email(), c.name()));
    if (c.language() != null) {
      fields.add(c.language());
    }
    registry.connector(c.store()).readByKey(c.collection(), controllers, fields).forEach((key, values) -> {
      var language = c.language() == null ? null : text(values.get(c.language()));
      language = language == null ? null : language.toLowerCase(Locale.ROOT);
      contacts.put(key, new Contact(text(values.get(c.name())), text(values.get(c.email())),
          "en".equals(language) || "el".equals(language) ? language : c.defaultLanguage()));
    });
    return contacts;
  }

  private static String text(Object value) {
    return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).strip();
  }

  private String description(String store) {
    return map.store(store).map(s -> s.description() == null ? s.name() : s.description()).orElse(store);
  }

  private DataSubjectRequest load(String reference) {
    return requests.findByReference(reference).orElseThrow(() -> new NoSuchElementException("No request "
        + reference));
  }

  private static final class Found {
    long records;
    final Set<String> stores = new LinkedHashSet<>();

    void add(String store, long count) {
      records += count;
      stores.add(store);
    }
  }

  private static final RowMapper<Asked> ASKED = ControllerRequests::asked;

  private static Asked asked(ResultSet rs, int n) throws SQLException {
    return new Asked(rs.getLong("id"), rs.getString("reference"), rs.getString("operation"),
        rs.getString("controller_id"), rs.getString("controller_name"), rs.getString("address"),
        rs.getString("language"), rs.getLong("records"), Arrays.asList(rs.getString("stores").split(",")),
        rs.getString("status"), rs.getString("reason"), rs.getString("answered_by"), instant(rs, "asked_at"),
        instant(rs, "expires_at"), instant(rs, "reminded_at"), rs.getInt("reminders"), instant(rs, "answered_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp at = rs.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }
}
