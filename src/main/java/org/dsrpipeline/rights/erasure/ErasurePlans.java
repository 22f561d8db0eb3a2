package org.dsrpipeline.rights.erasure;

import org.dsrpipeline.rights.ColumnText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.connector.ConnectorRegistry;
import org.dsrpipeline.connector.StoreOutcome;
import org.dsrpipeline.datamap.DataCollection;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.datamap.Role;
import org.dsrpipeline.datamap.Store;
import org.dsrpipeline.datamap.StoreKind;
import org.dsrpipeline.request.DataSubjectRequest;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.rights.RecordedOutcome;
import org.dsrpipeline.rights.StoreWork;
import org.dsrpipeline.rights.erasure.ErasureDecision.Action;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The erasure plan of a request (table {@code dsr_erasure_plan}): per store and collection of the data map,
 * the records a FIND run found, and the action and reason the DMN decision ({@link ErasureDecision}) gave
 * from the store's role, the collection's legal basis and retention basis, and the DPO's legal hold on the
 * store ({@code dsr_legal_hold}). Counts and names only, never the data.
 */
@Service
public class ErasurePlans {

  /** One row of the plan. {@code recordsFound} null: not known (a manual store, or the store could not be read). */
  public record PlanRow(String store, String storeDescription, String collection, String storeRole,
      String legalBasis, String retentionBasis, Long recordsFound, Action action, String reason) {
  }

  /** A legal hold; {@code liftedBy} and {@code liftReason} are null while it holds. */
  public record Hold(String store, String reason, String heldBy, String liftedBy, String liftReason) {

    public boolean lifted() {
      return liftedBy != null;
    }
  }

  /** A hold that cannot be recorded or lifted: unknown store, no reason, no such hold, or the erasure has started. */
  public static class HoldRefused extends RuntimeException {
    HoldRefused(String message) {
      super(message);
    }
  }

  private static final int MAX_REASON = 1000;

  private final ConnectorRegistry registry;
  private final StoreWork work;
  private final ErasureDecision decision;
  private final DataSubjectRequestRepository requests;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final AuditTrail audit;
  private final ObjectMapper json;
  private final Clock clock;

  ErasurePlans(ConnectorRegistry registry, StoreWork work, ErasureDecision decision,
      DataSubjectRequestRepository requests, JdbcTemplate jdbc, TransactionTemplate transactions, AuditTrail audit,
      ObjectMapper json, Clock clock) {
    this.registry = registry;
    this.work = work;
    this.decision = decision;
    this.requests = requests;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Finds the subject's records in every store a program can read (FIND, recorded per store; a store that
   * fails is planned with "not known") and plans each collection. Safe to run again: FIND is done once.
   */
  public List<PlanRow> prepare(String reference) {
    var request = request(reference);
    var found = new HashMap<String, Map<String, Long>>();
    for (var store : stores()) {
      if (store.kind() != StoreKind.MANUAL) {
        var result = work.run(reference, store.name(), Operation.FIND);
        if (result.ok()) {
          found.put(store.name(), foundPerCollection(result.outcome()));
        }
      }
    }
    transactions.executeWithoutResult(tx -> {
      jdbc.update("delete from dsr_erasure_plan where request_id = ?", request.id());
      var holds = holdsByStore(request);
      for (var store : stores()) {
        for (var collection : store.collections()) {
          var records = found.containsKey(store.name())
              ? found.get(store.name()).getOrDefault(collection.name(), 0L) : null;
          insert(request, store, collection, records, holds.containsKey(store.name()));
        }
      }
      audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.ERASURE_PLANNED, summaryOfPlan(request), null);
    });
    return plan(reference);
  }

  public List<PlanRow> plan(String reference) {
    var request = request(reference);
    var descriptions = new HashMap<String, String>();
    stores().forEach(s -> descriptions.put(s.name(), s.description()));
    return jdbc.query("select * from dsr_erasure_plan where request_id = ? order by id", (rs, n) -> new PlanRow(
        rs.getString("store_name"), descriptions.get(rs.getString("store_name")), rs.getString("collection_name"),
        rs.getString("store_role"), rs.getString("legal_basis"), rs.getString("retention_basis"),
        (Long) rs.getObject("records_found", Long.class), Action.valueOf(rs.getString("action")),
        rs.getString("reason")), request.id());
  }

  /** The holds in force. */
  public List<Hold> holds(String reference) {
    return List.copyOf(holdsByStore(request(reference)).values());
  }

  /** The holds the DPO has lifted. */
  public List<Hold> liftedHolds(String reference) {
    return jdbc.query("select store_name, reason, held_by, lifted_by, lift_reason from dsr_legal_hold where "
        + "request_id = ? and lifted_at is not null order by lifted_at", (rs, n) -> new Hold(rs.getString(1),
        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), request(reference).id());
  }

  /**
   * The DPO keeps a store whole for this request (legal claim, another legal obligation), with a reason in the
   * evidence trail; the plan is evaluated again. Refused once the erasure has started.
   */
  public List<PlanRow> hold(String reference, String store, String reason, String dpoUser) {
    var request = request(reference);
    if (registry.connectors().stream().noneMatch(c -> c.name().equals(store))) {
      throw new HoldRefused("store: no store '" + store + "' in the data map");
    }
    if (reason == null || reason.isBlank() || reason.strip().length() > MAX_REASON) {
      throw new HoldRefused("reason: say why the store's data must be kept (at most " + MAX_REASON + " characters)");
    }
    if (erasureStarted(request)) {
      throw new HoldRefused("The erasure of request " + reference + " has started: a legal hold can no longer "
          + "change it");
    }
    transactions.executeWithoutResult(tx -> {
      jdbc.update("delete from dsr_legal_hold where request_id = ? and store_name = ?", request.id(), store);
      jdbc.update("insert into dsr_legal_hold (request_id, store_name, reason, held_by, held_at) values (?, ?, ?, ?, ?)",
          request.id(), store, reason.strip(), dpoUser, Timestamp.from(clock.instant()));
      audit.record(request.id(), dpoUser, AuditAction.LEGAL_HOLD_RECORDED, ColumnText.fit("Store " + store
          + " kept whole (legal hold): " + reason.strip(), 500), "GDPR Art. 17(3)");
      reevaluate(request);
    });
    return plan(reference);
  }

  /**
   * The DPO lifts a store's legal hold, with a reason in the evidence trail. Before the erasure starts, the plan is
   * evaluated again; after it, the deferred erasure erases the store as the data map says
   * ({@link DeferredErasures#storesStillKeeping}). Returns whether the erasure had started.
   */
  public boolean lift(String reference, String store, String reason, String dpoUser) {
    var request = request(reference);
    if (reason == null || reason.isBlank() || reason.strip().length() > MAX_REASON) {
      throw new HoldRefused("reason: say why the store's data need no longer be kept (at most " + MAX_REASON
          + " characters)");
    }
    return Boolean.TRUE.equals(transactions.execute(tx -> {
      var lifted = jdbc.update("update dsr_legal_hold set lifted_at = ?, lifted_by = ?, lift_reason = ? where "
          + "request_id = ? and store_name = ? and lifted_at is null", Timestamp.from(clock.instant()), dpoUser,
          reason.strip(), request.id(), store);
      if (lifted == 0) {
        throw new HoldRefused("store: no legal hold on '" + store + "' for request " + reference);
      }
      audit.record(request.id(), dpoUser, AuditAction.LEGAL_HOLD_LIFTED, ColumnText.fit("Legal hold on store " + store
          + " lifted: " + reason.strip(), 500), "GDPR Art. 17(1)");
      var started = erasureStarted(request);
      if (!started) {
        reevaluate(request);
      }
      return started;
    }));
  }

  /** Stores whose hold was lifted after the erasure kept them whole, and that have not been erased since. */
  public List<String> liftedStoresNotErased(String reference) {
    var request = request(reference);
    return jdbc.queryForList("select h.store_name from dsr_legal_hold h where h.request_id = ? and h.lifted_at is "
        + "not null and exists (select 1 from dsr_store_outcome o where o.request_id = h.request_id and o.store_name = "
        + "h.store_name and o.operation = ? and o.status = ?) and not exists (select 1 from dsr_store_outcome o where "
        + "o.request_id = h.request_id and o.store_name = h.store_name and o.operation = ? and o.status = 'OK') order "
        + "by h.store_name", String.class, request.id(), Operation.ERASE.name(), StoreOutcome.Status.KEPT_ON_HOLD.name(),
        Operation.ERASE.name());
  }

  /** The DPO approved the plan: recorded with the user, before anything is erased. */
  public void approved(String reference, String dpoUser) {
    var request = request(reference);
    audit.record(request.id(), dpoUser, AuditAction.ERASURE_PLAN_APPROVED, summaryOfPlan(request), null);
  }

  /** The stores with a collection to ERASE (a store without collections, e.g. a manual one, is erased too). */
  public List<String> storesToErase(String reference) {
    var actions = actionsByStore(reference);
    return stores().stream().filter(s -> s.role() == Role.CONTROLLER)
        .filter(s -> !actions.containsKey(s.name()) || actions.get(s.name()).contains(Action.ERASE))
        .map(Store::name).toList();
  }

  /**
   * Records KEPT_ON_HOLD, with the DPO's reason, for every store held as controller that the plan leaves alone. The
   * stores held as processor are left to their controller customers, asked afterwards ({@code ControllerRequests}),
   * which also records a processor store in which nothing was found.
   */
  public void recordStoresLeftAlone(String reference) {
    var request = request(reference);
    var holds = holdsByStore(request);
    var erase = storesToErase(reference);
    var reasons = new LinkedHashMap<String, String>();
    plan(reference).forEach(row -> reasons.putIfAbsent(row.store(), row.reason()));
    for (var store : stores()) {
      if (erase.contains(store.name()) || store.role() == Role.PROCESSOR) {
        continue;
      }
      var hold = holds.get(store.name());
      work.recordNotActedOn(reference, store.name(), Operation.ERASE, 1, StoreOutcome.Status.KEPT_ON_HOLD,
          "legal hold by " + (hold == null ? "the DPO" : hold.heldBy()) + ": "
              + (hold == null ? reasons.get(store.name()) : hold.reason()));
    }
  }

  private void reevaluate(DataSubjectRequest request) {
    var holds = holdsByStore(request);
    var rows = jdbc.query("select id, store_name, collection_name from dsr_erasure_plan where request_id = ?",
        (rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, request.id());
    for (var row : rows) {
      var store = registry.connector(row[1]).store();
      var collection = store.collection(row[2]);
      if (collection.isEmpty()) {
        continue;
      }
      var decided = decision.decide(facts(store, collection.get(), holds.containsKey(store.name())));
      jdbc.update("update dsr_erasure_plan set action = ?, reason = ?, evaluated_at = ? where id = ?",
          decided.action().name(), ColumnText.fit(decided.reason(), 1000), Timestamp.from(clock.instant()),
          Long.parseLong(row[0]));
    }
  }

  private void insert(DataSubjectRequest request, Store store, DataCollection collection, Long records, boolean held) {
    var facts = facts(store, collection, held);
    var decided = decision.decide(facts);
    jdbc.update("insert into dsr_erasure_plan (request_id, store_name, collection_name, store_role, legal_basis, "
        + "retention_basis, records_found, action, reason, evaluated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        request.id(), store.name(), collection.name(), facts.storeRole(), facts.legalBasis(), facts.retentionBasis(),
        records, decided.action().name(), ColumnText.fit(decided.reason(), 1000), Timestamp.from(clock.instant()));
  }

  private static ErasureDecision.Facts facts(Store store, DataCollection collection, boolean held) {
    return new ErasureDecision.Facts(store.name(), collection.name(), store.role().name(),
        collection.legalBasis() == null ? null : collection.legalBasis().name(),
        collection.retention() == null || collection.retention().basis() == null ? null
            : collection.retention().basis().name(), held);
  }

  private Map<String, List<Action>> actionsByStore(String reference) {
    var actions = new LinkedHashMap<String, List<Action>>();
    plan(reference).forEach(row -> actions.computeIfAbsent(row.store(), s -> new ArrayList<>()).add(row.action()));
    return actions;
  }

  private Map<String, Hold> holdsByStore(DataSubjectRequest request) {
    var holds = new LinkedHashMap<String, Hold>();
    jdbc.query("select store_name, reason, held_by from dsr_legal_hold where request_id = ? and lifted_at is null "
        + "order by held_at", (rs, n) -> new Hold(rs.getString(1), rs.getString(2), rs.getString(3), null, null),
        request.id())
        .forEach(h -> holds.put(h.store(), h));
    return holds;
  }

  private boolean erasureStarted(DataSubjectRequest request) {
    return jdbc.queryForObject("select count(*) from dsr_store_outcome where request_id = ? and operation = ?",
        Long.class, request.id(), Operation.ERASE.name()) > 0;
  }

  private String summaryOfPlan(DataSubjectRequest request) {
    var counts = new LinkedHashMap<String, Integer>();
    jdbc.queryForList("select action from dsr_erasure_plan where request_id = ?", String.class, request.id())
        .forEach(a -> counts.merge(a, 1, Integer::sum));
    return ColumnText.fit("Erasure plan (collections per action): " + counts, 500);
  }

  private Map<String, Long> foundPerCollection(RecordedOutcome outcome) {
    var found = new HashMap<String, Long>();
    if (outcome.collections() == null) {
      return found;
    }
    try {
      json.readTree(outcome.collections()).forEach(c -> found.put(c.path("collection").asText(),
          c.path("found").asLong()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored outcome " + outcome.id() + " is not JSON", e);
    }
    return found;
  }

  private List<Store> stores() {
    return registry.connectors().stream().map(c -> c.store()).toList();
  }

  private DataSubjectRequest request(String reference) {
    return requests.findByReference(reference).orElseThrow(() -> new NoSuchElementException("No request " + reference));
  }

}
