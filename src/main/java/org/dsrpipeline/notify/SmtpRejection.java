package org.dsrpipeline.notify;

import jakarta.mail.SendFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailSendException;

/**
 * Tells a mail server that refuses an email for good (an SMTP 5xx reply, e.g. "550 no such user")
 * from one that is down or busy (connection refused, timeouts, 4xx), which only delays it.
 */
final class SmtpRejection {

  private SmtpRejection() {
  }

  /** The permanent SMTP reply code in the failure, if the server refused the email for good. */
  static Optional<Integer> permanentReply(Throwable failure) {
    for (var cause : causes(failure)) {
      int code = -1;
      if (cause instanceof SMTPAddressFailedException address) {
        code = address.getReturnCode();
      } else if (cause instanceof SMTPSendFailedException send) {
        code = send.getReturnCode();
      }
      if (code >= 500 && code < 600) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }

  private static List<Throwable> causes(Throwable failure) {
    var all = new ArrayList<Throwable>();
    var pending = new ArrayList<Throwable>(List.of(failure));
    while (!pending.isEmpty() && all.size() < 50) {
      var next = pending.remove(0);
      if (next == null || all.contains(next)) {
        continue;
      }
      all.add(next);
      pending.add(next.getCause());
      if (next instanceof MailSendException send) {
        pending.addAll(send.getFailedMessages().values());
      }
      if (next instanceof SendFailedException send) {
        pending.add(send.getNextException());
      }
    }
    return all;
  }
}
