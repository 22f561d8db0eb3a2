package org.dsrpipeline.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.dsrpipeline.datamap.IdentityType;

/**
 * The JSON body of a new request. {@code channel}, {@code receivedAt} and {@code identityVerified}
 * are for the DPO recording a request that arrived by post, phone or email; {@code scope} is an
 * objection's ({@link ObjectionScope}); {@code transmitTo} a portability request's other controller (an https URL).
 */
record RequestInput(
    @NotNull String type,
    @NotBlank @Size(max = 254)
    @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "must be a valid email address")
    String email,
    @Size(max = 40) String phone,
    @Size(max = 200) String fullName,
    @Pattern(regexp = "en|el", message = "must be 'en' or 'el'") String language,
    @Size(max = 5000) String details,
    @Size(max = 50) List<@Valid @NotNull CorrectionInput> corrections,
    String channel,
    @Size(max = 40) String receivedAt,
    Boolean identityVerified,
    String scope,
    @Size(max = 2000) String transmitTo) {

  record CorrectionInput(@NotBlank @Size(max = 100) String field, @NotBlank @Size(max = 1000) String value) {
  }

  Requester requester() {
    return new Requester(email.strip(), phoneOrNull(), blankToNull(fullName), language == null ? "en" : language);
  }

  List<Correction> correctionList() {
    return corrections == null ? List.of()
        : corrections.stream().map(c -> new Correction(c.field().strip(), c.value())).toList();
  }

  /** The phone in E.164, as people write it: {@code +30 691 234 5678}, {@code 0030 691-234-5678}. */
  String phoneOrNull() {
    return phone == null ? null : IdentityType.PHONE.normalise(phone);
  }

  String detailsOrNull() {
    return blankToNull(details);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
