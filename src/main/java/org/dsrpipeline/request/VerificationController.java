package org.dsrpipeline.request;

import jakarta.servlet.http.HttpServletResponse;
import org.dsrpipeline.notify.OrganisationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Where the requester's one-time identity link lands. */
@Controller
class VerificationController {

  private final IdentityVerification verification;
  private final RequesterNotices notices;
  private final OrganisationProperties organisation;

  VerificationController(IdentityVerification verification, RequesterNotices notices,
      OrganisationProperties organisation) {
    this.verification = verification;
    this.notices = notices;
    this.organisation = organisation;
  }

  @GetMapping("/verify/{token}")
  String verify(@PathVariable String token, Model model, HttpServletResponse response) {
    var result = verification.confirm(token);
    response.setStatus(switch (result.outcome()) {
      case CONFIRMED -> HttpStatus.OK.value();
      case ALREADY_USED -> HttpStatus.CONFLICT.value();
      case EXPIRED -> HttpStatus.GONE.value();
      case INVALID -> HttpStatus.NOT_FOUND.value();
    });
    model.addAttribute("organisation", organisation.name());
    model.addAttribute("outcome", result.outcome().name());
    model.addAttribute("reference", result.request().map(DataSubjectRequest::reference).orElse(null));
    model.addAttribute("statusUrl", result.request().map(notices::statusUrl).orElse(null));
    var language = result.request().map(DataSubjectRequest::language).orElse("en");
    return "pages/" + language + "/verification";
  }
}
