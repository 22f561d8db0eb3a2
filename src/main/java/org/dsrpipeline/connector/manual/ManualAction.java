package org.dsrpipeline.connector.manual;

import java.time.Instant;
import org.dsrpipeline.datamap.Operation;

/** Work only a person can do in a manual store, and the DPO's answer once given. */
public record ManualAction(long id, String reference, String store, Operation operation, String instructions,
    Status status, Instant openedAt, String answeredBy, String answer, Instant answeredAt) {

  public enum Status { PENDING, DONE, NOT_POSSIBLE }
}
