package org.dsrpipeline.connector.manual;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.NoSuchElementException;
import org.dsrpipeline.request.PersonalDataReads;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The DPO's page of one manual action (group {@code dpo}, linked from its Tasklist task): the exact
 * instructions, and a form that records the answer. The answer closes the Tasklist task.
 */
@Controller
class ManualActionPageController {

  private static final int MAX_ANSWER = 4000;

  private final ManualActions actions;
  private final PersonalDataReads reads;

  ManualActionPageController(ManualActions actions, PersonalDataReads reads) {
    this.actions = actions;
    this.reads = reads;
  }

  /** The instructions name the data subject: each showing is a read of personal data in the evidence. */
  @GetMapping("/dpo/manual-actions/{id}")
  String page(@PathVariable long id, Model model, HttpServletResponse response, Principal dpo) {
    actions.find(id).ifPresent(action -> reads.readByReferences(List.of(action.reference()), dpo.getName(),
        "the instructions of manual action " + id + " (page /dpo/manual-actions/" + id + ")"));
    return show(id, model, response, null, HttpStatus.OK);
  }

  @PostMapping("/dpo/manual-actions/{id}")
  String answer(@PathVariable long id, @RequestParam(required = false) String status,
      @RequestParam(required = false) String answer, Principal dpo, Model model, HttpServletResponse response) {
    ManualAction.Status chosen;
    try {
      chosen = ManualAction.Status.valueOf(String.valueOf(status));
    } catch (IllegalArgumentException e) {
      chosen = ManualAction.Status.PENDING;
    }
    if (chosen == ManualAction.Status.PENDING) {
      return show(id, model, response, "Choose DONE or NOT_POSSIBLE.", HttpStatus.BAD_REQUEST);
    }
    if (answer == null || answer.isBlank() || answer.length() > MAX_ANSWER) {
      return show(id, model, response, "Write what you did, or why it was not possible (at most " + MAX_ANSWER
          + " characters).", HttpStatus.BAD_REQUEST);
    }
    try {
      actions.recordAnswer(id, chosen, answer.strip(), dpo.getName());
    } catch (NoSuchElementException e) {
      return show(id, model, response, null, HttpStatus.NOT_FOUND);
    } catch (IllegalStateException alreadyAnswered) {
      return show(id, model, response, "This action was answered already; the answer below stands.",
          HttpStatus.CONFLICT);
    }
    return "redirect:/dpo/manual-actions/" + id;
  }

  private String show(long id, Model model, HttpServletResponse response, String error, HttpStatus status) {
    var action = actions.find(id);
    if (action.isEmpty()) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("error", "No manual action " + id + ".");
      return "pages/en/manual-action";
    }
    response.setStatus(status.value());
    model.addAttribute("action", action.get());
    model.addAttribute("error", error);
    return "pages/en/manual-action";
  }
}
