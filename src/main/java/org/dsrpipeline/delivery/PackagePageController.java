package org.dsrpipeline.delivery;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The DPO's page of a request's access or portability package (group {@code dpo}, linked from the review task):
 * each store's export and records per collection, a download of the package as it stands, and a form that excludes
 * a collection or one record with a reason (GDPR Art. 15(4)). The same as JSON under the DPO API.
 */
@Controller
class PackagePageController {

  record ExclusionInput(String store, String collection, Long recordNumber, String reason) {
  }

  private final RequestPackages packages;

  PackagePageController(RequestPackages packages) {
    this.packages = packages;
  }

  @GetMapping({"/dpo/requests/{reference}/access-package", "/dpo/requests/{reference}/portability-package"})
  String page(@PathVariable String reference, Model model, HttpServletResponse response) {
    return show(reference, model, response, null, HttpStatus.OK);
  }

  @PostMapping({"/dpo/requests/{reference}/access-package/exclusions",
      "/dpo/requests/{reference}/portability-package/exclusions"})
  String exclude(@PathVariable String reference, @RequestParam(required = false) String store,
      @RequestParam(required = false) String collection, @RequestParam(required = false) String recordNumber,
      @RequestParam(required = false) String reason, Principal dpo, Model model, HttpServletResponse response) {
    try {
      Long number = recordNumber == null || recordNumber.isBlank() ? null : Long.valueOf(recordNumber.strip());
      packages.exclude(reference, store, collection, number, reason, dpo.getName());
    } catch (NoSuchElementException e) {
      return show(reference, model, response, null, HttpStatus.NOT_FOUND);
    } catch (NumberFormatException e) {
      return show(reference, model, response, "The record number is the one report.html shows: a whole number.",
          HttpStatus.BAD_REQUEST);
    } catch (RequestPackages.Refused e) {
      return show(reference, model, response, e.getMessage(), HttpStatus.BAD_REQUEST);
    }
    return "redirect:/dpo/requests/" + reference + "/access-package";
  }

  @GetMapping({"/dpo/requests/{reference}/access-package/download",
      "/api/dpo/requests/{reference}/access-package/download"})
  void download(@PathVariable String reference, Principal dpo, HttpServletResponse response) throws IOException {
    var stored = packages.forDpo(reference);
    if (stored.isEmpty()) {
      response.sendError(HttpStatus.NOT_FOUND.value(), "No package of " + reference + " is built yet");
      return;
    }
    packages.readByDpo(reference, dpo.getName(), stored.get());
    response.setContentType("application/zip");
    response.setHeader("Content-Disposition", "attachment; filename=\"" + reference + "-"
        + stored.get().kind().name().toLowerCase(java.util.Locale.ROOT) + ".zip\"");
    response.setHeader("Cache-Control", "no-store");
    try (var in = packages.content(stored.get())) {
      in.transferTo(response.getOutputStream());
    }
  }

  @GetMapping(path = "/api/dpo/requests/{reference}/access-package", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<?> json(@PathVariable String reference) {
    return answer(reference, () -> packages.view(reference));
  }

  @PostMapping(path = "/api/dpo/requests/{reference}/access-package/exclusions",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<?> excludeJson(@PathVariable String reference, @RequestBody ExclusionInput input, Principal dpo) {
    return answer(reference, () -> {
      packages.exclude(reference, input.store(), input.collection(), input.recordNumber(), input.reason(),
          dpo.getName());
      return packages.view(reference);
    });
  }

  private static ResponseEntity<?> answer(String reference, Supplier<RequestPackages.View> work) {
    try {
      return ResponseEntity.ok(work.get());
    } catch (NoSuchElementException e) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No request " + reference));
    } catch (RequestPackages.Refused e) {
      return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
  }

  private String show(String reference, Model model, HttpServletResponse response, String error, HttpStatus status) {
    model.addAttribute("reference", reference);
    try {
      model.addAttribute("view", packages.view(reference));
    } catch (NoSuchElementException e) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("error", "No request " + reference + ".");
      model.addAttribute("view", null);
      return "pages/en/access-package";
    }
    response.setStatus(status.value());
    model.addAttribute("error", error);
    return "pages/en/access-package";
  }
}
