package org.dsrpipeline.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The demo mailbox (H2 only, so not in the integration tests) lists the newest mail first, whoever got it. */
class DemoMailboxControllerTest {

  private DemoMailServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void theNewestMailComesFirstAcrossAddresses() throws Exception {
    int port = freePort();
    server = new DemoMailServer(port);
    server.start();
    var sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);

    send(sender, "ann@example.org", "first");
    send(sender, "bob@example.org", "second");
    send(sender, "ann@example.org", "third");
    send(sender, "carl@example.org", "fourth");

    assertThat(new DemoMailboxController(server, java.util.List.of()).messages()).extracting(DemoMailboxController.DemoMessage::subject)
        .containsExactly("fourth", "third", "second", "first");
  }

  @Test
  void theDemoGatewaysTextsAreShownBesideTheEmails() {
    server = new DemoMailServer(0);
    DemoTextMessages gateway = () -> java.util.List.of(new DemoTextMessages.TextMessage(
        java.time.Instant.parse("2026-12-01T10:00:00Z"), "+306912345678", "Your code for DSR-2026-000042: 123456"));

    assertThat(new DemoMailboxController(server, java.util.List.of(gateway)).texts()).singleElement()
        .satisfies(t -> {
          assertThat(t.to()).isEqualTo("+306912345678");
          assertThat(t.text()).contains("123456");
        });
    assertThat(new DemoMailboxController(server, java.util.List.of()).texts()).isEmpty();
  }

  private static void send(JavaMailSenderImpl sender, String to, String subject) {
    var message = new SimpleMailMessage();
    message.setFrom("dpo@example.com");
    message.setTo(to);
    message.setSubject(subject);
    message.setText(subject);
    sender.send(message);
    // the server stamps each mail in milliseconds: let the next one get a later stamp
    var sent = System.currentTimeMillis();
    await().until(() -> System.currentTimeMillis() > sent + 1);
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
