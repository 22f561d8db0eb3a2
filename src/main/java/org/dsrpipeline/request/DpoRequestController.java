package org.dsrpipeline.request;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.notify.Outbox;
import org.dsrpipeline.notify.OutboxEmail;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The DPO's API (group {@code dpo}, HTTP Basic): record requests received offline, read requests, evidence and mail. */
@RestController
@RequestMapping(path = "/api/dpo", produces = MediaType.APPLICATION_JSON_VALUE)
class DpoRequestController {

  record AuditEntry(Instant occurredAt, String actor, String action, String outcome, String legalBasis) {
  }

  record EmailEntry(Long id, String reference, String template, OutboxEmail.Status status, int attempts,
      Instant createdAt, Instant nextAttemptAt, Instant sentAt, String lastError) {
  }

  private final IntakeService intake;
  private final SubmissionChecks checks;
  private final DataSubjectRequestRepository requests;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final PersonalDataReads reads;

  DpoRequestController(IntakeService intake, SubmissionChecks checks, DataSubjectRequestRepository requests,
      AuditTrail audit, Outbox outbox, PersonalDataReads reads) {
    this.reads = reads;
    this.intake = intake;
    this.checks = checks;
    this.requests = requests;
    this.audit = audit;
    this.outbox = outbox;
  }

  @PostMapping("/requests")
  ResponseEntity<IntakeResponse> record(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
          name = "postal",
          value = "{\"type\":\"ACCESS\",\"email\":\"nikos@example.org\",\"channel\":\"POST\","
              + "\"receivedAt\":\"2026-11-02\",\"identityVerified\":true}")))
      @RequestBody RequestInput input, Principal dpo) {
    var accepted = intake.receive(checks.fromDpo(input, dpo.getName()));
    return ResponseEntity.created(URI.create("/api/dpo/requests/" + accepted.request().reference()))
        .body(IntakeResponse.of(accepted));
  }

  record Search(@jakarta.validation.constraints.NotBlank String email) {
  }

  /** A POST, so that the requester's address never appears in a URL (access logs, proxies, history). */
  @PostMapping("/requests/search")
  @Transactional
  List<DpoRequestView.Summary> byRequester(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
          name = "search", value = "{\"email\":\"nikos@example.org\"}"))) @Valid @RequestBody Search search, Principal dpo) {
    var found = requests.findByEmailIgnoreCaseOrderByReceivedAtDesc(search.email().strip());
    found.forEach(r -> reads.read(r, dpo.getName(), "found by a search for its requester's address"));
    return found.stream().map(DpoRequestView.Summary::of).toList();
  }

  @GetMapping("/requests/{reference}")
  @Transactional
  DpoRequestView one(@PathVariable String reference, Principal dpo) {
    var request = load(reference);
    reads.read(request, dpo.getName(), "the request with its requester's data (GET /api/dpo/requests/" + reference + ")");
    return DpoRequestView.of(request);
  }

  @GetMapping("/requests/{reference}/audit")
  @Transactional(readOnly = true)
  List<AuditEntry> auditTrail(@PathVariable String reference) {
    return audit.of(load(reference).id()).stream()
        .map(e -> new AuditEntry(e.occurredAt(), e.actor(), e.action().name(), e.outcome(), e.legalBasis()))
        .toList();
  }

  @GetMapping("/requests/{reference}/emails")
  @Transactional
  List<EmailEntry> emails(@PathVariable String reference, Principal dpo) {
    var request = load(reference);
    reads.read(request, dpo.getName(), "the request's emails (GET /api/dpo/requests/" + reference + "/emails)");
    return outbox.ofRequest(request.id()).stream().map(e -> entry(e, reference)).toList();
  }

  @GetMapping("/outbox")
  @Transactional(readOnly = true)
  List<EmailEntry> unsentEmails() {
    var unsent = outbox.unsent();
    var references = new HashMap<Long, String>();
    requests.findAllById(unsent.stream().map(OutboxEmail::requestId).filter(Objects::nonNull).distinct().toList())
        .forEach(r -> references.put(r.id(), r.reference()));
    return unsent.stream().map(e -> entry(e, e.requestId() == null ? null : references.get(e.requestId()))).toList();
  }

  /** JSON only: a cross-site HTML form cannot send it, even with Basic credentials the browser cached. */
  @PostMapping(path = "/outbox/{id}/retry", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> retry(@PathVariable Long id) {
    if (!outbox.retry(id)) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "Email " + id + " is not a failed email");
    }
    return ResponseEntity.accepted().build();
  }

  private EmailEntry entry(OutboxEmail e, String reference) {
    return new EmailEntry(e.id(), reference, e.template(), e.status(), e.attempts(), e.createdAt(),
        e.nextAttemptAt(), e.sentAt(), e.lastError());
  }

  private DataSubjectRequest load(String reference) {
    return requests.findByReference(reference).orElseThrow(
        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No request " + reference));
  }
}
