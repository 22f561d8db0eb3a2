package org.dsrpipeline.notify;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders {@code templates/mail/<language>/<name>.html}. The template's {@code <title>} is the
 * subject, so a translator edits one file per email and language.
 */
@Component
public class MailTemplates {

  private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);

  private final ITemplateEngine engine;
  private final OrganisationProperties organisation;

  MailTemplates(ITemplateEngine engine, OrganisationProperties organisation) {
    this.engine = engine;
    this.organisation = organisation;
  }

  public RenderedEmail render(String name, String language, Map<String, ?> variables) {
    var all = new HashMap<String, Object>(variables);
    all.put("organisation", organisation.name());
    all.put("dpoEmail", organisation.dpoEmail());
    all.put("supervisoryAuthority", organisation.supervisoryAuthority());
    var html = engine.process("mail/" + language + "/" + name, new Context(Locale.forLanguageTag(language), all));
    var title = TITLE.matcher(html);
    if (!title.find()) {
      throw new IllegalStateException("Email template mail/" + language + "/" + name + ".html has no <title> to use as subject");
    }
    var subject = HtmlUtils.htmlUnescape(title.group(1)).replaceAll("\\s+", " ").strip();
    return new RenderedEmail(subject, html);
  }
}
