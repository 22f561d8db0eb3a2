package org.dsrpipeline.rights.rectification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.connector.StoreOutcome;
import org.dsrpipeline.datamap.CorrectableFields;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.Operation;
import org.dsrpipeline.datamap.Role;
import org.dsrpipeline.request.DataSubjectRequest;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.request.RequestType;
import org.dsrpipeline.rights.ColumnText;
import org.dsrpipeline.rights.RecordedOutcome;
import org.dsrpipeline.rights.StoreWork;
import org.dsrpipeline.rights.proof.CorrectionCodes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The corrections of a rectification request (Art. 16) and their decisions ({@code dsr_correction_decision}).
 * The requested values stay in the request's own table ({@code dsr_correction}): they are personal data, so they
 * never reach a process variable, a form or the evidence trail. Each correction is checked against the data map
 * ({@link CorrectableFields}): a field no store holds, or one that may not be corrected, is decided by the system;
 * the others by the DPO, accepted or rejected with a reason; an email or phone only with the DPO's explicit
 * approval of that field and the proof of the new value. Accepted corrections are applied store by store with
 * {@link StoreWork#rectify} (each store's outcome recorded once: a retried job reports "already done").
 */
@Service
public class Rectifications {

  /** The state of one correction. */
  public enum Decision { UNDECIDED, ACCEPTED, REJECTED, NOT_HELD, NOT_CORRECTABLE }

  /** One correction with its value (for the DPO's page and API only), where it is held, and its decision. */
  public record CorrectionView(int index, String field, String value, CorrectableFields.Kind kind,
      List<CorrectableFields.Target> targets, List<String> refusedFields, String refusal, boolean identity,
      Decision decision, String reason, boolean identityApproved, String identityProof, String decidedBy,
      Instant decidedAt) {
  }

  /**
   * What the requester is told of one correction: its number in the request (from 1), the data map's name of the
   * field ({@code null} when no store holds it: the requester's own text is never echoed), store names, and the
   * DPO's reason of a rejection. Never the value.
   */
  public record CorrectionAnswer(int number, String field, Decision decision, List<String> appliedIn,
      List<String> pendingIn, List<String> withController, String reason) {

    /** The same without the DPO's reason (the status page: the reason goes to the requester by email only). */
    public CorrectionAnswer withoutReason() {
      return new CorrectionAnswer(number, field, decision, appliedIn, pendingIn, withController, null);
    }
  }

  /** A decision the DPO cannot take as given: the message says why, in words the DPO can act on. */
  public static class DecisionRefused extends RuntimeException {
    public DecisionRefused(String message) {
      super(message);
    }
  }

  private static final int MAX_TEXT = 1000;
  private static final Pattern E164 = Pattern.compile("\\+[0-9]{8,15}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final CorrectableFields fields;
  private final DataMap map;
  private final StoreWork work;
  private final DataSubjectRequestRepository requests;
  private final JdbcTemplate jdbc;
  private final AuditTrail audit;
  private final CorrectionCodes codes;
  private final Clock clock;

  Rectifications(DataMap map, StoreWork work, DataSubjectRequestRepository requests, JdbcTemplate jdbc,
      AuditTrail audit, CorrectionCodes codes, Clock clock) {
    this.codes = codes;
    this.fields = new CorrectableFields(map);
    this.map = map;
    this.work = work;
    this.requests = requests;
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Decides, as the system, the corrections no one can take (a field no store holds, or one that may not be
   * corrected), once; answers how many the DPO has to decide. Safe to run again.
   */
  @Transactional
  public int check(String reference) {
    var request = rectification(reference);
    var decided = decisions(request);
    var corrections = request.corrections();
    int toReview = 0;
    for (int i = 0; i < corrections.size(); i++) {
      var verdict = fields.of(corrections.get(i).field());
      if (verdict.kind() == CorrectableFields.Kind.CORRECTABLE) {
        toReview++;
      } else if (!decided.containsKey(i)) {
        var decision = verdict.kind() == CorrectableFields.Kind.NOT_HELD ? Decision.NOT_HELD
            : Decision.NOT_CORRECTABLE;
        jdbc.update("insert into dsr_correction_decision (request_id, list_index, decision, reason, decided_by, "
            + "decided_at) values (?, ?, ?, ?, ?, ?)", request.id(), i, decision.name(),
            ColumnText.fit(verdict.reason(), MAX_TEXT), AuditTrail.SYSTEM, Timestamp.from(clock.instant()));
        audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.CORRECTION_DECIDED, ColumnText.fit("Correction "
            + (i + 1) + " (" + fieldInTrail(verdict, corrections.get(i).field()) + "): " + decision
            + (verdict.reason() == null ? ": no store holds this field" : ": " + verdict.reason()), 500),
            "GDPR Art. 16");
      }
    }
    return toReview;
  }

  @Transactional(readOnly = true)
  public List<CorrectionView> corrections(String reference) {
    var request = rectification(reference);
    var decided = decisions(request);
    var corrections = request.corrections();
    var views = new ArrayList<CorrectionView>();
    for (int i = 0; i < corrections.size(); i++) {
      var correction = corrections.get(i);
      var verdict = fields.of(correction.field());
      var row = decided.get(i);
      views.add(new CorrectionView(i, correction.field(), correction.value(), verdict.kind(), verdict.targets(),
          verdict.refused(), verdict.reason(), verdict.identity(),
          row == null ? (verdict.kind() == CorrectableFields.Kind.NOT_HELD ? Decision.NOT_HELD
              : verdict.kind() == CorrectableFields.Kind.NOT_CORRECTABLE ? Decision.NOT_CORRECTABLE
              : Decision.UNDECIDED) : row.decision(),
          row == null ? verdict.reason() : row.reason(), row != null && row.identityApproved(),
          row == null ? null : row.identityProof(), row == null ? null : row.decidedBy(),
          row == null ? null : row.decidedAt()));
    }
    return views;
  }

  /** How many corrections still wait for the DPO's decision. */
  @Transactional(readOnly = true)
  public long undecided(String reference) {
    return corrections(reference).stream().filter(c -> c.decision() == Decision.UNDECIDED).count();
  }

  /** Whether the DPO has completed the review: the decisions are final, the stores are being corrected. */
  @Transactional(readOnly = true)
  public boolean reviewed(String reference) {
    return audit.lastActor(rectification(reference).id(), AuditAction.CORRECTIONS_REVIEWED).isPresent();
  }

  /**
   * The DPO accepts or rejects correction {@code index} (0-based), until the review is completed; a decision can
   * be changed until then (each one recorded). A rejection needs a reason (sent to the requester). Accepting an
   * email or phone needs {@code identityApproved} and the {@code proof} of the new value (how it was proven,
   * e.g. a code sent to it, a document; evidence only). {@link DecisionRefused} says what is missing.
   */
  @Transactional(noRollbackFor = DecisionRefused.class)
  public CorrectionView decide(String reference, int index, String decision, String reason, boolean identityApproved,
      String proof, String dpoUser) {
    return decide(reference, index, decision, reason, identityApproved, proof, null, dpoUser);
  }

  /**
   * As above; for a new email or phone, {@code code} may be the one-time code sent to it ({@link #sendCode}) that the
   * requester sent back: entered right, it is the proof (a wrong one counts, as for the request's own phone).
   */
  @Transactional(noRollbackFor = DecisionRefused.class)
  public CorrectionView decide(String reference, int index, String decision, String reason, boolean identityApproved,
      String proof, String code, String dpoUser) {
    var request = rectification(reference);
    lock(request);
    var corrections = request.corrections();
    checkStillOpen(reference, corrections, index);
    var verdict = fields.of(corrections.get(index).field());
    if (verdict.kind() != CorrectableFields.Kind.CORRECTABLE) {
      throw new DecisionRefused("Correction " + (index + 1) + " cannot be decided: " + (verdict.kind()
          == CorrectableFields.Kind.NOT_HELD ? "no store holds this field" : verdict.reason()) + ".");
    }
    var accepted = switch (decision == null ? "" : decision.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "accept", "accepted" -> true;
      case "reject", "rejected" -> false;
      default -> throw new DecisionRefused("Choose accept or reject.");
    };
    var why = reason == null || reason.isBlank() ? null : reason.strip();
    if (why != null && why.length() > MAX_TEXT) {
      throw new DecisionRefused("The reason may have at most 1,000 characters.");
    }
    if (!accepted && why == null) {
      throw new DecisionRefused("A rejection needs a reason: the requester is told why the correction is not made.");
    }
    var proofNote = proof == null || proof.isBlank() ? null : proof.strip();
    if (proofNote != null && proofNote.length() > MAX_TEXT) {
      throw new DecisionRefused("The proof note may have at most 1,000 characters.");
    }
    if (accepted && verdict.identity()) {
      var problem = identityProblem(verdict, corrections.get(index).value());
      if (problem != null) {
        throw new DecisionRefused(problem);
      }
      var typedCode = code == null || code.isBlank() ? null : code.strip();
      if (!identityApproved || (proofNote == null && typedCode == null)) {
        throw new DecisionRefused("Correction " + (index + 1) + " changes an email or phone, the way to the "
            + "subject's account: tick the explicit approval of this field and record how the new value was proven "
            + "(like a new identity), or enter the one-time code sent to the new email or phone.");
      }
      if (typedCode != null) {
        var address = newAddress(verdict, corrections.get(index).value());
        var entry = codes.enter(request, index, address, typedCode, dpoUser);
        if (!entry.proven()) {
          throw new DecisionRefused(entry.message());
        }
        var byCode = address.contains("@") ? "one-time code emailed to the new email, sent back by the requester"
            : "one-time code texted to the new phone, sent back by the requester";
        proofNote = proofNote == null ? byCode : ColumnText.fit(proofNote + "; " + byCode, MAX_TEXT);
      }
    }
    var now = Timestamp.from(clock.instant());
    var approval = accepted && verdict.identity();
    var stored = jdbc.update("update dsr_correction_decision set decision = ?, reason = ?, identity_approved = ?, "
        + "identity_proof = ?, decided_by = ?, decided_at = ? where request_id = ? and list_index = ?",
        accepted ? "ACCEPTED" : "REJECTED", why, approval, approval ? proofNote : null, dpoUser, now, request.id(),
        index);
    if (stored == 0) {
      jdbc.update("insert into dsr_correction_decision (request_id, list_index, decision, reason, identity_approved, "
          + "identity_proof, decided_by, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?)", request.id(), index,
          accepted ? "ACCEPTED" : "REJECTED", why, approval, approval ? proofNote : null, dpoUser, now);
    }
    audit.record(request.id(), dpoUser, AuditAction.CORRECTION_DECIDED, ColumnText.fit("Correction " + (index + 1)
        + " (" + fieldInTrail(verdict, corrections.get(index).field()) + "): " + (accepted ? "ACCEPTED" : "REJECTED")
        + (accepted ? " for " + String.join(", ", verdict.stores()) : "") + (approval
        ? "; identity field approved explicitly, proof recorded" : "") + (why == null ? "" : ". Reason: " + why),
        1000), "GDPR Art. 16");
    return corrections(reference).get(index);
  }

  /**
   * Sends a one-time code to the new phone (a text) or email (an email) of correction {@code index} (0-based), to
   * prove it like a new identity;
   * {@code PhoneCodeTooSoon} within the resend interval.
   */
  @Transactional
  public void sendCode(String reference, int index, String dpoUser) {
    var request = rectification(reference);
    lock(request);
    var corrections = request.corrections();
    checkStillOpen(reference, corrections, index);
    var verdict = fields.of(corrections.get(index).field());
    if (!verdict.identity()) {
      throw new DecisionRefused("Correction " + (index + 1) + " is not of an email or phone: a code is sent only to a "
          + "new email or phone.");
    }
    var problem = identityProblem(verdict, corrections.get(index).value());
    if (problem != null) {
      throw new DecisionRefused(problem);
    }
    codes.send(request, index, newAddress(verdict, corrections.get(index).value()), dpoUser);
  }

  /** Refuses a correction the request does not have, and any change once the review is completed. */
  private void checkStillOpen(String reference, List<?> corrections, int index) {
    if (index < 0 || index >= corrections.size()) {
      throw new DecisionRefused("The request has no correction " + (index + 1) + ": it has " + corrections.size()
          + ".");
    }
    if (reviewed(reference)) {
      throw new DecisionRefused("The corrections of " + reference + " have been reviewed: the decisions are final.");
    }
  }

  /** The new value of an identity correction as the stores will hold it: an E.164 phone, a lower-cased email. */
  private static String newAddress(CorrectableFields.Verdict verdict, String value) {
    var phone = verdict.targets().stream().anyMatch(t -> t.identity() == IdentityType.PHONE);
    return phone ? IdentityType.PHONE.normalise(value) : IdentityType.EMAIL.normalise(value);
  }

  /**
   * The DPO completes the review: refused ({@link DecisionRefused}) while a correction is undecided; recorded once
   * with the user and the counts.
   */
  @Transactional
  public void completeReview(String reference, String dpoUser) {
    lock(rectification(reference));
    var views = corrections(reference);
    var undecided = views.stream().filter(c -> c.decision() == Decision.UNDECIDED).map(c -> c.index() + 1).toList();
    if (!undecided.isEmpty()) {
      throw new DecisionRefused("Decide every correction on the corrections page first: correction"
          + (undecided.size() > 1 ? "s " : " ") + undecided.stream().map(String::valueOf)
          .collect(java.util.stream.Collectors.joining(", ")) + " undecided.");
    }
    var request = rectification(reference);
    var counts = new LinkedHashMap<Decision, Long>();
    views.forEach(v -> counts.merge(v.decision(), 1L, Long::sum));
    audit.record(request.id(), dpoUser, AuditAction.CORRECTIONS_REVIEWED, "Corrections reviewed: " + counts,
        "GDPR Art. 16");
  }

  /**
   * The controller stores to correct (data-map order) for the accepted corrections; the processor stores holding an
   * accepted field are recorded HANDLED_WITH_CONTROLLER (left to their controller).
   */
  public List<String> chooseStores(String reference) {
    var controller = new LinkedHashSet<String>();
    var processor = new LinkedHashSet<String>();
    for (var view : accepted(reference)) {
      view.targets().forEach(t -> (t.role() == Role.PROCESSOR ? processor : controller).add(t.store()));
    }
    processor.forEach(store -> work.recordNotActedOn(reference, store, Operation.RECTIFY, 1,
        StoreOutcome.Status.HANDLED_WITH_CONTROLLER, "held as processor: corrected by the controller (the customer "
            + "that sent the data), not by us"));
    return map.stores().stream().map(s -> s.name()).filter(controller::contains).toList();
  }

  /** Applies the accepted corrections that concern {@code store}, each to exactly its correctable fields there. */
  public StoreWork.Result apply(String reference, String store) {
    var corrections = new ArrayList<org.dsrpipeline.connector.Correction>();
    for (var view : accepted(reference)) {
      view.targets().stream().filter(t -> t.store().equals(store))
          .forEach(t -> corrections.add(new org.dsrpipeline.connector.Correction(t.qualified(), view.value())));
    }
    return work.rectify(reference, store, corrections);
  }

  /**
   * For a recipient's notice (Art. 19): the accepted corrections that concern {@code stores}, as
   * {@code store.collection.field: value}; never a rejected one.
   */
  @Transactional(readOnly = true)
  public List<String> acceptedIn(String reference, List<String> stores) {
    var lines = new ArrayList<String>();
    for (var view : accepted(reference)) {
      view.targets().stream().filter(t -> stores.contains(t.store()))
          .forEach(t -> lines.add(t.qualified() + ": " + view.value()));
    }
    return lines;
  }

  /** Per correction, what the requester is told: applied in which stores, rejected and why, not held. */
  @Transactional(readOnly = true)
  public List<CorrectionAnswer> answers(String reference) {
    var request = requests.findByReference(reference).orElse(null);
    if (request == null || request.type() != RequestType.RECTIFICATION) {
      return List.of();
    }
    var outcomes = new LinkedHashMap<String, RecordedOutcome>();
    work.outcomes(reference).stream().filter(o -> Operation.RECTIFY.name().equals(o.operation()))
        .forEach(o -> outcomes.put(o.store(), o));
    return corrections(reference).stream().map(view -> {
      var applied = new ArrayList<String>();
      var pending = new ArrayList<String>();
      var withController = new ArrayList<String>();
      if (view.decision() == Decision.ACCEPTED) {
        view.targets().stream().map(CorrectableFields.Target::store).distinct().forEach(store -> {
          var outcome = outcomes.get(store);
          if (outcome != null && "HANDLED_WITH_CONTROLLER".equals(outcome.status())) {
            withController.add(store);
          } else if (outcome != null && outcome.ok()) {
            applied.add(store);
          } else {
            pending.add(store);
          }
        });
      }
      var reason = view.decision() == Decision.REJECTED || view.decision() == Decision.NOT_CORRECTABLE
          ? view.reason() : null;
      return new CorrectionAnswer(view.index() + 1, mapName(view), view.decision(), applied, pending,
          withController, view.decision() == Decision.REJECTED ? reason : null);
    }).toList();
  }

  /** The data map's name(s) of the field: what the requester named, but only once a store is known to hold it. */
  private static String mapName(CorrectionView view) {
    var names = new LinkedHashSet<String>();
    view.targets().forEach(t -> names.add(t.field()));
    view.refusedFields().forEach(q -> names.add(q.substring(q.lastIndexOf('.') + 1)));
    return names.isEmpty() ? null : String.join(", ", names);
  }

  private List<CorrectionView> accepted(String reference) {
    return corrections(reference).stream().filter(c -> c.decision() == Decision.ACCEPTED).toList();
  }

  /** Why the new value of an identity field cannot be taken; null when it can. */
  private static String identityProblem(CorrectableFields.Verdict verdict, String value) {
    for (var target : verdict.targets()) {
      if (target.identity() == IdentityType.EMAIL && !EMAIL.matcher(IdentityType.EMAIL.normalise(value)).matches()) {
        return "The new value is not an email address.";
      }
      if (target.identity() == IdentityType.PHONE && !E164.matcher(IdentityType.PHONE.normalise(value)).matches()) {
        return "The new value is not a phone number with its country code (E.164, such as +30 691 234 5678).";
      }
    }
    return null;
  }

  /** The field as the trail names it: the data map's name when a store holds it, else not the requester's text. */
  private static String fieldInTrail(CorrectableFields.Verdict verdict, String field) {
    return verdict.kind() == CorrectableFields.Kind.NOT_HELD ? "a field no store holds" : "field "
        + ColumnText.fit(field, 100);
  }

  private record Row(Decision decision, String reason, boolean identityApproved, String identityProof,
      String decidedBy, Instant decidedAt) {
  }

  private Map<Integer, Row> decisions(DataSubjectRequest request) {
    var rows = new LinkedHashMap<Integer, Row>();
    jdbc.query("select * from dsr_correction_decision where request_id = ? order by list_index", rs -> {
      rows.put(rs.getInt("list_index"), new Row(Decision.valueOf(rs.getString("decision")), rs.getString("reason"),
          rs.getBoolean("identity_approved"), rs.getString("identity_proof"), rs.getString("decided_by"),
          rs.getTimestamp("decided_at").toInstant()));
    }, request.id());
    return rows;
  }

  /**
   * One decision or review completion per request at a time: two DPOs deciding the same correction store one row,
   * and a decision posted while the review is completed waits for it and is then refused as final.
   */
  private void lock(DataSubjectRequest request) {
    jdbc.queryForList("select id from dsr_request where id = ? for update", Long.class, request.id());
  }

  private DataSubjectRequest rectification(String reference) {
    var request = requests.findByReference(reference)
        .orElseThrow(() -> new NoSuchElementException("No request " + reference));
    if (request.type() != RequestType.RECTIFICATION) {
      throw new DecisionRefused("Request " + reference + " is not a rectification request.");
    }
    return request;
  }
}
