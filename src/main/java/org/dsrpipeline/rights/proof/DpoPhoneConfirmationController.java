package org.dsrpipeline.rights.proof;

import java.security.Principal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The DPO confirms a request's phone by other means (group {@code dpo}); the audit event names the DPO. */
@RestController
class DpoPhoneConfirmationController {

  record Confirmation(String reason) {
  }

  private final PhoneProof proof;

  DpoPhoneConfirmationController(PhoneProof proof) {
    this.proof = proof;
  }

  @PostMapping(path = "/api/dpo/requests/{reference}/phone-confirmation", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> confirm(@PathVariable String reference, @RequestBody Confirmation confirmation,
      Principal dpo) {
    try {
      var confirmed = proof.confirmByDpo(reference, dpo.getName(), confirmation.reason());
      return ResponseEntity.ok(Map.of("reference", reference, "status", confirmed ? "PROVEN" : "ALREADY_PROVEN"));
    } catch (PhoneProofRefused e) {
      return ResponseEntity.status(e.getMessage().startsWith("No request") ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST)
          .body(Map.of("error", e.getMessage()));
    }
  }
}
