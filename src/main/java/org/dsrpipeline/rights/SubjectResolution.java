package org.dsrpipeline.rights;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.connector.ConnectorRegistry;
import org.dsrpipeline.datamap.IdentityGraph;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.SubjectIdentities;
import org.dsrpipeline.request.DataSubjectRequest;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.rights.proof.ProvenIdentities;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resolves the subject's identities across every store once per request, starting from the proven
 * identities only ({@link ProvenIdentities}), and keeps the result in the application's tables: every
 * later step, even an erasure years later, reads {@link #identities}; nothing goes into the engine. A
 * result that hit the graph's bounds, or missed a store that could not be reached, is NEEDS_DPO: no
 * step may act on it ({@link #identities} refuses) until the DPO calls {@link #resolveAgain}.
 */
@Service
public class SubjectResolution {

  public enum Status { RESOLVED, NEEDS_DPO }

  /** One identity value and where it came from: {@code proven:<how>} or the store that linked it. */
  public record Identity(IdentityType type, String value, String source) {
  }

  public record Resolution(String reference, Status status, String reason, int rounds, Instant resolvedAt,
      String resolvedBy, List<Identity> identities) {

    public SubjectIdentities subject() {
      var values = new EnumMap<IdentityType, Set<String>>(IdentityType.class);
      identities.forEach(i -> values.computeIfAbsent(i.type(), t -> new LinkedHashSet<>()).add(i.value()));
      return new SubjectIdentities(values);
    }
  }

  /** The stored result cannot be acted on: none yet, or it waits for the DPO. */
  public static class NotResolved extends IllegalStateException {
    NotResolved(String message) {
      super(message);
    }
  }

  private final ConnectorRegistry registry;
  private final DataSubjectRequestRepository requests;
  private final ProvenIdentities proven;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final AuditTrail audit;
  private final Clock clock;

  SubjectResolution(ConnectorRegistry registry, DataSubjectRequestRepository requests, ProvenIdentities proven,
      JdbcTemplate jdbc, TransactionTemplate transactions, AuditTrail audit, Clock clock) {
    this.registry = registry;
    this.requests = requests;
    this.proven = proven;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.audit = audit;
    this.clock = clock;
  }

  /** The stored resolution; the first call resolves (asks the stores) and stores it, later calls only read. */
  public Resolution resolve(String reference) {
    var request = request(reference);
    var stored = stored(request);
    if (stored.isPresent()) {
      return stored.get();
    }
    var fresh = compute(request);
    try {
      transactions.executeWithoutResult(tx -> save(request, fresh, AuditTrail.SYSTEM, null));
    } catch (DuplicateKeyException resolvedMeanwhile) {
      // another job or node stored its resolution first: that one is the request's
    }
    return stored(request).orElseThrow();
  }

  /** The DPO asks the stores again (after fixing a store, or trimming a shared value); replaces the stored result. */
  public Resolution resolveAgain(String reference, String dpoUser, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason: say why the subject is resolved again");
    }
    var request = request(reference);
    var fresh = compute(request);
    transactions.executeWithoutResult(tx -> {
      jdbc.update("delete from dsr_subject_identity where request_id = ?", request.id());
      jdbc.update("delete from dsr_subject_resolution where request_id = ?", request.id());
      save(request, fresh, dpoUser, reason);
    });
    return stored(request).orElseThrow();
  }

  /**
   * The DPO accepts a NEEDS_DPO result as it stands (e.g. the unreachable store is known not to hold the subject,
   * or the proven identities alone are enough), with a reason: the later steps act on the identities found.
   */
  public Resolution acceptAsFound(String reference, String dpoUser, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("reason: say why the identities found are enough");
    }
    var request = request(reference);
    var current = stored(request).orElseThrow(() -> new NotResolved("Request " + reference
        + ": the subject is not resolved yet, there is nothing to accept"));
    if (current.status() == Status.RESOLVED) {
      return current;
    }
    transactions.executeWithoutResult(tx -> {
      jdbc.update("update dsr_subject_resolution set status = ?, resolved_by = ? where request_id = ?",
          Status.RESOLVED.name(), dpoUser, request.id());
      audit.record(request.id(), dpoUser, AuditAction.SUBJECT_RESOLVED, ColumnText.fit("The DPO accepted the identities "
          + "found (" + reason.strip() + "); they had waited for the DPO because " + current.reason(), 500), null);
    });
    return stored(request).orElseThrow();
  }

  /**
   * Deletes the stored identities of the request (the erasure is over, nothing is kept any more): the evidence
   * keeps how many there were, never the values. Later steps can no longer act on the subject.
   */
  public int forget(String reference) {
    var request = request(reference);
    return transactions.execute(tx -> {
      var deleted = jdbc.update("delete from dsr_subject_identity where request_id = ?", request.id());
      if (deleted > 0) {
        audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.SUBJECT_IDENTITIES_DELETED, "The subject's "
            + deleted + " stored identities were deleted: the erasure is complete and nothing is kept any more", null);
      }
      return deleted;
    });
  }

  public Optional<Resolution> stored(String reference) {
    return stored(request(reference));
  }

  /** The stored identities every later step acts on; refuses when there are none or they wait for the DPO. */
  public SubjectIdentities identities(String reference) {
    var resolution = stored(reference)
        .orElseThrow(() -> new NotResolved("Request " + reference + ": the subject is not resolved yet"));
    if (resolution.status() != Status.RESOLVED) {
      throw new NotResolved("Request " + reference + ": the subject's identities wait for the DPO: "
          + resolution.reason());
    }
    return resolution.subject();
  }

  private record Computed(Status status, String reason, int rounds, Map<String, Identity> identities,
      String startedFrom) {
  }

  private Computed compute(DataSubjectRequest request) {
    var start = proven.of(request);
    if (start.identities().isEmpty()) {
      throw new NotResolved("Request " + request.reference() + ": no proven identity yet (the email link is not "
          + "confirmed and no phone is proven); nothing is resolved");
    }
    var found = new LinkedHashMap<String, Identity>();
    start.identities().values().forEach((type, values) -> values.forEach(v ->
        found.put(key(type, v), new Identity(type, v, "proven:" + start.how().get(type)))));
    var startedFrom = start.how().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", "));
    try {
      var result = registry.resolve(start.identities(), (store, linked) -> linked.values().forEach((type, values) ->
          values.forEach(v -> found.putIfAbsent(key(type, v), new Identity(type, v, store)))));
      var identities = new LinkedHashMap<String, Identity>();
      result.identities().values().forEach((type, values) -> values.forEach(v ->
          identities.put(key(type, v), found.get(key(type, v)))));
      if (!result.unavailable().isEmpty()) {
        var why = result.unavailable().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
            .collect(Collectors.joining("; "));
        return new Computed(Status.NEEDS_DPO, "stores not reachable, their links are missing: " + why,
            result.rounds(), identities, startedFrom);
      }
      return new Computed(Status.RESOLVED, null, result.rounds(), identities, startedFrom);
    } catch (IdentityGraph.IdentityGraphLimitException e) {
      var provenOnly = new LinkedHashMap<String, Identity>();
      found.forEach((k, v) -> {
        if (v.source().startsWith("proven:")) {
          provenOnly.put(k, v);
        }
      });
      return new Computed(Status.NEEDS_DPO, "the identity graph hit its bounds: " + e.getMessage(), 0, provenOnly,
          startedFrom);
    }
  }

  private void save(DataSubjectRequest request, Computed computed, String by, String dpoReason) {
    jdbc.update("insert into dsr_subject_resolution (request_id, status, reason, rounds, resolved_at, resolved_by) "
        + "values (?, ?, ?, ?, ?, ?)", request.id(), computed.status().name(), ColumnText.fit(computed.reason(), 2000),
        computed.rounds(), Timestamp.from(clock.instant()), by);
    for (var identity : computed.identities().values()) {
      jdbc.update("insert into dsr_subject_identity (request_id, identity_type, identity_value, source) "
          + "values (?, ?, ?, ?)", request.id(), identity.type().name(), identity.value(), identity.source());
    }
    var counts = computed.identities().values().stream()
        .collect(Collectors.groupingBy(Identity::type, () -> new EnumMap<>(IdentityType.class), Collectors.counting()))
        .entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    var outcome = (dpoReason == null ? "" : "Resolved again by the DPO (" + dpoReason + "): ")
        + "subject resolved from the proven " + computed.startedFrom() + ": " + computed.status()
        + (computed.status() == Status.RESOLVED ? " in " + computed.rounds() + " rounds" : "")
        + "; identities: " + counts + (computed.reason() == null ? "" : "; " + computed.reason());
    audit.record(request.id(), by, AuditAction.SUBJECT_RESOLVED, ColumnText.fit(outcome, 500), null);
  }

  private Optional<Resolution> stored(DataSubjectRequest request) {
    record Row(Status status, String reason, int rounds, Instant at, String by) {
    }
    var rows = jdbc.query("select status, reason, rounds, resolved_at, resolved_by from dsr_subject_resolution "
        + "where request_id = ?", (rs, n) -> new Row(Status.valueOf(rs.getString(1)), rs.getString(2), rs.getInt(3),
            rs.getTimestamp(4).toInstant(), rs.getString(5)), request.id());
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    var row = rows.get(0);
    var identities = jdbc.query("select identity_type, identity_value, source from dsr_subject_identity "
        + "where request_id = ? order by identity_type, identity_value", (rs, n) -> new Identity(
            IdentityType.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)), request.id());
    return Optional.of(new Resolution(request.reference(), row.status(), row.reason(), row.rounds(), row.at(),
        row.by(), identities));
  }

  private DataSubjectRequest request(String reference) {
    return requests.findByReference(reference)
        .orElseThrow(() -> new java.util.NoSuchElementException("No request " + reference));
  }

  private static String key(IdentityType type, String value) {
    return type.name() + ":" + value;
  }

}
