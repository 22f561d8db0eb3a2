package org.dsrpipeline.rights.recipients;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.dsrpipeline.notify.OrganisationProperties;
import org.dsrpipeline.rights.recipients.RecipientNotices.Acknowledgement;
import org.dsrpipeline.rights.recipients.RecipientNotices.PageView;
import org.dsrpipeline.security.FormNonces;
import org.dsrpipeline.security.SameOriginPosts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where a recipient's notice link lands (anonymous: the recipient is not a user of ours). GET shows what to do for
 * whom and a button; only the button's POST, with the page's nonce, records the acknowledgement, so a mail scanner
 * fetching the link confirms nothing. An unknown or expired link gets the same 404 page; a replay changes nothing.
 */
@Controller
class RecipientPageController {

  static final String FORM = "recipient-notice";
  private static final String PAGE = "pages/en/recipient-notice";

  private final RecipientNotices notices;
  private final FormNonces nonces;
  private final SameOriginPosts origins;
  private final OrganisationProperties organisation;

  RecipientPageController(RecipientNotices notices, FormNonces nonces, SameOriginPosts origins,
      OrganisationProperties organisation) {
    this.notices = notices;
    this.nonces = nonces;
    this.origins = origins;
    this.organisation = organisation;
  }

  @GetMapping("/recipient/{token}")
  String show(@PathVariable String token, Model model, HttpServletResponse response) {
    return page(token, null, model, response);
  }

  @PostMapping("/recipient/{token}")
  String acknowledge(@PathVariable String token, @RequestParam(required = false) String nonce,
      HttpServletRequest http, Model model, HttpServletResponse response) {
    if (!nonces.isValid(FORM, token, nonce) || !origins.fromOwnPage(http)) {
      if (notices.page(token).isEmpty()) {
        return page(token, null, model, response);
      }
      response.setStatus(HttpStatus.FORBIDDEN.value());
      model.addAttribute("organisation", organisation.name());
      model.addAttribute("dpoEmail", organisation.dpoEmail());
      model.addAttribute("outcome", "FORBIDDEN");
      return PAGE;
    }
    return page(token, notices.acknowledge(token), model, response);
  }

  private String page(String token, Acknowledgement acknowledged, Model model, HttpServletResponse response) {
    model.addAttribute("organisation", organisation.name());
    model.addAttribute("dpoEmail", organisation.dpoEmail());
    var view = notices.page(token);
    if (view.isEmpty() || acknowledged == Acknowledgement.UNKNOWN) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("outcome", "UNKNOWN");
      return PAGE;
    }
    var shown = view.get();
    model.addAttribute("view", shown);
    model.addAttribute("token", token);
    model.addAttribute("outcome", acknowledged != null ? acknowledged.name()
        : shown.notice().acknowledgedAt() != null ? "ALREADY_ACKNOWLEDGED" : "SHOWN");
    model.addAttribute("nonce", nonces.nonceFor(FORM, token));
    model.addAttribute("acknowledgedDate", date(shown));
    if (acknowledged == Acknowledgement.ALREADY_ACKNOWLEDGED) {
      response.setStatus(HttpStatus.CONFLICT.value());
    }
    return PAGE;
  }

  private static String date(PageView view) {
    var at = view.notice().acknowledgedAt();
    return at == null ? null : DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(at.atZone(ZoneOffset.UTC));
  }
}
