package org.dsrpipeline.rights.erasure;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.NoSuchElementException;
import org.dsrpipeline.workflow.DeferredErasureWakeUp;
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
 * The DPO's page of a request's erasure plan (group {@code dpo}, linked from the task "Review erasure plan"):
 * stores, collections, records found, action and reason; forms put a store on legal hold, or lift a hold, with a
 * reason. The same plan and the same two actions as JSON under the DPO API.
 */
@Controller
class ErasurePlanPageController {

  record PlanView(List<ErasurePlans.PlanRow> plan, List<ErasurePlans.Hold> holds, List<ErasurePlans.Hold> liftedHolds) {
  }

  record HoldInput(String store, String reason) {
  }

  private final ErasurePlans plans;
  private final DeferredErasureWakeUp wakeUp;

  ErasurePlanPageController(ErasurePlans plans, DeferredErasureWakeUp wakeUp) {
    this.plans = plans;
    this.wakeUp = wakeUp;
  }

  @GetMapping("/dpo/requests/{reference}/erasure-plan")
  String page(@PathVariable String reference, Model model, HttpServletResponse response) {
    return show(reference, model, response, null, HttpStatus.OK);
  }

  @PostMapping("/dpo/requests/{reference}/erasure-plan/holds")
  String hold(@PathVariable String reference, @RequestParam(required = false) String store,
      @RequestParam(required = false) String reason, Principal dpo, Model model, HttpServletResponse response) {
    try {
      plans.hold(reference, String.valueOf(store), reason, dpo.getName());
    } catch (NoSuchElementException e) {
      return show(reference, model, response, null, HttpStatus.NOT_FOUND);
    } catch (ErasurePlans.HoldRefused e) {
      return show(reference, model, response, e.getMessage(), HttpStatus.BAD_REQUEST);
    }
    return "redirect:/dpo/requests/" + reference + "/erasure-plan";
  }

  @PostMapping("/dpo/requests/{reference}/erasure-plan/holds/lift")
  String lift(@PathVariable String reference, @RequestParam(required = false) String store,
      @RequestParam(required = false) String reason, Principal dpo, Model model, HttpServletResponse response) {
    try {
      lift(reference, String.valueOf(store), reason, dpo);
    } catch (NoSuchElementException e) {
      return show(reference, model, response, null, HttpStatus.NOT_FOUND);
    } catch (ErasurePlans.HoldRefused e) {
      return show(reference, model, response, e.getMessage(), HttpStatus.BAD_REQUEST);
    }
    return "redirect:/dpo/requests/" + reference + "/erasure-plan";
  }

  @GetMapping(path = "/api/dpo/requests/{reference}/erasure-plan", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<?> json(@PathVariable String reference) {
    return answer(reference, () -> view(reference));
  }

  @PostMapping(path = "/api/dpo/requests/{reference}/legal-holds", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<?> holdJson(@PathVariable String reference,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
          name = "hold",
          value = "{\"store\":\"marketing\",\"reason\":\"Pending lawsuit\"}")))
      @RequestBody HoldInput input, Principal dpo) {
    return answer(reference, () -> {
      plans.hold(reference, String.valueOf(input.store()), input.reason(), dpo.getName());
      return view(reference);
    });
  }

  @PostMapping(path = "/api/dpo/requests/{reference}/legal-holds/lift", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<?> liftJson(@PathVariable String reference,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
          name = "lift",
          value = "{\"store\":\"marketing\",\"reason\":\"Lawsuit settled\"}")))
      @RequestBody HoldInput input, Principal dpo) {
    return answer(reference, () -> {
      lift(reference, String.valueOf(input.store()), input.reason(), dpo);
      return view(reference);
    });
  }

  private void lift(String reference, String store, String reason, Principal dpo) {
    if (plans.lift(reference, store, reason, dpo.getName())) {
      wakeUp.legalHoldLifted(reference);
    }
  }

  private PlanView view(String reference) {
    return new PlanView(plans.plan(reference), plans.holds(reference), plans.liftedHolds(reference));
  }

  private static ResponseEntity<?> answer(String reference, java.util.function.Supplier<PlanView> work) {
    try {
      return ResponseEntity.ok(work.get());
    } catch (NoSuchElementException e) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No request " + reference));
    } catch (ErasurePlans.HoldRefused e) {
      return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
  }

  private String show(String reference, Model model, HttpServletResponse response, String error, HttpStatus status) {
    model.addAttribute("reference", reference);
    try {
      var plan = plans.plan(reference);
      model.addAttribute("plan", plan);
      model.addAttribute("stores", plan.stream().map(ErasurePlans.PlanRow::store).distinct().toList());
      model.addAttribute("holds", plans.holds(reference));
      model.addAttribute("liftedHolds", plans.liftedHolds(reference));
    } catch (NoSuchElementException e) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("error", "No request " + reference + ".");
      model.addAttribute("plan", null);
      return "pages/en/erasure-plan";
    }
    response.setStatus(status.value());
    model.addAttribute("error", error);
    return "pages/en/erasure-plan";
  }
}
