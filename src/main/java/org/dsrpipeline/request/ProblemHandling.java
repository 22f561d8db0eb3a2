package org.dsrpipeline.request;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dsrpipeline.request.InvalidRequestException.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Bad input answers 400 with an RFC 7807 problem whose {@code errors} name each bad field. Nothing
 * is stored when these are thrown: they happen before the intake transaction starts.
 */
@RestControllerAdvice(assignableTypes = {IntakeController.class, DpoRequestController.class})
class ProblemHandling {

  static final URI INVALID_REQUEST = URI.create("urn:dsr-pipeline:problem:invalid-request");

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ProblemDetail invalidFields(MethodArgumentNotValidException e) {
    return problem(e.getBindingResult().getFieldErrors().stream()
        .map(f -> new FieldError(f.getField(), f.getDefaultMessage()))
        .sorted((a, b) -> a.field().compareTo(b.field()))
        .toList());
  }

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalidRequest(InvalidRequestException e) {
    return problem(e.errors());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    var cause = e.getCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return problem(List.of(new FieldError(unknown.getPropertyName(), "is not a known field")));
    }
    if (cause instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
      var allowed = Arrays.stream(format.getTargetType().getEnumConstants()).map(String::valueOf)
          .collect(Collectors.joining(", "));
      return problem(List.of(new FieldError(path(format), "must be one of " + allowed)));
    }
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      return problem(List.of(new FieldError(path(mismatch), "has the wrong type")));
    }
    if (cause instanceof BodyTooLargeException || (cause != null && cause.getCause() instanceof BodyTooLargeException)) {
      return problem(List.of(new FieldError("body", cause.getMessage())));
    }
    return problem(List.of(new FieldError("body", "must be a JSON object")));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ProblemDetail notJson(HttpMediaTypeNotSupportedException e) {
    return problem(List.of(new FieldError("body", "must be JSON sent with Content-Type: application/json")));
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  static ProblemDetail problem(List<FieldError> errors) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; ")));
    problem.setType(INVALID_REQUEST);
    problem.setTitle("Invalid request");
    problem.setProperty("errors", errors.stream()
        .map(f -> Map.of("field", f.field(), "message", f.message())).toList());
    return problem;
  }
}
