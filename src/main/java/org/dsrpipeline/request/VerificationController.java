package org.dsrpipeline.request;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.dsrpipeline.notify.OrganisationProperties;
import org.dsrpipeline.request.IdentityVerification.Outcome;
import org.dsrpipeline.request.IdentityVerification.Result;
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
 * Where the requester's one-time identity link lands. GET only shows the request and a button, so
 * that mail scanners and link previews, which fetch links by themselves, confirm nothing; the
 * button's POST confirms. The POST must carry the page's form nonce and, when the browser names
 * one, come from this service's own origin.
 */
@Controller
class VerificationController {

  static final String FORM = "verify";

  private final IdentityVerification verification;
  private final RequesterNotices notices;
  private final OrganisationProperties organisation;
  private final FormNonces nonces;
  private final SameOriginPosts origins;

  VerificationController(IdentityVerification verification, RequesterNotices notices,
      OrganisationProperties organisation, FormNonces nonces, SameOriginPosts origins) {
    this.origins = origins;
    this.verification = verification;
    this.notices = notices;
    this.organisation = organisation;
    this.nonces = nonces;
  }

  @GetMapping("/verify/{token}")
  String show(@PathVariable String token, Model model, HttpServletResponse response) {
    var result = verification.inspect(token);
    if (result.outcome() == Outcome.PENDING) {
      var request = result.request().orElseThrow();
      model.addAttribute("requestType", request.type().name());
      model.addAttribute("receivedDate", notices.date(request.receivedAt(), request.language()));
      model.addAttribute("token", token);
      model.addAttribute("nonce", nonces.nonceFor(FORM, token));
    }
    return page(result, model, response);
  }

  @PostMapping("/verify/{token}")
  String confirm(@PathVariable String token, @RequestParam(required = false) String nonce,
      HttpServletRequest http, Model model, HttpServletResponse response) {
    if (!nonces.isValid(FORM, token, nonce) || !origins.fromOwnPage(http)) {
      // a used, expired or forged link answers as on GET; a pending one is not confirmed from elsewhere
      var result = verification.inspect(token);
      if (result.outcome() != Outcome.PENDING) {
        return page(result, model, response);
      }
      response.setStatus(HttpStatus.FORBIDDEN.value());
      model.addAttribute("organisation", organisation.name());
      model.addAttribute("outcome", "FORBIDDEN");
      return "pages/" + result.request().map(DataSubjectRequest::language).orElse("en") + "/verification";
    }
    return page(verification.confirm(token), model, response);
  }

  private String page(Result result, Model model, HttpServletResponse response) {
    response.setStatus(switch (result.outcome()) {
      case PENDING, CONFIRMED -> HttpStatus.OK.value();
      case ALREADY_USED -> HttpStatus.CONFLICT.value();
      case EXPIRED -> HttpStatus.GONE.value();
      case INVALID -> HttpStatus.NOT_FOUND.value();
    });
    model.addAttribute("organisation", organisation.name());
    model.addAttribute("outcome", result.outcome().name());
    model.addAttribute("reference", result.request().map(DataSubjectRequest::reference).orElse(null));
    model.addAttribute("statusUrl", result.outcome() == Outcome.PENDING ? null
        : result.request().map(notices::statusUrl).orElse(null));
    var language = result.request().map(DataSubjectRequest::language).orElse("en");
    return "pages/" + language + "/verification";
  }
}
