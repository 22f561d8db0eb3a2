package org.dsrpipeline.rights.recipients;

import java.util.List;
import java.util.NoSuchElementException;
import org.dsrpipeline.rights.recipients.RecipientNotices.Notice;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The DPO sees, per recipient of a request's changed stores: notified, acknowledged, or why not (Art. 19). */
@RestController
class RecipientNoticeController {

  private final RecipientNotices notices;

  RecipientNoticeController(RecipientNotices notices) {
    this.notices = notices;
  }

  @GetMapping(path = "/api/dpo/requests/{reference}/recipients", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Notice> recipients(@PathVariable String reference) {
    try {
      return notices.of(reference);
    } catch (NoSuchElementException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No request " + reference);
    }
  }
}
