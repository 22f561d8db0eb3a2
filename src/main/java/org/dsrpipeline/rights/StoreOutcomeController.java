package org.dsrpipeline.rights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The DPO reads what each store's operation did for a request (group {@code dpo}, under /api/dpo); {@code controller}:
 * in a store held as processor, the controller customer whose part of the store the row is (else empty).
 */
@RestController
class StoreOutcomeController {

  record OutcomeView(String store, String operation, String status, long found, long changed, long kept,
      Instant keptUntil, JsonNode collections, String error, Long manualActionId, int attempts, Instant firstRunAt,
      Instant lastRunAt, Instant doneAt, int pass, String note, String controller) {
  }

  private final StoreWork work;
  private final ObjectMapper json;

  StoreOutcomeController(StoreWork work, ObjectMapper json) {
    this.work = work;
    this.json = json;
  }

  @GetMapping(path = "/api/dpo/requests/{reference}/store-outcomes", produces = MediaType.APPLICATION_JSON_VALUE)
  List<OutcomeView> outcomes(@PathVariable String reference) {
    try {
      return work.outcomes(reference).stream().map(this::view).toList();
    } catch (NoSuchElementException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No request " + reference);
    }
  }

  private OutcomeView view(RecordedOutcome o) {
    try {
      return new OutcomeView(o.store(), o.operation(), o.status(), o.found(), o.changed(), o.kept(), o.keptUntil(),
          o.collections() == null ? json.createArrayNode() : json.readTree(o.collections()), o.error(),
          o.manualActionId(), o.attempts(), o.firstRunAt(), o.lastRunAt(), o.doneAt(), o.pass(), o.note(),
          o.controller());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored outcome " + o.id() + " is not JSON", e);
    }
  }
}
