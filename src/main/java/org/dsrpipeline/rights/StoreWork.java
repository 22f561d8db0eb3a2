package org.dsrpipeline.rights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.connector.CollectionOutcome;
import org.dsrpipeline.connector.Connector;
import org.dsrpipeline.connector.ConnectorRegistry;
import org.dsrpipeline.connector.Correction;
import org.dsrpipeline.connector.RecordSink;
import org.dsrpipeline.connector.RequestRef;
import org.dsrpipeline.connector.Scope;
import org.dsrpipeline.connector.StoreOutcome;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.datamap.Role;
import org.dsrpipeline.datamap.SubjectIdentities;
import org.dsrpipeline.request.DataSubjectRequest;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one operation on one store for one request, with the request's stored identities
 * ({@link SubjectResolution#identities}), and records its outcome in {@code dsr_store_outcome} (one row
 * per request, store and operation: counts, kept-until, error; never the data) and the audit trail, in
 * a transaction of its own: the outcome survives a rollback or retry of the caller (the engine's job).
 * The row is locked while the store works, so a second run waits for the first; once a run succeeded,
 * the next reports "already done" without calling the connector. A FAILED or MANUAL_PENDING outcome is
 * run again.
 */
@Service
public class StoreWork {

  /** The recorded outcome; {@code alreadyDone}: an earlier run had succeeded, the store was not called. */
  public record Result(RecordedOutcome outcome, boolean alreadyDone) {

    public boolean ok() {
      return "OK".equals(outcome.status());
    }

    /** A manual store: the DPO has not answered the manual action yet. */
    public boolean manualPending() {
      return StoreOutcome.Status.MANUAL_PENDING.name().equals(outcome.status());
    }

    public boolean failed() {
      return StoreOutcome.Status.FAILED.name().equals(outcome.status());
    }
  }

  private final ConnectorRegistry registry;
  private final SubjectResolution resolution;
  private final OperationScopes scopes;
  private final DataSubjectRequestRepository requests;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private final AuditTrail audit;
  private final ObjectMapper json;
  private final Clock clock;

  StoreWork(ConnectorRegistry registry, SubjectResolution resolution, OperationScopes scopes,
      DataSubjectRequestRepository requests, JdbcTemplate jdbc, PlatformTransactionManager transactions,
      AuditTrail audit, ObjectMapper json, Clock clock) {
    this.registry = registry;
    this.resolution = resolution;
    this.scopes = scopes;
    this.requests = requests;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.audit = audit;
    this.json = json;
    this.clock = clock;
  }

  /**
   * FIND, ERASE, RESTRICT, UNRESTRICT or SUPPRESS_MARKETING; EXPORT and RECTIFY need their inputs (below). An
   * operation limited to a part of the store ({@link OperationScopes}) acts on that part only.
   */
  public Result run(String reference, String store, Operation operation) {
    return run(reference, store, operation, 1);
  }

  /**
   * Like {@link #run(String, String, Operation)}, as pass {@code pass} of the operation: each pass has its own
   * outcome row and is "already done" only once it succeeded (an erasure's later passes, once retention ends).
   */
  public Result run(String reference, String store, Operation operation, int pass) {
    return run(reference, store, operation, pass, NO_CONTROLLER);
  }

  /**
   * The operation in a store held as processor, on the instruction of one controller customer: limited to the
   * records whose {@code controller-field} holds {@code controller}, with an outcome of its own (pass 1).
   */
  public Result runForController(String reference, String store, Operation operation, String controller) {
    if (controller == null || controller.isBlank()) {
      throw new IllegalArgumentException("controller: the customer whose records the operation is limited to");
    }
    return run(reference, store, operation, 1, controller);
  }

  private Result run(String reference, String store, Operation operation, int pass, String controller) {
    if (pass < 1) {
      throw new IllegalArgumentException("pass: 1 or more, not " + pass);
    }
    var part = new Part(store, operation, pass, controller);
    return switch (operation) {
      case FIND -> work(reference, part, (c, ref, subject) -> c.find(ref, subject));
      case ERASE -> work(reference, part, (c, ref, subject) -> c.erase(ref, subject));
      case RESTRICT -> work(reference, part, (c, ref, subject) -> c.restrict(ref, subject));
      case UNRESTRICT -> work(reference, part, (c, ref, subject) -> c.unrestrict(ref, subject));
      case SUPPRESS_MARKETING -> work(reference, part, (c, ref, subject) -> c.suppressMarketing(ref, subject));
      case EXPORT, RECTIFY -> throw new IllegalArgumentException(operation + " needs its input: use export(...) or "
          + "rectify(...)");
    };
  }

  public Result export(String reference, String store, RecordSink sink) {
    return work(reference, new Part(store, Operation.EXPORT, 1, NO_CONTROLLER),
        (c, ref, subject) -> c.export(ref, subject, sink));
  }

  public Result rectify(String reference, String store, List<Correction> corrections) {
    return work(reference, new Part(store, Operation.RECTIFY, 1, NO_CONTROLLER),
        (c, ref, subject) -> c.rectify(ref, subject, corrections));
  }

  /**
   * Records, without calling the store, that the operation leaves it alone, and why: HANDLED_WITH_CONTROLLER
   * (a processor store) or KEPT_ON_HOLD (the DPO's legal hold). Once recorded, a second call changes nothing.
   */
  public Result recordNotActedOn(String reference, String store, Operation operation, int pass,
      StoreOutcome.Status status, String reason) {
    return recordNotActedOn(reference, new Part(store, operation, pass, NO_CONTROLLER), status, reason);
  }

  /** Like the above, for the part of a processor store that belongs to one controller customer (its answer). */
  public Result recordNotActedOnForController(String reference, String store, Operation operation, String controller,
      String reason) {
    return recordNotActedOn(reference, new Part(store, operation, 1, controller),
        StoreOutcome.Status.HANDLED_WITH_CONTROLLER, reason);
  }

  private Result recordNotActedOn(String reference, Part part, StoreOutcome.Status status, String reason) {
    var store = part.store();
    var operation = part.operation();
    var pass = part.pass();
    if (status != StoreOutcome.Status.HANDLED_WITH_CONTROLLER && status != StoreOutcome.Status.KEPT_ON_HOLD) {
      throw new IllegalArgumentException("Only HANDLED_WITH_CONTROLLER or KEPT_ON_HOLD are recorded without the store");
    }
    var request = request(reference);
    registry.connector(store);
    openRow(request, part);
    return ownTransaction.execute(tx -> {
      var row = lockedRow(request, part);
      if (!"PENDING".equals(row.status())) {
        return new Result(row, true);
      }
      var now = Timestamp.from(clock.instant());
      jdbc.update("update dsr_store_outcome set status = ?, note = ?, attempts = attempts + 1, last_run_at = ?, "
          + "done_at = ? where id = ?", status.name(), ColumnText.fit(reason, 1000), now, now, row.id());
      audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.STORE_OPERATION, ColumnText.fit(operation.yamlName() + " "
          + store + (pass > 1 ? " (pass " + pass + ")" : "") + part.forWhom() + " " + status + ": " + reason, 500),
          null);
      return new Result(jdbc.query("select * from dsr_store_outcome where id = ?", RecordedOutcome.rows(), row.id())
          .get(0), false);
    });
  }

  /** Every recorded outcome of the request, by store and operation. */
  public List<RecordedOutcome> outcomes(String reference) {
    return jdbc.query("select * from dsr_store_outcome where request_id = ? order by id",
        RecordedOutcome.rows(), request(reference).id());
  }

  private interface Work {
    StoreOutcome on(Connector connector, RequestRef request, SubjectIdentities subject);
  }

  /** One outcome row: a pass of an operation in a store, for one controller customer or (empty) the whole store. */
  private record Part(String store, Operation operation, int pass, String controller) {

    String forWhom() {
      return controller.isEmpty() ? "" : " for controller customer " + controller;
    }
  }

  private static final String NO_CONTROLLER = "";

  private Result work(String reference, Part part, Work work) {
    var store = part.store();
    var operation = part.operation();
    var request = request(reference);
    var scope = scopes.scope(reference, store, operation);
    if (!part.controller().isEmpty()) {
      scope = new Scope(scope.collections(), Set.of(part.controller()));
    }
    var whole = registry.connector(store);
    if (whole.store().role() == Role.PROCESSOR && operation.changesData() && scope.controllers() == null) {
      throw new IllegalStateException("Store " + store + " is held as processor: " + operation.yamlName()
          + " acts only on the records of controller customers who instructed it");
    }
    var connector = scope.isWholeStore() ? whole : whole.within(scope);
    var subject = resolution.identities(reference);
    openRow(request, part);
    return ownTransaction.execute(tx -> {
      var row = lockedRow(request, part);
      if (row.ok()) {
        return new Result(row, true);
      }
      var outcome = call(connector, RequestRef.of(reference), operation, subject, work);
      record(request, row, outcome);
      return new Result(jdbc.query("select * from dsr_store_outcome where id = ?", RecordedOutcome.rows(), row.id())
          .get(0), false);
    });
  }

  private static StoreOutcome call(Connector connector, RequestRef request, Operation operation,
      SubjectIdentities subject, Work work) {
    try {
      return work.on(connector, request, subject);
    } catch (UncheckedIOException writingTheExportFailed) {
      throw writingTheExportFailed;
    } catch (RuntimeException e) {
      return StoreOutcome.failed(request, connector.name(), operation, "store " + connector.name() + ": "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  private RecordedOutcome lockedRow(DataSubjectRequest request, Part part) {
    return jdbc.query("select * from dsr_store_outcome where request_id = ? and store_name = ? and operation = ? "
        + "and pass_number = ? and controller_id = ? for update", RecordedOutcome.rows(), request.id(), part.store(),
        part.operation().name(), part.pass(), part.controller()).get(0);
  }

  /** The row exists before the work starts, so that concurrent runs lock the same row. */
  private void openRow(DataSubjectRequest request, Part part) {
    try {
      ownTransaction.executeWithoutResult(tx -> {
        if (jdbc.queryForObject("select count(*) from dsr_store_outcome where request_id = ? and store_name = ? "
            + "and operation = ? and pass_number = ? and controller_id = ?", Long.class, request.id(), part.store(),
            part.operation().name(), part.pass(), part.controller()) == 0) {
          jdbc.update("insert into dsr_store_outcome (request_id, store_name, operation, pass_number, controller_id, "
              + "status, found, changed, kept, attempts, first_run_at) values (?, ?, ?, ?, ?, 'PENDING', 0, 0, 0, 0, ?)",
              request.id(), part.store(), part.operation().name(), part.pass(), part.controller(),
              Timestamp.from(clock.instant()));
        }
      });
    } catch (DuplicateKeyException openedMeanwhile) {
      // another run opened it: the lock below orders the two
    }
  }

  private void record(DataSubjectRequest request, RecordedOutcome row, StoreOutcome outcome) {
    var collections = outcome.collections();
    long changed = collections.stream().mapToLong(c -> c.deleted() + c.blanked() + c.pseudonymised() + c.restricted()
        + c.updated()).sum();
    long kept = collections.stream().mapToLong(CollectionOutcome::kept).sum();
    var keptUntil = collections.stream().map(CollectionOutcome::keptUntil).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).orElse(null);
    var now = clock.instant();
    jdbc.update("update dsr_store_outcome set status = ?, found = ?, changed = ?, kept = ?, kept_until = ?, "
        + "collections = ?, error = ?, manual_action_id = ?, attempts = attempts + 1, last_run_at = ?, done_at = ? "
        + "where id = ?", outcome.status().name(), outcome.found(), changed, kept, timestamp(keptUntil),
        toJson(collections), ColumnText.fit(outcome.error(), 1000),
        outcome.manualTask() == null ? null : outcome.manualTask().actionId(), Timestamp.from(now),
        outcome.ok() ? Timestamp.from(now) : null, row.id());
    audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.STORE_OPERATION, ColumnText.fit((row.pass() > 1 ? "pass "
        + row.pass() + ", " : "") + (row.forController() ? "controller customer " + row.controller() + ", " : "")
        + "attempt " + (row.attempts() + 1) + ": " + outcome.summary(), 500), null);
  }

  private String toJson(List<CollectionOutcome> collections) {
    try {
      return ColumnText.fit(json.writeValueAsString(collections), 20000);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a store outcome", e);
    }
  }

  private DataSubjectRequest request(String reference) {
    return requests.findByReference(reference)
        .orElseThrow(() -> new java.util.NoSuchElementException("No request " + reference));
  }

  private static Timestamp timestamp(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }

}
