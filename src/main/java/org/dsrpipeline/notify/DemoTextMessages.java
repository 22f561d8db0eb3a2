package org.dsrpipeline.notify;

import java.time.Instant;
import java.util.List;

/** DEMO: the text messages (SMS) the demo gateway kept, newest first, shown in the demo mailbox beside the emails. */
public interface DemoTextMessages {

  record TextMessage(Instant receivedAt, String to, String text) {
  }

  List<TextMessage> textMessages();
}
