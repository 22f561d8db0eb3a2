package org.dsrpipeline.dpo;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.notify.Outbox;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.request.PersonalDataReads;
import org.dsrpipeline.request.RequestType;
import org.dsrpipeline.request.RightNames;
import org.dsrpipeline.rights.StoreWork;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The DPO's page of one request, linked from every task's form: its details (a read of personal data,
 * recorded as one), the evidence trail, each store's outcome and every email.
 */
@Controller
class RequestPageController {

  private final DataSubjectRequestRepository requests;
  private final PersonalDataReads reads;
  private final AuditTrail audit;
  private final StoreWork stores;
  private final Outbox outbox;
  private final LegalClock clock;

  RequestPageController(DataSubjectRequestRepository requests, PersonalDataReads reads, AuditTrail audit,
      StoreWork stores, Outbox outbox, LegalClock clock) {
    this.requests = requests;
    this.reads = reads;
    this.audit = audit;
    this.stores = stores;
    this.outbox = outbox;
    this.clock = clock;
  }

  @GetMapping("/dpo/requests/{reference}")
  @Transactional
  String page(@PathVariable String reference, Principal dpo, Model model, HttpServletResponse response) {
    var found = requests.findByReference(reference);
    if (found.isEmpty()) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("reference", reference);
      return "pages/en/dpo-request-not-found";
    }
    var request = found.get();
    reads.read(request, dpo.getName(), "the request's DPO page (GET /dpo/requests/" + reference + ")");
    model.addAttribute("request", request);
    model.addAttribute("right", RightNames.of(request.type(), request.objectionScope()));
    model.addAttribute("channel", RightNames.of(request.channel()));
    model.addAttribute("zone", clock.zone());
    model.addAttribute("events", audit.of(request.id()));
    model.addAttribute("outcomes", stores.outcomes(reference));
    model.addAttribute("emails", outbox.ofRequest(request.id()));
    model.addAttribute("erasurePlanPath",
        request.type() == RequestType.ERASURE ? "/dpo/requests/" + reference + "/erasure-plan" : null);
    return "pages/en/dpo-request";
  }
}
