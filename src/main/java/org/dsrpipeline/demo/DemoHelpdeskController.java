package org.dsrpipeline.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * DEMO: stands in for the third-party helpdesk of the demo data map, so that the map works out of the
 * box. Not a real service: every answer carries {@code X-Demo}. Pages are numbered from 1.
 */
@RestController
@RequestMapping(path = "/demo/helpdesk/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnProperty(name = "dsr.demo.stores.enabled", havingValue = "true")
class DemoHelpdeskController {

  static final String DEMO = "DEMO helpdesk standing in for a third-party provider; not a real service";
  private static final int PAGE_SIZE = 20;

  private final DemoTable tickets;
  private final String expectedAuthorization;

  DemoHelpdeskController(DemoStores stores, @Value("${HELPDESK_TOKEN:demo-helpdesk-token}") String token) {
    this.tickets = new DemoTable(stores.dataSource(), "demo_helpdesk.ticket",
        Set.of("requester_email", "requester_name", "requester_phone", "subject", "body"));
    this.expectedAuthorization = "Bearer " + token;
  }

  @GetMapping
  ResponseEntity<Object> search(@RequestParam(required = false) String email,
      @RequestParam(required = false) String phone, @RequestParam(defaultValue = "1") int page,
      @RequestHeader(name = "Authorization", required = false) String authorization) {
    if (!authorised(authorization)) {
      return unauthorised();
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("demo", DEMO);
    body.put("page", page);
    body.put("items", tickets.search("requester_email", email, "requester_phone", phone,
        (Math.max(page, 1) - 1) * PAGE_SIZE, PAGE_SIZE));
    return demo(HttpStatus.OK, body);
  }

  @GetMapping("/{id}")
  ResponseEntity<Object> one(@PathVariable long id, @RequestHeader(name = "Authorization", required = false) String auth) {
    return authorised(auth) ? found(tickets.find(id).orElse(null)) : unauthorised();
  }

  @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> update(@PathVariable long id, @RequestBody Map<String, Object> changes,
      @RequestHeader(name = "Authorization", required = false) String auth) {
    if (!authorised(auth)) {
      return unauthorised();
    }
    try {
      return found(tickets.patch(id, changes).orElse(null));
    } catch (IllegalArgumentException e) {
      return demo(HttpStatus.BAD_REQUEST, Map.of("error", e.getMessage()));
    }
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Object> delete(@PathVariable long id, @RequestHeader(name = "Authorization", required = false) String auth) {
    if (!authorised(auth)) {
      return unauthorised();
    }
    return tickets.delete(id) ? demo(HttpStatus.NO_CONTENT, null) : found(null);
  }

  @PostMapping("/{id}/restrict")
  ResponseEntity<Object> restrict(@PathVariable long id, @RequestHeader(name = "Authorization", required = false) String auth) {
    return authorised(auth) ? found(tickets.set(id, "restricted", true).orElse(null)) : unauthorised();
  }

  @DeleteMapping("/{id}/restrict")
  ResponseEntity<Object> unrestrict(@PathVariable long id,
      @RequestHeader(name = "Authorization", required = false) String auth) {
    return authorised(auth) ? found(tickets.set(id, "restricted", false).orElse(null)) : unauthorised();
  }

  private boolean authorised(String authorization) {
    return expectedAuthorization.equals(authorization);
  }

  private static ResponseEntity<Object> unauthorised() {
    return demo(HttpStatus.UNAUTHORIZED, Map.of("error", "Authorization: Bearer <HELPDESK_TOKEN> is required"));
  }

  private static ResponseEntity<Object> found(Object record) {
    return record == null ? demo(HttpStatus.NOT_FOUND, Map.of("error", "no such ticket")) : demo(HttpStatus.OK, record);
  }

  static ResponseEntity<Object> demo(HttpStatus status, Object body) {
    return ResponseEntity.status(status).header("X-Demo", DEMO).body(body);
  }
}
