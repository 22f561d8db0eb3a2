package org.dsrpipeline.notify;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import jakarta.mail.internet.MimeMessage;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/** Shows what the demo mail server received: newest first, with the links each email carries. */
@Controller
@ConditionalOnDemoMailbox
class DemoMailboxController {

  private static final Pattern LINK = Pattern.compile("href=\"([^\"]+)\"");
  private static final Pattern TAG = Pattern.compile("<[^>]+>");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  record DemoMessage(String receivedAt, String to, String subject, String body, List<String> links) {
  }

  record DemoText(String receivedAt, String to, String text) {
  }

  private final DemoMailServer server;
  private final List<DemoTextMessages> texts;

  DemoMailboxController(DemoMailServer server, List<DemoTextMessages> texts) {
    this.server = server;
    this.texts = texts;
  }

  /** The emails, and the demo SMS gateway's texts (phone-proof codes) when the demo stores run it. */
  @GetMapping(path = "/demo/mailbox", produces = MediaType.TEXT_HTML_VALUE)
  String page(Model model) throws MessagingException {
    model.addAttribute("messages", messages());
    model.addAttribute("texts", texts());
    return "pages/en/mailbox";
  }

  List<DemoText> texts() {
    return texts.stream().flatMap(t -> t.textMessages().stream())
        .map(t -> new DemoText(TIME.format(t.receivedAt().atZone(ZoneId.systemDefault())), t.to(), t.text()))
        .toList();
  }

  @GetMapping(path = "/demo/mailbox", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  List<DemoMessage> json() throws MessagingException {
    return messages();
  }

  /** Newest first across every address (the server lists them address by address). */
  List<DemoMessage> messages() throws MessagingException {
    var received = new ArrayList<MimeMessage>(server.receivedMessages());
    Collections.reverse(received); // within an address the newest is last; keeps that order for equal times
    var when = new IdentityHashMap<MimeMessage, Date>();
    for (var message : received) {
      when.put(message, message.getReceivedDate() == null ? message.getSentDate() : message.getReceivedDate());
    }
    received.sort(Comparator.comparing((MimeMessage m) -> when.get(m), Comparator.nullsFirst(Comparator.naturalOrder()))
        .reversed());
    var result = new ArrayList<DemoMessage>();
    for (MimeMessage message : received) {
      var html = bodyOf(message);
      var links = new ArrayList<String>();
      var matcher = LINK.matcher(html);
      while (matcher.find()) {
        var link = HtmlUtils.htmlUnescape(matcher.group(1));
        if (!links.contains(link)) {
          links.add(link);
        }
      }
      var text = HtmlUtils.htmlUnescape(TAG.matcher(html).replaceAll(" ")).replaceAll("[ \\t]+", " ")
          .replaceAll("\\s*\\n\\s*", "\n").strip();
      var at = when.get(message);
      result.add(new DemoMessage(
          at == null ? "" : TIME.format(at.toInstant().atZone(ZoneId.systemDefault())),
          InternetAddress.toString(message.getAllRecipients()),
          message.getSubject(), text, links));
    }
    return result;
  }

  private static String bodyOf(MimeMessage message) throws MessagingException {
    try {
      return message.getContent() instanceof String text ? text : GreenMailUtil.getBody(message);
    } catch (IOException e) {
      throw new MessagingException("Cannot read a demo mail", e);
    }
  }
}
