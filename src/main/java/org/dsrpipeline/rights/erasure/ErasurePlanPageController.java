package org.dsrpipeline.rights.erasure;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The DPO's page of a request's erasure plan (group {@code dpo}, linked from the task "Review erasure plan"):
 * stores, collections, records found, action and reason; a form puts a store on legal hold with a reason.
 * The same plan as JSON under the DPO API.
 */
@Controller
class ErasurePlanPageController {

  record PlanView(List<ErasurePlans.PlanRow> plan, List<ErasurePlans.Hold> holds) {
  }

  private final ErasurePlans plans;

  ErasurePlanPageController(ErasurePlans plans) {
    this.plans = plans;
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

  @GetMapping(path = "/api/dpo/requests/{reference}/erasure-plan", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  PlanView json(@PathVariable String reference) {
    try {
      return new PlanView(plans.plan(reference), plans.holds(reference));
    } catch (NoSuchElementException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No request " + reference);
    }
  }

  private String show(String reference, Model model, HttpServletResponse response, String error, HttpStatus status) {
    model.addAttribute("reference", reference);
    try {
      var plan = plans.plan(reference);
      model.addAttribute("plan", plan);
      model.addAttribute("stores", plan.stream().map(ErasurePlans.PlanRow::store).distinct().toList());
      model.addAttribute("holds", plans.holds(reference));
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
