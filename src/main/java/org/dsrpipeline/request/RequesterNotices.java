package org.dsrpipeline.request;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.notify.MailProperties;
import org.dsrpipeline.notify.OrganisationProperties;
import org.dsrpipeline.notify.Outbox;
import org.dsrpipeline.security.StatusLinks;
import org.springframework.stereotype.Component;

/** Puts the status emails of a request into the outbox, in the requester's language. */
@Component
class RequesterNotices {

  private final Outbox outbox;
  private final StatusLinks statusLinks;
  private final OrganisationProperties organisation;
  private final MailProperties mail;
  private final LegalClock clock;

  RequesterNotices(Outbox outbox, StatusLinks statusLinks, OrganisationProperties organisation,
      MailProperties mail, LegalClock clock) {
    this.outbox = outbox;
    this.statusLinks = statusLinks;
    this.organisation = organisation;
    this.mail = mail;
    this.clock = clock;
  }

  String statusUrl(DataSubjectRequest request) {
    return organisation.url("/status/" + statusLinks.tokenFor(request.reference()));
  }

  String verificationUrl(String token) {
    return organisation.url("/verify/" + token);
  }

  void send(DataSubjectRequest request, String template, Map<String, ?> extra) {
    var variables = new HashMap<String, Object>(extra);
    variables.put("name", request.fullName());
    variables.put("reference", request.reference());
    variables.put("requestType", request.type().name());
    variables.put("statusUrl", statusUrl(request));
    outbox.queue(request.id(), request.email(), request.language(), template, variables);
  }

  void sendToDpo(DataSubjectRequest request, String template) {
    outbox.queue(request.id(), mail.dpoAddress(), "en", template, Map.of(
        "reference", request.reference(),
        "dueDate", date(request.dueDate(), "en"),
        "tasklistUrl", organisation.url("/camunda/app/tasklist/")));
  }

  String date(LocalDate date, String language) {
    return date == null ? null : clock.formatDate(date, Locale.forLanguageTag(language));
  }

  String date(Instant instant, String language) {
    return date(clock.localDate(instant), language);
  }
}
