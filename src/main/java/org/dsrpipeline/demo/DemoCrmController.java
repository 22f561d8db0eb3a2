package org.dsrpipeline.demo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * DEMO: stands in for the third-party CRM of the demo data map. Not a real service: every answer carries
 * {@code X-Demo}. Pages are chained by a {@code next} link, as many CRMs do.
 */
@RestController
@RequestMapping(path = "/demo/crm/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnProperty(name = "dsr.demo.stores.enabled", havingValue = "true")
class DemoCrmController {

  static final String DEMO = "DEMO CRM standing in for a third-party provider; not a real service";
  private static final int PAGE_SIZE = 10;

  private final DemoTable contacts;
  private final String apiKey;

  DemoCrmController(DemoStores stores, @Value("${CRM_API_KEY:demo-crm-key}") String apiKey) {
    this.contacts = new DemoTable(stores.dataSource(), "demo_crm.contact",
        Set.of("email", "phone", "full_name", "company", "notes"));
    this.apiKey = apiKey;
  }

  @GetMapping
  ResponseEntity<Object> search(@RequestParam(required = false) String email,
      @RequestParam(required = false) String phone, @RequestParam(defaultValue = "0") int cursor,
      @RequestHeader(name = "X-Api-Key", required = false) String key) {
    if (!apiKey.equals(key)) {
      return unauthorised();
    }
    var from = Math.max(cursor, 0);
    var page = contacts.search("email", email, "phone", phone, from, PAGE_SIZE + 1);
    var body = new LinkedHashMap<String, Object>();
    body.put("demo", DEMO);
    body.put("results", page.subList(0, Math.min(PAGE_SIZE, page.size())));
    body.put("next", page.size() > PAGE_SIZE ? next(email, phone, from + PAGE_SIZE) : null);
    return DemoHelpdeskController.demo(HttpStatus.OK, body);
  }

  @GetMapping("/{id}")
  ResponseEntity<Object> one(@PathVariable long id, @RequestHeader(name = "X-Api-Key", required = false) String key) {
    return apiKey.equals(key) ? found(contacts.find(id).orElse(null)) : unauthorised();
  }

  @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Object> update(@PathVariable long id, @RequestBody Map<String, Object> changes,
      @RequestHeader(name = "X-Api-Key", required = false) String key) {
    if (!apiKey.equals(key)) {
      return unauthorised();
    }
    try {
      return found(contacts.patch(id, changes).orElse(null));
    } catch (IllegalArgumentException e) {
      return DemoHelpdeskController.demo(HttpStatus.BAD_REQUEST, Map.of("error", e.getMessage()));
    }
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Object> delete(@PathVariable long id, @RequestHeader(name = "X-Api-Key", required = false) String key) {
    if (!apiKey.equals(key)) {
      return unauthorised();
    }
    return contacts.delete(id) ? DemoHelpdeskController.demo(HttpStatus.NO_CONTENT, null) : found(null);
  }

  @PostMapping("/{id}/restrict")
  ResponseEntity<Object> restrict(@PathVariable long id, @RequestHeader(name = "X-Api-Key", required = false) String key) {
    return apiKey.equals(key) ? found(contacts.set(id, "restricted", true).orElse(null)) : unauthorised();
  }

  @DeleteMapping("/{id}/restrict")
  ResponseEntity<Object> unrestrict(@PathVariable long id,
      @RequestHeader(name = "X-Api-Key", required = false) String key) {
    return apiKey.equals(key) ? found(contacts.set(id, "restricted", false).orElse(null)) : unauthorised();
  }

  @PostMapping("/{id}/unsubscribe")
  ResponseEntity<Object> unsubscribe(@PathVariable long id,
      @RequestHeader(name = "X-Api-Key", required = false) String key) {
    return apiKey.equals(key) ? found(contacts.set(id, "unsubscribed", true).orElse(null)) : unauthorised();
  }

  /** Values percent-encoded whole: a '+' left as it is would be read back as a space. */
  private static String next(String email, String phone, int cursor) {
    var link = new StringBuilder("/demo/crm/contacts?");
    if (email != null) {
      link.append("email=").append(URLEncoder.encode(email, StandardCharsets.UTF_8)).append('&');
    }
    if (phone != null) {
      link.append("phone=").append(URLEncoder.encode(phone, StandardCharsets.UTF_8)).append('&');
    }
    return link.append("cursor=").append(cursor).toString();
  }

  private static ResponseEntity<Object> unauthorised() {
    return DemoHelpdeskController.demo(HttpStatus.UNAUTHORIZED, Map.of("error", "X-Api-Key: <CRM_API_KEY> is required"));
  }

  private static ResponseEntity<Object> found(Object record) {
    return record == null ? DemoHelpdeskController.demo(HttpStatus.NOT_FOUND, Map.of("error", "no such contact"))
        : DemoHelpdeskController.demo(HttpStatus.OK, record);
  }
}
