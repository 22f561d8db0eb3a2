package org.dsrpipeline.delivery;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.dsrpipeline.notify.OrganisationProperties;
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
 * The requester's download page ({@code /download/{token}}, anonymous, behind the secret link of the completion
 * email): it asks for the email address the request was filed with; the form's POST (carrying the page's form
 * nonce, as the verification page does, and from the same origin) serves the ZIP when the address is right.
 */
@Controller
class DownloadController {

  private static final String FORM = "download";

  private final Downloads downloads;
  private final RequestPackages packages;
  private final FormNonces nonces;
  private final OrganisationProperties organisation;
  private final SameOriginPosts origins;

  DownloadController(Downloads downloads, RequestPackages packages, FormNonces nonces,
      OrganisationProperties organisation, SameOriginPosts origins) {
    this.origins = origins;
    this.downloads = downloads;
    this.packages = packages;
    this.nonces = nonces;
    this.organisation = organisation;
  }

  @GetMapping("/download/{token}")
  String page(@PathVariable String token, Model model, HttpServletResponse response) {
    var link = downloads.link(token);
    if (link.isEmpty()) {
      return show("en", "GONE", token, model, response, HttpStatus.NOT_FOUND);
    }
    if (!downloads.alive(link.get())) {
      return show(link.get().language(), "GONE", token, model, response, HttpStatus.GONE);
    }
    return show(link.get().language(), "ASK", token, model, response, HttpStatus.OK);
  }

  @PostMapping("/download/{token}")
  String download(@PathVariable String token, @RequestParam(required = false) String email,
      @RequestParam(required = false) String nonce, HttpServletRequest http, Model model,
      HttpServletResponse response) throws IOException {
    var link = downloads.link(token);
    if (link.isEmpty()) {
      return show("en", "GONE", token, model, response, HttpStatus.NOT_FOUND);
    }
    var language = link.get().language();
    if (!nonces.isValid(FORM, token, nonce) || !origins.fromOwnPage(http)) {
      return show(language, "FORBIDDEN", token, model, response, HttpStatus.FORBIDDEN);
    }
    var attempt = downloads.attempt(token, email);
    switch (attempt.outcome()) {
      case OK -> {
        response.setStatus(HttpStatus.OK.value());
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + attempt.reference() + ".zip\"");
        response.setHeader("Cache-Control", "no-store");
        try (var in = packages.content(attempt.stored())) {
          in.transferTo(response.getOutputStream());
        }
        return null;
      }
      case WRONG_ADDRESS -> {
        if (attempt.retryAt() != null) {
          retryAfter(response, attempt.retryAt());
        }
        return show(language, "WRONG", token, model, response, HttpStatus.FORBIDDEN);
      }
      case SLOWED -> {
        retryAfter(response, attempt.retryAt());
        return show(language, "SLOWED", token, model, response, HttpStatus.TOO_MANY_REQUESTS);
      }
      default -> {
        return show(language, "GONE", token, model, response, HttpStatus.GONE);
      }
    }
  }

  private void retryAfter(HttpServletResponse response, java.time.Instant at) {
    var seconds = Math.max(1, Duration.between(java.time.Instant.now(), at).toSeconds() + 1);
    response.setHeader("Retry-After", Long.toString(seconds));
  }

  private String show(String language, String outcome, String token, Model model, HttpServletResponse response,
      HttpStatus status) {
    response.setStatus(status.value());
    model.addAttribute("organisation", organisation.name());
    model.addAttribute("outcome", outcome);
    model.addAttribute("token", token);
    model.addAttribute("nonce", nonces.nonceFor(FORM, token));
    return "pages/" + ("el".equals(language) ? "el" : "en") + "/download";
  }
}
