package org.dsrpipeline.rights.recipients;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The requester's side of Art. 19 (last sentence): one line per recipient of the request's changed stores, in the
 * requester's language: who was told to do what, who confirmed, and who was not told and why.
 */
@Component
public class RecipientAnswers {

  private final RecipientNotices notices;
  private final MessageSource messages;

  RecipientAnswers(RecipientNotices notices, MessageSource messages) {
    this.notices = notices;
    this.messages = messages;
  }

  public List<String> lines(String reference, String language) {
    var locale = Locale.forLanguageTag(language);
    return notices.of(reference).stream().map(notice -> switch (notice.status()) {
      case "NOT_NOTIFIED" -> messages.getMessage("answer.recipient.notNotified", new Object[] {notice.recipient(),
          notice.reason() == null ? "" : notice.reason().strip().replaceAll("\\.+$", "")}, locale);
      default -> messages.getMessage("ACKNOWLEDGED".equals(notice.status()) ? "answer.recipient.acknowledged"
          : "answer.recipient.notified", new Object[] {notice.recipient(), notice.operations().stream()
          .map(operation -> messages.getMessage("answer.operation." + operation, null, operation, locale))
          .collect(Collectors.joining(" / "))}, locale);
    }).toList();
  }
}
