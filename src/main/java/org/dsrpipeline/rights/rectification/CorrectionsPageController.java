package org.dsrpipeline.rights.rectification;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.dsrpipeline.datamap.CorrectableFields;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.request.PersonalDataReads;
import org.dsrpipeline.rights.proof.PhoneCodeTooSoon;
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
 * The DPO's page of a rectification request's corrections (group {@code dpo}, linked from the task "Review the
 * corrections"): each field, the value asked for, where the stores hold it, and a form per correction to accept or
 * reject it (a rejection with a reason; an email or phone with the explicit approval and the proof). The same as
 * JSON under the DPO API. Shows personal data (the values): each read is recorded (PERSONAL_DATA_READ).
 * {@code index} is the correction's number in the request, from 1.
 */
@Controller
class CorrectionsPageController {

  record Held(String store, String collection, String field, String role, boolean identity) {
  }

  record CorrectionJson(int index, String field, String value, String decision, List<Held> heldIn,
      List<String> notCorrectableFields, boolean identity, boolean phone, String reason, boolean identityApproved,
      String identityProof, String decidedBy, Instant decidedAt) {

    static CorrectionJson of(Rectifications.CorrectionView view) {
      return new CorrectionJson(view.index() + 1, view.field(), view.value(), view.decision().name(),
          view.targets().stream().map(CorrectionsPageController::held).toList(), view.refusedFields(),
          view.identity(), view.targets().stream().anyMatch(t -> t.identity() == IdentityType.PHONE), view.reason(),
          view.identityApproved(), view.identityProof(), view.decidedBy(), view.decidedAt());
    }
  }

  record CorrectionsJson(List<CorrectionJson> corrections, long undecided, boolean reviewed) {
  }

  record DecisionInput(String decision, String reason, Boolean identityApproved, String proof, String code) {
  }

  private final Rectifications rectifications;
  private final PersonalDataReads reads;

  CorrectionsPageController(Rectifications rectifications, PersonalDataReads reads) {
    this.rectifications = rectifications;
    this.reads = reads;
  }

  @GetMapping("/dpo/requests/{reference}/corrections")
  String page(@PathVariable String reference, Principal dpo, Model model, HttpServletResponse response) {
    return show(reference, dpo, model, response, null, HttpStatus.OK);
  }

  @PostMapping("/dpo/requests/{reference}/corrections/{index}")
  String decide(@PathVariable String reference, @PathVariable int index,
      @RequestParam(required = false) String decision, @RequestParam(required = false) String reason,
      @RequestParam(required = false) Boolean identityApproved, @RequestParam(required = false) String proof,
      @RequestParam(required = false) String code, Principal dpo, Model model, HttpServletResponse response) {
    try {
      rectifications.decide(reference, index - 1, decision, reason, Boolean.TRUE.equals(identityApproved), proof,
          code, dpo.getName());
    } catch (NoSuchElementException e) {
      return show(reference, dpo, model, response, null, HttpStatus.NOT_FOUND);
    } catch (Rectifications.DecisionRefused e) {
      return show(reference, dpo, model, response, e.getMessage(), HttpStatus.BAD_REQUEST);
    }
    return "redirect:/dpo/requests/" + reference + "/corrections";
  }

  @GetMapping(path = "/api/dpo/requests/{reference}/corrections", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<?> json(@PathVariable String reference, Principal dpo) {
    return answer(reference, () -> {
      var view = view(reference);
      reads.readByReferences(List.of(reference), dpo.getName(), "the requested corrections");
      return view;
    });
  }

  @PostMapping(path = "/api/dpo/requests/{reference}/corrections/{index}",
      consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<?> decideJson(@PathVariable String reference, @PathVariable int index,
      @RequestBody DecisionInput input, Principal dpo) {
    return answer(reference, () -> {
      rectifications.decide(reference, index - 1, input.decision(), input.reason(),
          Boolean.TRUE.equals(input.identityApproved()), input.proof(), input.code(), dpo.getName());
      return view(reference);
    });
  }

  @PostMapping("/dpo/requests/{reference}/corrections/{index}/code")
  String sendCode(@PathVariable String reference, @PathVariable int index, Principal dpo, Model model,
      HttpServletResponse response) {
    try {
      rectifications.sendCode(reference, index - 1, dpo.getName());
    } catch (NoSuchElementException e) {
      return show(reference, dpo, model, response, null, HttpStatus.NOT_FOUND);
    } catch (Rectifications.DecisionRefused e) {
      return show(reference, dpo, model, response, e.getMessage(), HttpStatus.BAD_REQUEST);
    } catch (PhoneCodeTooSoon e) {
      response.setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
      return show(reference, dpo, model, response, e.getMessage(), HttpStatus.TOO_MANY_REQUESTS);
    }
    return "redirect:/dpo/requests/" + reference + "/corrections";
  }

  @PostMapping(path = "/api/dpo/requests/{reference}/corrections/{index}/code",
      consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<?> sendCodeJson(@PathVariable String reference, @PathVariable int index, Principal dpo) {
    try {
      return answer(reference, () -> {
        rectifications.sendCode(reference, index - 1, dpo.getName());
        return view(reference);
      }, HttpStatus.ACCEPTED);
    } catch (PhoneCodeTooSoon e) {
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
          .header("Retry-After", String.valueOf(e.retryAfterSeconds()))
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }
  }

  private CorrectionsJson view(String reference) {
    var corrections = rectifications.corrections(reference);
    return new CorrectionsJson(corrections.stream().map(CorrectionJson::of).toList(),
        corrections.stream().filter(c -> c.decision() == Rectifications.Decision.UNDECIDED).count(),
        rectifications.reviewed(reference));
  }

  private static Held held(CorrectableFields.Target target) {
    return new Held(target.store(), target.collection(), target.field(), target.role().name(),
        target.identity() != null);
  }

  private static ResponseEntity<?> answer(String reference, Supplier<CorrectionsJson> work) {
    return answer(reference, work, HttpStatus.OK);
  }

  private static ResponseEntity<?> answer(String reference, Supplier<CorrectionsJson> work, HttpStatus ok) {
    try {
      return ResponseEntity.status(ok).body(work.get());
    } catch (NoSuchElementException e) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No request " + reference));
    } catch (Rectifications.DecisionRefused e) {
      return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
          e.getMessage()));
    }
  }

  private String show(String reference, Principal dpo, Model model, HttpServletResponse response, String error,
      HttpStatus status) {
    model.addAttribute("reference", reference);
    model.addAttribute("error", error);
    try {
      var view = view(reference);
      model.addAttribute("corrections", view.corrections());
      model.addAttribute("undecided", view.undecided());
      model.addAttribute("reviewed", view.reviewed());
      reads.readByReferences(List.of(reference), dpo.getName(), "the requested corrections");
    } catch (NoSuchElementException e) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("error", "No request " + reference + ".");
      model.addAttribute("corrections", null);
      return "pages/en/corrections";
    } catch (Rectifications.DecisionRefused e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("error", e.getMessage());
      model.addAttribute("corrections", null);
      return "pages/en/corrections";
    }
    response.setStatus(status.value());
    return "pages/en/corrections";
  }
}
