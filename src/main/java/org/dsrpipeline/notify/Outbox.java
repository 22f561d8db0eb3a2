package org.dsrpipeline.notify;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes emails into the outbox inside the caller's transaction; {@link OutboxSender} sends them. */
@Service
public class Outbox {

  private final OutboxRepository emails;
  private final MailTemplates templates;
  private final Clock clock;

  Outbox(OutboxRepository emails, MailTemplates templates, Clock clock) {
    this.emails = emails;
    this.templates = templates;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public OutboxEmail queue(Long requestId, String recipient, String language, String template,
      Map<String, ?> variables) {
    var rendered = templates.render(template, language, variables);
    return emails.save(new OutboxEmail(requestId, template, recipient, rendered, clock.instant()));
  }

  @Transactional(readOnly = true)
  public List<OutboxEmail> unsent() {
    return emails.findByStatusNotOrderByIdAsc(OutboxEmail.Status.SENT);
  }

  @Transactional(readOnly = true)
  public List<OutboxEmail> ofRequest(Long requestId) {
    return emails.findByRequestIdOrderByIdAsc(requestId);
  }

  /** Puts an email that gave up back in the queue; false if it is not a failed email. */
  @Transactional
  public boolean retry(Long id) {
    return emails.retry(id, clock.instant()) == 1;
  }
}
