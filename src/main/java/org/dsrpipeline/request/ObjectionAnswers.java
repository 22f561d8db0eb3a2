package org.dsrpipeline.request;

import java.util.Map;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The DPO's balancing of an objection to processing on legitimate interests (Art. 21(1)): recorded with the
 * user who took it; compelling grounds are sent to the requester with the right to complain.
 */
@Service
public class ObjectionAnswers {

  private static final String ART_21_1 = "GDPR Art. 21(1)";

  private final DataSubjectRequestRepository requests;
  private final RequesterNotices notices;
  private final AuditTrail audit;

  ObjectionAnswers(DataSubjectRequestRepository requests, RequesterNotices notices, AuditTrail audit) {
    this.requests = requests;
    this.notices = notices;
    this.audit = audit;
  }

  @Transactional
  public void recordWeighing(String reference, boolean compellingGrounds, String grounds, String actor) {
    var request = load(reference);
    audit.record(request.id(), actor, AuditAction.OBJECTION_WEIGHED, compellingGrounds
        ? "Compelling legitimate grounds override the objection: " + grounds.strip()
        : "No compelling legitimate grounds: the processing on legitimate interests stops (restricted)", ART_21_1);
  }

  /** What the consent-withdrawal DMN decided, per collection (Art. 7(3)). */
  @Transactional
  public void recordConsentWithdrawalPlan(String reference, String summary) {
    var request = load(reference);
    audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.CONSENT_WITHDRAWAL_PLANNED,
        summary.length() > 2000 ? summary.substring(0, 1997) + "..." : summary, "GDPR Art. 7(3)");
  }

  /** Moves the grounds into the request record and emails them, once. */
  @Transactional
  public void sendCompellingGrounds(String reference, String grounds) {
    var request = load(reference);
    if (request.objectionGrounds() != null) {
      return;
    }
    if (grounds == null || grounds.isBlank()) {
      throw new IllegalArgumentException("The compelling grounds of " + reference + " are missing");
    }
    request.recordObjectionGrounds(grounds.strip());
    audit.record(request.id(), audit.lastActor(request.id(), AuditAction.OBJECTION_WEIGHED)
        .orElse(RequestLifecycle.UNKNOWN_DPO_USER), AuditAction.OBJECTION_GROUNDS_SENT,
        "Compelling grounds and the right to complain sent to the requester", ART_21_1);
    notices.send(request, "objection-grounds", Map.of("grounds", grounds.strip()));
  }

  private DataSubjectRequest load(String reference) {
    return requests.findByReference(reference)
        .orElseThrow(() -> new IllegalStateException("No request with reference " + reference));
  }
}
