package org.dsrpipeline.request;

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
  ResponseEntity<IntakeResponse> file(@RequestBody RequestInput input) {
    var accepted = intake.receive(checks.fromRequester(input));
    return ResponseEntity.created(URI.create(accepted.statusUrl())).body(IntakeResponse.of(accepted));
  }
}
