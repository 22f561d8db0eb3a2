package org.dsrpipeline.request;

import java.util.List;
import org.dsrpipeline.request.InvalidRequestException.FieldError;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;

/**
 * A body declared {@code multipart/form-data} is parsed before any controller is chosen, so a
 * broken one (no boundary, truncated) fails where {@link ProblemHandling}, bound to its
 * controllers, never sees it. Nothing here takes uploads: answer 400, as for any body not JSON.
 */
@RestControllerAdvice
class MultipartProblemHandling {

  @ExceptionHandler(MultipartException.class)
  ProblemDetail brokenMultipart(MultipartException e) {
    return ProblemHandling.problem(List.of(new FieldError("body", "must be JSON sent with Content-Type: application/json")));
  }
}
