package org.dsrpipeline.request;

import java.util.Map;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.notify.MailProperties;
import org.dsrpipeline.notify.OrganisationProperties;
import org.dsrpipeline.notify.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A step of a request failed for good (the engine raised an incident after the last retry): the DPO
 * is emailed the reference and the step, and the evidence trail records it. One email per incident.
 */
@Service
public class RequestIncidents {

  private static final Logger log = LoggerFactory.getLogger(RequestIncidents.class);
  private static final int OUTCOME_COLUMN = 500;

  private final DataSubjectRequestRepository requests;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final MailProperties mail;
  private final OrganisationProperties organisation;

  RequestIncidents(DataSubjectRequestRepository requests, AuditTrail audit, Outbox outbox, MailProperties mail,
      OrganisationProperties organisation) {
    this.requests = requests;
    this.audit = audit;
    this.outbox = outbox;
    this.mail = mail;
    this.organisation = organisation;
  }

  /** In a transaction of its own: it runs after the engine's transaction that created the incident committed. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void raised(String reference, String step, String incidentId) {
    var request = requests.findByReference(reference).orElse(null);
    if (request == null) {
      return; // a process that is not a request's
    }
    var marker = "incident " + incidentId;
    if (audit.of(request.id()).stream().anyMatch(e -> e.action() == AuditAction.INCIDENT_RAISED
        && e.outcome().contains(marker))) {
      return;
    }
    var outcome = "Step '" + step + "' failed after its last retry (" + marker + "); the DPO was emailed";
    audit.record(request.id(), AuditTrail.SYSTEM, AuditAction.INCIDENT_RAISED,
        outcome.length() > OUTCOME_COLUMN ? outcome.substring(0, OUTCOME_COLUMN) : outcome, null);
    outbox.queue(request.id(), mail.dpoAddress(), "en", "dpo-incident", Map.of(
        "reference", reference,
        "step", step,
        "incidentId", incidentId,
        "cockpitUrl", organisation.url("/camunda/app/cockpit/default/#/incidents")));
    log.warn("Request {}: step {} failed for good (incident {}); the DPO is told", reference, step, incidentId);
  }
}
