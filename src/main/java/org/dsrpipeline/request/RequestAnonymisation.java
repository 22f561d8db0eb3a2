package org.dsrpipeline.request;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.delivery.PackageStore;
import org.dsrpipeline.workflow.RequestWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pipeline's own data: once a request has been closed for the evidence period ({@code dsr.evidence.retention}),
 * who it was for is removed: the requester's address, phone, name, details and correction values, the identities
 * found, the phone codes and proofs, the emails' recipients and bodies, the manual actions' instructions, the
 * packages and the verification links. The request's record and its evidence trail keep what was done, when and
 * by whom. A request is left alone while any of its processes runs (a deferred erasure or a restriction still
 * needs the identities) and while its data stays restricted.
 */
@Service
public class RequestAnonymisation {

  static final String REMOVED = "(removed after the evidence period)";
  private static final Logger log = LoggerFactory.getLogger(RequestAnonymisation.class);

  private final JdbcTemplate jdbc;
  private final PackageStore packages;
  private final AuditTrail audit;
  private final RequestWorkflow workflow;
  private final EvidenceProperties properties;
  private final TransactionTemplate transactions;
  private final Clock clock;

  RequestAnonymisation(JdbcTemplate jdbc, PackageStore packages, AuditTrail audit, RequestWorkflow workflow,
      EvidenceProperties properties, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.packages = packages;
    this.audit = audit;
    this.workflow = workflow;
    this.properties = properties;
    this.transactions = transactions;
    this.clock = clock;
  }

  record Due(long id, String reference) {
  }

  /** The closed requests whose evidence period has ended at {@code now}, and that nothing still needs. */
  public List<Due> dueAsOf(Instant now) {
    return jdbc.query("select id, reference from dsr_request where closed_at < ? and anonymised_at is null"
            + " and not (restricted_at is not null and restriction_lifted_at is null) order by closed_at",
            (rs, i) -> new Due(rs.getLong(1), rs.getString(2)), Timestamp.from(now.minus(properties.retention())))
        .stream().filter(due -> !workflow.isRunning(due.reference())).toList();
  }

  @Scheduled(fixedDelayString = "${dsr.evidence.check-interval:PT1H}", initialDelayString = "PT1M")
  public void anonymiseDue() {
    var due = dueAsOf(clock.instant());
    due.forEach(request -> transactions.executeWithoutResult(status -> anonymise(request.id())));
    if (!due.isEmpty()) {
      log.info("Anonymised {} closed request(s) after the evidence period of {}", due.size(), properties.retention());
    }
  }

  /** Removes who the request was for, once; false when it was done already. In the caller's transaction. */
  public boolean anonymise(long requestId) {
    var now = Timestamp.from(clock.instant());
    int changed = jdbc.update("update dsr_request set email = ?, phone = null, full_name = null, details = null,"
        + " objection_grounds = null, anonymised_at = ? where id = ? and anonymised_at is null",
        "anonymised-" + requestId + "@invalid", now, requestId);
    if (changed == 0) {
      return false;
    }
    var reference = jdbc.queryForObject("select reference from dsr_request where id = ?", String.class, requestId);
    jdbc.update("update dsr_correction set corrected_value = '' where request_id = ?", requestId);
    jdbc.update("update dsr_correction_decision set identity_proof = null where request_id = ?", requestId);
    jdbc.update("delete from dsr_subject_identity where request_id = ?", requestId);
    jdbc.update("delete from dsr_sms_outbox where request_id = ?", requestId);
    jdbc.update("delete from dsr_phone_code where request_id = ?", requestId);
    jdbc.update("update dsr_phone_proof set phone = '', reason = null where request_id = ?", requestId);
    jdbc.update("update dsr_email_outbox set recipient = 'anonymised', body = null where request_id = ?", requestId);
    jdbc.update("update dsr_manual_action set instructions = ? where request_reference = ?", REMOVED, reference);
    jdbc.update("delete from dsr_verification_token where request_id = ?", requestId);
    for (var kind : PackageStore.Kind.values()) {
      packages.deleteOf(requestId, kind);
    }
    audit.record(requestId, AuditTrail.SYSTEM, AuditAction.ANONYMISED, "The requester's data was removed after the"
        + " evidence period of " + properties.retention().toDays() + " days; what was done stays recorded", null);
    return true;
  }
}
