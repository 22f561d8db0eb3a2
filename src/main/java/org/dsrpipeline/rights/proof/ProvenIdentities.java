package org.dsrpipeline.rights.proof;

import java.util.EnumMap;
import java.util.Map;
import org.dsrpipeline.datamap.IdentityType;
import org.dsrpipeline.datamap.SubjectIdentities;
import org.dsrpipeline.request.DataSubjectRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The identities a request's requester has proved, the only ones a resolution may start from: the email
 * once its link is confirmed ({@code identityVerifiedAt}), the phone only once proven by a text code or
 * by the DPO. A phone that was only typed in is not among them.
 */
@Service
public class ProvenIdentities {

  /** {@code how}: per type, how it was proven ({@code email-link}, {@code sms-code}, {@code dpo:<user>}). */
  public record Proven(SubjectIdentities identities, Map<IdentityType, String> how) {
  }

  private final PhoneProof phones;

  ProvenIdentities(PhoneProof phones) {
    this.phones = phones;
  }

  @Transactional(readOnly = true)
  public Proven of(DataSubjectRequest request) {
    var identities = SubjectIdentities.none();
    var how = new EnumMap<IdentityType, String>(IdentityType.class);
    if (request.identityVerifiedAt() != null) {
      identities = identities.and(IdentityType.EMAIL, request.email());
      how.put(IdentityType.EMAIL, "email-link");
    }
    var phone = phones.provenPhone(request);
    if (phone.isPresent()) {
      identities = identities.and(IdentityType.PHONE, phone.get().phone());
      how.put(IdentityType.PHONE, "SMS".equals(phone.get().method()) ? "sms-code" : "dpo:" + phone.get().provenBy());
    }
    return new Proven(identities, Map.copyOf(how));
  }
}
