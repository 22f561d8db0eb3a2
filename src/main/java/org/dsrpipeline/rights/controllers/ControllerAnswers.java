package org.dsrpipeline.rights.controllers;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The requester's side of the processor role: one line per controller customer asked, in the requester's
 * language, naming the business and what it answered (or that it has not yet).
 */
@Component
public class ControllerAnswers {

  private final ControllerRequests controllers;
  private final MessageSource messages;

  ControllerAnswers(ControllerRequests controllers, MessageSource messages) {
    this.controllers = controllers;
    this.messages = messages;
  }

  public List<String> lines(String reference, String language) {
    var locale = Locale.forLanguageTag(language);
    return controllers.of(reference).stream().map(asked -> {
      var name = asked.controllerName() != null ? asked.controllerName()
          : messages.getMessage("answer.controller.unnamed", null, locale);
      var reason = asked.reason() == null ? "" : asked.reason().strip().replaceAll("\\.+$", "");
      return messages.getMessage("answer.controller." + asked.status(), new Object[] {name, asked.records(), reason},
          locale);
    }).toList();
  }
}
