package org.dsrpipeline.request;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dsrpipeline.delivery.Downloads;
import org.dsrpipeline.audit.AuditTrail;
import org.dsrpipeline.rights.StoreWork;
import org.dsrpipeline.rights.controllers.ControllerAnswers;
import org.dsrpipeline.rights.recipients.RecipientAnswers;
import org.dsrpipeline.rights.rectification.Rectifications;
import org.dsrpipeline.rights.proof.PhoneProof;
import org.dsrpipeline.workflow.RequestWorkflow;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The requester's view of their request: status, dates and history in plain words, nothing else. */
@Component
class StatusView {

  record HistoryEntry(String date, String description) {
  }

  /**
   * How far the work in one store is: {@code progress} PENDING, DONE, KEPT (until {@code keptUntil}),
   * WITH_CONTROLLER (a store held as processor) or RETRYING (failed, being retried); {@code text} says it in words.
   */
  record StoreProgress(String description, String progress, String keptUntil, String text) {
  }

  /**
   * {@code delayed}: a step failed for good and waits for the DPO; {@code notice} says so in words (else null).
   * {@code restricted}: the data is restricted in the stores (Art. 18) until the DPO lifts it, whatever the status;
   * {@code restrictionNotice} says so in words, with the date of a lift already announced (else null).
   * {@code stores}: the progress of the work in each store, from the recorded outcomes (empty before any).
   * {@code phoneProofOpen}: the request gave a phone that the requester can still prove (email confirmed, phone
   * not proven yet, request open): the page links to the phone-proof page, so that the phone is used too.
   * {@code recipients}: what each recipient of a changed store was told, and whether it confirmed (Art. 19).
   * {@code controllers}: each controller customer asked (the processor role), and what it answered.
   * {@code extensionReason}: why the deadline was extended, as the requester was told (else null).
   * {@code downloadUrl}: the download page of the request's package while it lives (else null).
   */
  record Status(String reference, String requestType, String status, String receivedDate, String dueDate,
      boolean extended, boolean delayed, String notice, boolean restricted, String restrictionNotice,
      List<HistoryEntry> history, List<StoreProgress> stores, boolean phoneProofOpen, List<String> corrections,
      List<String> recipients, List<String> controllers, String extensionReason, String downloadUrl) {
  }

  private final DataSubjectRequestRepository requests;
  private final AuditTrail audit;
  private final RequesterNotices notices;
  private final MessageSource messages;
  private final RequestWorkflow workflow;
  private final StoreWork storeWork;
  private final AnswerComposer answers;
  private final PhoneProof phoneProof;
  private final RecipientAnswers recipients;
  private final ControllerAnswers controllers;
  private final Rectifications rectifications;
  private final Downloads downloads;

  StatusView(DataSubjectRequestRepository requests, AuditTrail audit, RequesterNotices notices,
      MessageSource messages, RequestWorkflow workflow, StoreWork storeWork, AnswerComposer answers,
      PhoneProof phoneProof, Rectifications rectifications, RecipientAnswers recipients,
      ControllerAnswers controllers, Downloads downloads) {
    this.downloads = downloads;
    this.recipients = recipients;
    this.controllers = controllers;
    this.rectifications = rectifications;
    this.phoneProof = phoneProof;
    this.workflow = workflow;
    this.storeWork = storeWork;
    this.answers = answers;
    this.requests = requests;
    this.audit = audit;
    this.notices = notices;
    this.messages = messages;
  }

  /** The status and the language it is written in. */
  record Shown(String language, Status status) {
  }

  /**
   * In {@code requestedLanguage} when it is {@code en} or {@code el}, else in the request's own
   * language; empty when no request has this reference (a genuine link to a request that is gone).
   */
  @Transactional(readOnly = true)
  Optional<Shown> of(String reference, String requestedLanguage) {
    return requests.findByReference(reference).map(request -> shown(request, requestedLanguage));
  }

  private Shown shown(DataSubjectRequest request, String requestedLanguage) {
    var language = "en".equals(requestedLanguage) || "el".equals(requestedLanguage) ? requestedLanguage
        : request.language();
    var locale = Locale.forLanguageTag(language);
    var history = audit.of(request.id()).stream()
        .filter(e -> e.action().visibleToRequester())
        .map(e -> new HistoryEntry(notices.date(e.occurredAt(), language),
            messages.getMessage("history." + e.action().name(), null, e.action().name(), locale)))
        .toList();
    var delayed = !request.status().isClosed() && workflow.hasOpenIncident(request.reference());
    var answer = answers.compose(storeWork.outcomes(request.reference()), rectifications.answers(request.reference())
        .stream().map(Rectifications.CorrectionAnswer::withoutReason).toList(), language);
    var stores = answer.stores().stream()
        .map(s -> new StoreProgress(s.description(), s.progress().name(), s.keptUntil(), s.progressText()))
        .toList();
    return new Shown(language, new Status(request.reference(), request.type().name(), request.status().name(),
        notices.date(request.receivedAt(), language), notices.date(request.dueDate(), language),
        request.extended(), delayed, delayed ? messages.getMessage("status.delayed", null, locale) : null,
        request.restricted(), restrictionNotice(request, language, locale), history, stores,
        phoneProofOpen(request), answer.corrections(), recipients.lines(request.reference(), language),
        controllers.lines(request.reference(), language), request.extended() ? request.extensionReason() : null,
        downloads.linkFor(request.reference()).orElse(null)));
  }

  private boolean phoneProofOpen(DataSubjectRequest request) {
    return request.phone() != null && request.identityVerifiedAt() != null && !request.status().isClosed()
        && phoneProof.provenPhone(request).isEmpty();
  }

  private String restrictionNotice(DataSubjectRequest request, String language, Locale locale) {
    if (!request.restricted()) {
      return null;
    }
    return request.restrictionLiftsAt() == null ? messages.getMessage("status.restricted", null, locale)
        : messages.getMessage("status.restrictionLifts",
            new Object[] {notices.date(request.restrictionLiftsAt(), language)}, locale);
  }
}
