package org.dsrpipeline.connector.manual;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.List;
import java.util.NoSuchElementException;
import org.dsrpipeline.request.PersonalDataReads;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The DPO's list of manual actions (paper archive, vendors by email) and their answers. Group {@code dpo}. */
@RestController
@RequestMapping(path = "/api/dpo/manual-actions", produces = MediaType.APPLICATION_JSON_VALUE)
class ManualActionController {

  record Answer(@NotNull ManualAction.Status status, @NotBlank @Size(max = 4000) String answer) {
  }

  private final ManualActions actions;
  private final PersonalDataReads reads;

  ManualActionController(ManualActions actions, PersonalDataReads reads) {
    this.actions = actions;
    this.reads = reads;
  }

  /** The instructions name the data subjects: a read of each listed request's personal data, in the evidence. */
  @GetMapping
  List<ManualAction> list(@RequestParam(required = false) ManualAction.Status status, Principal dpo) {
    var listed = actions.list(status);
    reads.readByReferences(listed.stream().map(ManualAction::reference).toList(), dpo.getName(),
        "manual actions' instructions (GET /api/dpo/manual-actions)");
    return listed;
  }

  @PostMapping(path = "/{id}/answer", consumes = MediaType.APPLICATION_JSON_VALUE)
  ManualAction answer(@PathVariable long id,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
          name = "done",
          value = "{\"status\":\"DONE\",\"answer\":\"Letters shredded; contract kept until 2031\"}")))
      @Valid @RequestBody Answer answer, Principal dpo) {
    if (answer.status() == ManualAction.Status.PENDING) {
      throw new IllegalArgumentException("status must be DONE or NOT_POSSIBLE");
    }
    return actions.recordAnswer(id, answer.status(), answer.answer(), dpo.getName());
  }

  // Answered here rather than through /error: the security rules let only GET requests reach /error.

  @ExceptionHandler(NoSuchElementException.class)
  ProblemDetail unknown(NoSuchElementException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(IllegalStateException.class)
  ProblemDetail answeredAlready(IllegalStateException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler({IllegalArgumentException.class, MethodArgumentNotValidException.class,
      HttpMessageNotReadableException.class})
  ProblemDetail invalid(Exception e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e instanceof IllegalArgumentException
        ? e.getMessage() : "the body must be {\"status\": \"DONE\" or \"NOT_POSSIBLE\", \"answer\": \"...\"}");
  }
}
