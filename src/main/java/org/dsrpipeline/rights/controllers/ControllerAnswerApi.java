package org.dsrpipeline.rights.controllers;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.dsrpipeline.rights.controllers.ControllerRequests.Answer;
import org.dsrpipeline.rights.controllers.ControllerRequests.AnswerRefused;
import org.dsrpipeline.rights.controllers.ControllerRequests.Asked;
import org.dsrpipeline.rights.controllers.ControllerRequests.PageView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The controller customer's answer as JSON, with the same secret token as its page ({@code /api/controller/{token}},
 * anonymous: the controller is not a user of ours), and the DPO's view of the controllers asked for a request.
 */
@RestController
class ControllerAnswerApi {

  /** The controller's answer: CARRY_OUT, HANDLED_BY_CONTROLLER or REFUSED; a refusal needs its reason. */
  record AnswerBody(String answer, String reason) {
  }

  private final ControllerRequests controllers;

  ControllerAnswerApi(ControllerRequests controllers) {
    this.controllers = controllers;
  }

  @GetMapping(path = "/api/controller/{token}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> show(@PathVariable String token) {
    return controllers.page(token).map(ControllerAnswerApi::json).orElseThrow(ControllerAnswerApi::unknown);
  }

  @PostMapping(path = "/api/controller/{token}", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> answer(@PathVariable String token,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
          name = "carryOut", value = "{\"answer\":\"CARRY_OUT\"}"))) @RequestBody AnswerBody body) {
    var answer = parse(body == null ? null : body.answer());
    ControllerRequests.Recorded recorded;
    try {
      recorded = controllers.answer(token, answer, body.reason());
    } catch (AnswerRefused e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    if (recorded == ControllerRequests.Recorded.UNKNOWN) {
      throw unknown();
    }
    var shown = json(controllers.page(token).orElseThrow(ControllerAnswerApi::unknown));
    shown.put("recorded", recorded == ControllerRequests.Recorded.RECORDED);
    return ResponseEntity.status(recorded == ControllerRequests.Recorded.RECORDED ? HttpStatus.OK : HttpStatus.CONFLICT)
        .body(shown);
  }

  @GetMapping(path = "/api/dpo/requests/{reference}/controllers", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Asked> asked(@PathVariable String reference) {
    try {
      return controllers.of(reference);
    } catch (NoSuchElementException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No request " + reference);
    }
  }

  static Answer parse(String answer) {
    if (answer != null) {
      for (var allowed : List.of(Answer.CARRY_OUT, Answer.HANDLED_BY_CONTROLLER, Answer.REFUSED)) {
        if (allowed.name().equals(answer.strip())) {
          return allowed;
        }
      }
    }
    throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "answer: one of CARRY_OUT, HANDLED_BY_CONTROLLER, "
        + "REFUSED");
  }

  private static Map<String, Object> json(PageView view) {
    var asked = view.asked();
    var shown = new LinkedHashMap<String, Object>();
    shown.put("reference", asked.reference());
    shown.put("right", asked.operation());
    shown.put("controller", Map.of("id", asked.controller(), "name", asked.controllerName() == null ? ""
        : asked.controllerName()));
    shown.put("records", asked.records());
    shown.put("stores", view.storeDescriptions());
    shown.put("dueDate", view.dueDate());
    var subject = new LinkedHashMap<String, Object>();
    subject.put("name", view.subjectName());
    subject.put("email", view.subjectEmail());
    subject.put("phone", view.subjectPhone());
    subject.put("phonesFound", view.phones());
    subject.put("emailsFound", view.emails());
    shown.put("subject", subject);
    shown.put("answer", asked.answer().map(Enum::name).orElse(null));
    shown.put("reason", asked.reason());
    shown.put("answeredAt", asked.answeredAt() == null ? null : asked.answeredAt().toString());
    shown.put("linkExpiresAt", asked.expiresAt() == null ? null : asked.expiresAt().toString());
    return shown;
  }

  private static ResponseStatusException unknown() {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "This link is unknown or has expired");
  }
}
