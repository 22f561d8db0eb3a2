package org.dsrpipeline.rights.proof;

/** A phone-proof step the requester or the DPO can fix: answered 400 with the message (never a number or a code). */
public class PhoneProofRefused extends RuntimeException {

  public PhoneProofRefused(String message) {
    super(message);
  }
}
