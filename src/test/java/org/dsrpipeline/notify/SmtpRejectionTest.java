package org.dsrpipeline.notify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class SmtpRejectionTest {

  @Test
  void aRecipientRefusedWith550IsRefusedForGood() throws Exception {
    var refused = new SMTPAddressFailedException(new InternetAddress("gone@example.org"), "RCPT TO", 550,
        "5.1.1 no such user");
    var failure = new MailSendException(Map.of(new Object(), new SendFailedException("Invalid Addresses", refused)));

    assertThat(SmtpRejection.permanentReply(failure)).contains(550);
  }

  @Test
  void aMessageRefusedWith554IsRefusedForGood() throws Exception {
    var refused = new SMTPSendFailedException("DATA", 554, "5.7.1 rejected as spam", null, new Address[0],
        new Address[0], new Address[0]);

    assertThat(SmtpRejection.permanentReply(new MailSendException("send failed", refused))).contains(554);
  }

  @Test
  void aBusyServerOnlyDelaysTheEmail() throws Exception {
    var busy = new SMTPAddressFailedException(new InternetAddress("a@example.org"), "RCPT TO", 451, "4.3.0 try later");

    assertThat(SmtpRejection.permanentReply(new MailSendException(Map.of(new Object(), busy)))).isEmpty();
  }

  @Test
  void aServerThatIsDownOnlyDelaysTheEmail() {
    var down = new MailSendException("Mail server connection failed",
        new MessagingException("Couldn't connect to host", new ConnectException("Connection refused")));

    assertThat(SmtpRejection.permanentReply(down)).isEmpty();
  }
}
