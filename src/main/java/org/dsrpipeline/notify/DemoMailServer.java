package org.dsrpipeline.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The embedded default's mail catcher: an SMTP server inside the application, so that every email
 * the pipeline sends can be read at {@code /demo/mailbox} without any mail setup. Demo only.
 */
@Component
@ConditionalOnDemoMailbox
class DemoMailServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DemoMailServer.class);

  private final GreenMail greenMail;
  private volatile boolean running;

  DemoMailServer(@Value("${spring.mail.port}") int port) {
    this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  }

  @Override
  public void start() {
    greenMail.start();
    running = true;
    log.info("Demo mail server listening on 127.0.0.1:{}; read the mails at /demo/mailbox",
        greenMail.getSmtp().getPort());
  }

  @Override
  public void stop() {
    greenMail.stop();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Start before the outbox sender's first run is likely; stop after it. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 100;
  }

  List<MimeMessage> receivedMessages() {
    return List.of(greenMail.getReceivedMessages());
  }
}
