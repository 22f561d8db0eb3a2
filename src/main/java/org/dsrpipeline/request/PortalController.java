package org.dsrpipeline.request;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dsrpipeline.datamap.CorrectableFields;
import org.dsrpipeline.datamap.DataMap;
import org.dsrpipeline.notify.OrganisationProperties;
import org.dsrpipeline.security.SameOriginPosts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The requester's portal at {@code /}: each right in plain words with its own form (no JavaScript
 * needed), in English or Greek. A form goes through the same checks as {@code POST /api/requests},
 * so its error messages are the API's (in Greek on the Greek page), and nothing is stored when one is refused.
 */
@Controller
class PortalController {

  static final List<String> RIGHTS = Arrays.stream(RequestType.values()).map(Enum::name).toList();
  static final int CORRECTION_ROWS = 3;

  private final IntakeService intake;
  private final SubmissionChecks checks;
  private final SameOriginPosts sameOrigin;
  private final OrganisationProperties organisation;
  private final RequesterNotices notices;
  private final List<String> correctableFields;

  PortalController(IntakeService intake, SubmissionChecks checks, SameOriginPosts sameOrigin,
      OrganisationProperties organisation, RequesterNotices notices, DataMap map) {
    this.intake = intake;
    this.notices = notices;
    this.checks = checks;
    this.sameOrigin = sameOrigin;
    this.organisation = organisation;
    this.correctableFields = correctableFields(map);
  }

  @GetMapping("/")
  String portal(@RequestParam(required = false) String lang, Model model) {
    return show(language(lang), null, Map.of(), List.of(), model);
  }

  @PostMapping("/requests")
  String file(@RequestParam MultiValueMap<String, String> form, Model model, HttpServletRequest http,
      HttpServletResponse response) {
    var language = language(form.getFirst("language"));
    var type = form.getFirst("type");
    if (!sameOrigin.fromOwnPage(http)) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      return show(language, null, Map.of(),
          List.of(new InvalidRequestException.FieldError("form", "must be sent from this site's own page")), model);
    }
    try {
      var accepted = intake.receive(checks.fromRequester(input(form, language)));
      model.addAttribute("organisation", organisation.name());
      model.addAttribute("reference", accepted.request().reference());
      model.addAttribute("requestType", accepted.request().type());
      model.addAttribute("dueDate", notices.date(accepted.request().dueDate(), language));
      model.addAttribute("statusUrl", accepted.statusUrl());
      response.setStatus(HttpStatus.CREATED.value());
      return "pages/" + language + "/filed";
    } catch (InvalidRequestException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return show(language, type, form.toSingleValueMap(), e.errors(), model);
    }
  }

  /** The form's fields as the API's JSON body: empty fields are absent, as a client would leave them out. */
  private static RequestInput input(MultiValueMap<String, String> form, String language) {
    var type = form.getFirst("type");
    var corrections = new ArrayList<RequestInput.CorrectionInput>();
    for (int i = 0; i < CORRECTION_ROWS; i++) {
      var field = blankToNull(form.getFirst("correctionField" + i));
      var value = blankToNull(form.getFirst("correctionValue" + i));
      if (field != null || value != null) {
        corrections.add(new RequestInput.CorrectionInput(field, value));
      }
    }
    return new RequestInput(type, blankToNull(form.getFirst("email")), blankToNull(form.getFirst("phone")),
        blankToNull(form.getFirst("fullName")), language, blankToNull(form.getFirst("details")),
        corrections.isEmpty() ? null : corrections, null, null, null,
        "OBJECTION".equals(type) ? blankToNull(form.getFirst("scope")) : null,
        "PORTABILITY".equals(type) ? blankToNull(form.getFirst("transmitTo")) : null);
  }

  private String show(String language, String failedType, Map<String, String> values,
      List<InvalidRequestException.FieldError> errors, Model model) {
    var byField = new LinkedHashMap<String, String>();
    errors.forEach(e -> byField.merge(e.field(), PortalMessages.in(language, e.message()), (a, b) -> a + "; " + b));
    model.addAttribute("organisation", organisation.name());
    model.addAttribute("language", language);
    model.addAttribute("rights", RIGHTS);
    model.addAttribute("failedType", failedType);
    model.addAttribute("values", values);
    model.addAttribute("errors", byField);
    model.addAttribute("correctionRows", java.util.stream.IntStream.range(0, CORRECTION_ROWS).boxed().toList());
    model.addAttribute("correctableFields", correctableFields);
    return "pages/" + language + "/portal";
  }

  /** The names a rectification can correct somewhere, in the data map's order. */
  private static List<String> correctableFields(DataMap map) {
    var correctable = new CorrectableFields(map);
    return map.stores().stream().flatMap(s -> s.collections().stream()).flatMap(c -> c.fields().stream())
        .map(f -> f.name()).distinct()
        .filter(name -> correctable.of(name).kind() == CorrectableFields.Kind.CORRECTABLE).toList();
  }

  private static String language(String requested) {
    return "el".equals(requested) ? "el" : "en";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
