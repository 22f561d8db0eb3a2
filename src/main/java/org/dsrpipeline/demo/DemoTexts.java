package org.dsrpipeline.demo;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.dsrpipeline.notify.DemoTextMessages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** DEMO: the texts the demo SMS gateway took, newest first, the last 200 only, in memory. */
@Component
@ConditionalOnProperty(name = "dsr.demo.stores.enabled", havingValue = "true")
class DemoTexts implements DemoTextMessages {

  record Text(Instant receivedAt, String to, String text, String idempotencyKey) {
  }

  private static final int KEPT = 200;
  private final Deque<Text> texts = new ArrayDeque<>();

  /** False when a text with the same idempotency key was already taken (a sender's retry after a lost answer). */
  synchronized boolean take(Text text) {
    if (text.idempotencyKey() != null && texts.stream().anyMatch(t -> text.idempotencyKey().equals(t.idempotencyKey()))) {
      return false;
    }
    texts.addFirst(text);
    while (texts.size() > KEPT) {
      texts.removeLast();
    }
    return true;
  }

  synchronized List<Text> all() {
    return List.copyOf(texts);
  }

  @Override
  public List<TextMessage> textMessages() {
    return all().stream().map(t -> new TextMessage(t.receivedAt(), t.to(), t.text())).toList();
  }
}
