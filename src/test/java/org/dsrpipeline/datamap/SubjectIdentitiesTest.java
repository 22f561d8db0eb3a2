package org.dsrpipeline.datamap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubjectIdentitiesTest {

  @Test
  void emailsAreTrimmedAndLowerCased() {
    assertThat(IdentityType.EMAIL.normalise("  Ann@Example.GR ")).isEqualTo("ann@example.gr");
  }

  @Test
  void phonesBecomeE164() {
    assertThat(IdentityType.PHONE.normalise("+30 691 234-5678")).isEqualTo("+306912345678");
    assertThat(IdentityType.PHONE.normalise("0030 (691) 234.5678")).isEqualTo("+306912345678");
  }

  @Test
  void aPhoneWithoutAnInternationalPrefixKeepsItsDigitsOnly() {
    assertThat(IdentityType.PHONE.normalise("691 234 5678")).isEqualTo("6912345678");
  }

  @Test
  void valuesAreNormalisedAndBlanksDropped() {
    var identities = new SubjectIdentities(Map.of(IdentityType.EMAIL, Set.of(" Ann@Example.gr", "  "),
        IdentityType.PHONE, Set.of()));

    assertThat(identities.values()).containsOnlyKeys(IdentityType.EMAIL);
    assertThat(identities.of(IdentityType.EMAIL)).containsExactly("ann@example.gr");
    assertThat(identities.has(IdentityType.EMAIL, "ANN@example.gr")).isTrue();
    assertThat(identities.has(IdentityType.EMAIL, "joann@example.gr")).isFalse();
  }

  @Test
  void plusAndMinusWorkPerType() {
    var a = SubjectIdentities.of(IdentityType.EMAIL, "a@x.gr").and(IdentityType.PHONE, "+301");
    var b = SubjectIdentities.of(IdentityType.EMAIL, "a@x.gr", "b@x.gr");

    assertThat(a.plus(b).of(IdentityType.EMAIL)).containsExactlyInAnyOrder("a@x.gr", "b@x.gr");
    assertThat(b.minus(a).of(IdentityType.EMAIL)).containsExactly("b@x.gr");
    assertThat(a.minus(a).isEmpty()).isTrue();
  }

  @Test
  void itsTextShowsCountsNeverValues() {
    var identities = SubjectIdentities.of(IdentityType.EMAIL, "ann@example.gr");

    assertThat(identities.toString()).doesNotContain("ann").contains("email 1");
  }
}
