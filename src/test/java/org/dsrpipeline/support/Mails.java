package org.dsrpipeline.support;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

public final class Mails {

  private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

  private Mails() {
  }

  public static String body(MimeMessage message) {
    try {
      return (String) message.getContent();
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The path of the first link in the mail whose path contains {@code part}, e.g. "/verify/". */
  public static String linkPath(MimeMessage message, String part) {
    var matcher = HREF.matcher(body(message));
    while (matcher.find()) {
      var path = URI.create(matcher.group(1).replace("&amp;", "&")).getPath();
      if (path != null && path.contains(part)) {
        return path;
      }
    }
    throw new AssertionError("No link containing " + part + " in mail '" + subject(message) + "'");
  }
}
