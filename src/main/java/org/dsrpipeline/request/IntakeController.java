package org.dsrpipeline.request;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The public intake: anyone may file a request; only its secret link shows it again. */
@RestController
class IntakeController {

  private final IntakeService intake;
  private final SubmissionChecks checks;

  IntakeController(IntakeService intake, SubmissionChecks checks) {
    this.intake = intake;
    this.checks = checks;
  }

  @PostMapping(path = "/api/requests",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "File a request", description = "201 with the reference and the secret status link; "
      + "400 with a problem naming each bad field, and nothing stored. The requester then confirms from the email.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
      schema = @Schema(implementation = RequestInput.class), examples = {
          @ExampleObject(name = "erasure", summary = "Erasure (the README's walk-through)",
              value = "{\"type\":\"ERASURE\",\"email\":\"anastasia.georgiadou@example.gr\",\"language\":\"en\"}"),
          @ExampleObject(name = "rectification", summary = "Rectification with one correction",
              value = "{\"type\":\"RECTIFICATION\",\"email\":\"maria@example.org\",\"fullName\":\"Maria Papadopoulou\","
                  + "\"corrections\":[{\"field\":\"full_name\",\"value\":\"Maria Papadopoulou-Georgiou\"}]}"),
          @ExampleObject(name = "objection", summary = "Objection to processing on legitimate interests",
              value = "{\"type\":\"OBJECTION\",\"email\":\"maria@example.org\",\"scope\":\"PROCESSING\","
                  + "\"details\":\"Stop profiling my campaign statistics\"}"),
          @ExampleObject(name = "portability", summary = "Portability, sent on to another controller",
              value = "{\"type\":\"PORTABILITY\",\"email\":\"maria@example.org\","
                  + "\"transmitTo\":\"https://receiver.example.com/dsr/inbox\"}")}))
  ResponseEntity<IntakeResponse> file(@RequestBody RequestInput input) {
    var accepted = intake.receive(checks.fromRequester(input));
    return ResponseEntity.created(URI.create(accepted.statusUrl())).body(IntakeResponse.of(accepted));
  }
}
