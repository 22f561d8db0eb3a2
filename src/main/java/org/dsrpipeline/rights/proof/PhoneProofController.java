package org.dsrpipeline.rights.proof;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dsrpipeline.request.DataSubjectRequestRepository;
import org.dsrpipeline.security.StatusLinks;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The requester proves their phone behind their secret status link: {@code POST .../send} texts a code,
 * {@code POST /phone-proof/{token}} with the code proves it. JSON for API clients, a small page for
 * browsers (form posts). A link that is not genuine answers 404.
 */
@Controller
class PhoneProofController {

  record CodeInput(String code) {
  }

  private final StatusLinks links;
  private final PhoneProof proof;
  private final DataSubjectRequestRepository requests;

  PhoneProofController(StatusLinks links, PhoneProof proof, DataSubjectRequestRepository requests) {
    this.links = links;
    this.proof = proof;
    this.requests = requests;
  }

  @PostMapping(path = "/phone-proof/{token}/send", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Map<String, Object>> sendJson(@PathVariable String token) {
    var reference = reference(token);
    if (reference == null) {
      return json(HttpStatus.NOT_FOUND, "NOT_FOUND", "No request found for this link");
    }
    try {
      var sent = proof.send(reference);
      return sent == PhoneProof.SendStatus.SENT
          ? json(HttpStatus.ACCEPTED, "SENT", "A code is on its way to your phone")
          : json(HttpStatus.OK, "ALREADY_PROVEN", "Your phone is already proven");
    } catch (PhoneProofRefused e) {
      return json(HttpStatus.BAD_REQUEST, "REFUSED", e.getMessage());
    } catch (PhoneCodeTooSoon e) {
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
          .header("Retry-After", Long.toString(e.retryAfterSeconds()))
          .body(body("TOO_SOON", e.getMessage(), null));
    }
  }

  @PostMapping(path = "/phone-proof/{token}", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Map<String, Object>> enterJson(@PathVariable String token, @RequestBody CodeInput input) {
    var reference = reference(token);
    if (reference == null) {
      return json(HttpStatus.NOT_FOUND, "NOT_FOUND", "No request found for this link");
    }
    try {
      var entry = proof.enter(reference, input.code());
      return ResponseEntity.status(entry.proven() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
          .body(body(entry.status().name(), entry.message(),
              entry.status() == PhoneProof.Entry.Status.WRONG_CODE ? entry.triesLeft() : null));
    } catch (PhoneProofRefused e) {
      return json(HttpStatus.BAD_REQUEST, "REFUSED", e.getMessage());
    }
  }

  @GetMapping(path = "/phone-proof/{token}", produces = MediaType.TEXT_HTML_VALUE)
  String page(@PathVariable String token, Model model, HttpServletResponse response) {
    return render(token, model, response, null, HttpStatus.OK);
  }

  @PostMapping(path = "/phone-proof/{token}/send", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_HTML_VALUE)
  String sendForm(@PathVariable String token, Model model, HttpServletResponse response) {
    var json = sendJson(token);
    if (json.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS) {
      response.setHeader("Retry-After", json.getHeaders().getFirst("Retry-After"));
    }
    return render(token, model, response, json.getBody(), HttpStatus.valueOf(json.getStatusCode().value()));
  }

  @PostMapping(path = "/phone-proof/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_HTML_VALUE)
  String enterForm(@PathVariable String token, @RequestParam(required = false) String code, Model model,
      HttpServletResponse response) {
    var json = enterJson(token, new CodeInput(code));
    return render(token, model, response, json.getBody(), HttpStatus.valueOf(json.getStatusCode().value()));
  }

  private String render(String token, Model model, HttpServletResponse response, Map<String, Object> answer,
      HttpStatus status) {
    var reference = reference(token);
    var request = reference == null ? null : requests.findByReference(reference).orElse(null);
    if (request == null) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      return "pages/en/not-found";
    }
    response.setStatus(status.value());
    model.addAttribute("reference", request.reference());
    model.addAttribute("token", token);
    model.addAttribute("hasPhone", request.phone() != null);
    model.addAttribute("emailConfirmed", request.identityVerifiedAt() != null);
    model.addAttribute("proven", proof.provenPhone(request).isPresent());
    model.addAttribute("answer", answer == null ? Map.of() : answer);
    return "pages/" + ("el".equals(request.language()) ? "el" : "en") + "/phone-proof";
  }

  private String reference(String token) {
    return links.referenceOf(token).orElse(null);
  }

  private static ResponseEntity<Map<String, Object>> json(HttpStatus status, String code, String message) {
    return ResponseEntity.status(status).body(body(code, message, null));
  }

  private static Map<String, Object> body(String status, String message, Integer triesLeft) {
    var body = new LinkedHashMap<String, Object>();
    body.put("status", status);
    body.put("message", message);
    if (triesLeft != null) {
      body.put("triesLeft", triesLeft);
    }
    return body;
  }
}
