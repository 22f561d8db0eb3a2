package org.dsrpipeline.datamap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {

  private static final byte[] KEY = "a deployment secret of 32 bytes!".getBytes(StandardCharsets.UTF_8);

  private final Pseudonymiser pseudonymiser = new Pseudonymiser(() -> KEY);

  @Test
  void aPseudonymIsTheKeyedHmacOfTheValueWithAPrefix() {
    var pseudonym = pseudonymiser.pseudonym("ann@example.gr");

    assertThat(pseudonym).startsWith("pseud:").hasSize(Pseudonymiser.LENGTH).matches("pseud:[A-Za-z0-9_-]{43}");
    // HMAC-SHA256("a deployment secret of 32 bytes!", "ann@example.gr"), base64url, computed independently
    assertThat(pseudonym).isEqualTo("pseud:" + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(hmac(KEY, "ann@example.gr")));
  }

  @Test
  void theSameValueAlwaysGivesTheSamePseudonymAndDifferentValuesDifferentOnes() {
    assertThat(pseudonymiser.pseudonym("+306912345678")).isEqualTo(pseudonymiser.pseudonym("+306912345678"))
        .isNotEqualTo(pseudonymiser.pseudonym("+30691234567"));
  }

  @Test
  void anotherKeyGivesAnotherPseudonym() {
    var other = new Pseudonymiser(() -> "another deployment's secret key!".getBytes(StandardCharsets.UTF_8));

    assertThat(other.pseudonym("ann@example.gr")).isNotEqualTo(pseudonymiser.pseudonym("ann@example.gr"));
  }

  @Test
  void pseudonymisingAPseudonymChangesNothing() {
    var once = pseudonymiser.pseudonym("ann@example.gr");

    assertThat(pseudonymiser.pseudonym(once)).isEqualTo(once);
    assertThat(Pseudonymiser.isPseudonym(once)).isTrue();
    assertThat(Pseudonymiser.isPseudonym("pseud:short")).isFalse();
    assertThat(Pseudonymiser.isPseudonym(42L)).isFalse();
  }

  @Test
  void aShortKeyIsRefused() {
    var weak = new Pseudonymiser(() -> "short".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> weak.pseudonym("ann@example.gr")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 16 bytes");
  }

  @Test
  void theKeyIsFetchedOnFirstUseOnly() {
    var fetched = new int[1];
    var lazy = new Pseudonymiser(() -> {
      fetched[0]++;
      return KEY;
    });
    assertThat(fetched[0]).isZero();

    lazy.pseudonym("a");
    lazy.pseudonym("b");

    assertThat(fetched[0]).isEqualTo(1);
  }

  private static byte[] hmac(byte[] key, String value) {
    try {
      var mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
