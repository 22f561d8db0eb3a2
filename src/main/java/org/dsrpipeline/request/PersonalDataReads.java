package org.dsrpipeline.request;

import java.util.Collection;
import org.dsrpipeline.audit.AuditAction;
import org.dsrpipeline.audit.AuditTrail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records in the evidence trail that a user read a request's personal data (the DPO API, the
 * manual-action pages): event PERSONAL_DATA_READ with the user as actor and what they saw. Never the
 * data itself, nor the address someone searched for.
 */
@Service
public class PersonalDataReads {

  private final DataSubjectRequestRepository requests;
  private final AuditTrail audit;

  PersonalDataReads(DataSubjectRequestRepository requests, AuditTrail audit) {
    this.requests = requests;
    this.audit = audit;
  }

  @Transactional
  public void read(DataSubjectRequest request, String user, String what) {
    audit.record(request.id(), user, AuditAction.PERSONAL_DATA_READ, "Read " + what, null);
  }

  /** For the requests of these references; unknown references are skipped (no request, no trail). */
  @Transactional
  public void readByReferences(Collection<String> references, String user, String what) {
    references.stream().distinct().forEach(reference ->
        requests.findByReference(reference).ifPresent(request -> read(request, user, what)));
  }
}
