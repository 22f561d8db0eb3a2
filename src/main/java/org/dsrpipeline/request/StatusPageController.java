package org.dsrpipeline.request;

import org.dsrpipeline.notify.OrganisationProperties;
import org.dsrpipeline.security.StatusLinks;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/** The requester's status page behind their secret link, as HTML or as JSON. */
@Controller
class StatusPageController {

  private final StatusLinks links;
  private final StatusView view;
  private final OrganisationProperties organisation;

  StatusPageController(StatusLinks links, StatusView view, OrganisationProperties organisation) {
    this.links = links;
    this.view = view;
    this.organisation = organisation;
  }

  @GetMapping(path = "/status/{token}", produces = MediaType.TEXT_HTML_VALUE)
  String page(@PathVariable String token, @RequestParam(required = false) String lang, Model model,
      HttpServletResponse response) {
    var found = links.referenceOf(token).flatMap(reference -> view.of(reference, lang));
    model.addAttribute("organisation", organisation.name());
    if (found.isEmpty()) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      return "pages/" + language(lang, "en") + "/not-found";
    }
    var shown = found.get();
    var status = shown.status();
    model.addAttribute("reference", status.reference());
    model.addAttribute("requestType", status.requestType());
    model.addAttribute("status", status.status());
    model.addAttribute("receivedDate", status.receivedDate());
    model.addAttribute("dueDate", status.dueDate());
    model.addAttribute("extended", status.extended());
    model.addAttribute("delayed", status.delayed());
    model.addAttribute("notice", status.notice());
    model.addAttribute("restricted", status.restricted());
    model.addAttribute("restrictionNotice", status.restrictionNotice());
    model.addAttribute("history", status.history());
    model.addAttribute("stores", status.stores());
    model.addAttribute("recipients", status.recipients());
    model.addAttribute("controllers", status.controllers());
    model.addAttribute("extensionReason", status.extensionReason());
    model.addAttribute("downloadUrl", status.downloadUrl());
    model.addAttribute("corrections", status.corrections());
    model.addAttribute("phoneProofPath", status.phoneProofOpen() ? "/phone-proof/" + token : null);
    return "pages/" + shown.language() + "/status";
  }

  @GetMapping(path = "/status/{token}", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  StatusView.Status json(@PathVariable String token, @RequestParam(required = false) String lang) {
    return links.referenceOf(token).flatMap(reference -> view.of(reference, lang)).map(StatusView.Shown::status)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No request found for this link"));
  }

  private static String language(String requested, String fallback) {
    return "el".equals(requested) || "en".equals(requested) ? requested : fallback;
  }
}
