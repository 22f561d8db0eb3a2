package org.dsrpipeline.request;

import java.time.Instant;
import java.util.List;

/** A validated request, as it reached the organisation by any channel; {@code objectionScope} only for an objection,
 * {@code transmitTo} only for portability. */
record Submission(RequestType type, Requester requester, String details, List<Correction> corrections,
    Channel channel, Instant receivedAt, String recordedBy, boolean identityVerified, ObjectionScope objectionScope,
    String transmitTo) {
}
