package org.dsrpipeline.request;

import java.util.Optional;
import org.dsrpipeline.deadline.LegalClock;
import org.dsrpipeline.workflow.RequestLabels;
import org.springframework.stereotype.Component;

/** Labels the DPO's tasks from the stored request: its reference, right, channel and dates, nothing personal. */
@Component
class RequestLabelsFromRequests implements RequestLabels {

  private final DataSubjectRequestRepository requests;
  private final LegalClock clock;

  RequestLabelsFromRequests(DataSubjectRequestRepository requests, LegalClock clock) {
    this.requests = requests;
    this.clock = clock;
  }

  @Override
  public Optional<Label> of(String reference) {
    return requests.findByReference(reference).map(r -> new Label(r.reference(),
        RightNames.of(r.type(), r.objectionScope()), RightNames.of(r.channel()), clock.localDate(r.receivedAt()),
        r.dueDate()));
  }
}
