package org.dsrpipeline.rights.controllers;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.dsrpipeline.notify.OrganisationProperties;
import org.dsrpipeline.rights.controllers.ControllerRequests.AnswerRefused;
import org.dsrpipeline.rights.controllers.ControllerRequests.Recorded;
import org.dsrpipeline.security.FormNonces;
import org.dsrpipeline.security.SameOriginPosts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Where a controller customer's link lands (anonymous: the controller is not a user of ours). GET shows the request,
 * the subject's identifiers and the three answers; only the form's POST, with the page's nonce, records one, so a
 * mail scanner fetching the link answers nothing. An unknown or expired link gets the same 404 page; a second
 * answer changes nothing (409).
 */
@Controller
class ControllerPageController {

  static final String FORM = "controller-request";
  private static final String PAGE = "pages/en/controller-request";

  private final ControllerRequests controllers;
  private final FormNonces nonces;
  private final SameOriginPosts origins;
  private final OrganisationProperties organisation;

  ControllerPageController(ControllerRequests controllers, FormNonces nonces, SameOriginPosts origins,
      OrganisationProperties organisation) {
    this.controllers = controllers;
    this.nonces = nonces;
    this.origins = origins;
    this.organisation = organisation;
  }

  @GetMapping("/controller/{token}")
  String show(@PathVariable String token, Model model, HttpServletResponse response) {
    return page(token, null, null, model, response);
  }

  @PostMapping("/controller/{token}")
  String answer(@PathVariable String token, @RequestParam(required = false) String nonce,
      @RequestParam(required = false) String answer, @RequestParam(required = false) String reason,
      HttpServletRequest http, Model model, HttpServletResponse response) {
    if (controllers.page(token).isEmpty()) {
      return page(token, null, null, model, response);
    }
    if (!nonces.isValid(FORM, token, nonce) || !origins.fromOwnPage(http)) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      common(model);
      model.addAttribute("outcome", "FORBIDDEN");
      return PAGE;
    }
    try {
      var recorded = controllers.answer(token, ControllerAnswerApi.parse(answer), reason);
      return page(token, recorded, null, model, response);
    } catch (AnswerRefused | ResponseStatusException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return page(token, null, e instanceof AnswerRefused ? e.getMessage()
          : "answer: choose one of the three answers", model, response);
    }
  }

  private String page(String token, Recorded recorded, String problem, Model model, HttpServletResponse response) {
    common(model);
    var view = controllers.page(token);
    if (view.isEmpty() || recorded == Recorded.UNKNOWN) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("outcome", "UNKNOWN");
      return PAGE;
    }
    model.addAttribute("view", view.get());
    model.addAttribute("token", token);
    model.addAttribute("problem", problem);
    model.addAttribute("outcome", recorded == Recorded.RECORDED ? "RECORDED"
        : recorded == Recorded.ALREADY_ANSWERED || view.get().asked().answered() ? "ALREADY_ANSWERED" : "SHOWN");
    model.addAttribute("nonce", nonces.nonceFor(FORM, token));
    if (recorded == Recorded.ALREADY_ANSWERED) {
      response.setStatus(HttpStatus.CONFLICT.value());
    }
    return PAGE;
  }

  private void common(Model model) {
    model.addAttribute("organisation", organisation.name());
    model.addAttribute("dpoEmail", organisation.dpoEmail());
  }
}
