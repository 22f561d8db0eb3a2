package org.dsrpipeline.rights.proof;

import java.time.Instant;

/** One one-time code as stored: its HMAC, never the code. */
record PhoneCode(long id, long requestId, String phone, String codeHash, Instant issuedAt, Instant expiresAt,
    int wrongTries, Status status) {

  /** ACTIVE until it proves the phone (USED), dies of wrong tries (DEAD) or a newer code replaces it (REPLACED). */
  enum Status { ACTIVE, USED, DEAD, REPLACED }
}
