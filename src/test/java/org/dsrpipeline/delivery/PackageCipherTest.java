package org.dsrpipeline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** AES-GCM per chunk: a chunk opens only in its own package, place and "last" position, with its key. */
class PackageCipherTest {

  private static final byte[] TEXT = "{\"email\":\"anna@example.org\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void aChunkOpensOnlyWhereItWasSealed() {
    var cipher = new PackageCipher(randomKey(), true);
    var sealed = cipher.encrypt(7, 3, false, TEXT, TEXT.length);

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("anna");
    assertThat(cipher.decrypt(7, 3, false, sealed)).isEqualTo(TEXT);
    assertThatThrownBy(() -> cipher.decrypt(8, 3, false, sealed)).hasMessageContaining("cannot be decrypted");
    assertThatThrownBy(() -> cipher.decrypt(7, 4, false, sealed)).hasMessageContaining("cannot be decrypted");
    assertThatThrownBy(() -> cipher.decrypt(7, 3, true, sealed)).as("a package cut short")
        .hasMessageContaining("cannot be decrypted");
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> cipher.decrypt(7, 3, false, sealed)).hasMessageContaining("cannot be decrypted");
  }

  @Test
  void twoSealsOfTheSameChunkDifferAndAnotherKeyCannotOpenThem() {
    var cipher = new PackageCipher(randomKey(), true);
    var first = cipher.encrypt(1, 0, true, TEXT, TEXT.length);

    assertThat(cipher.encrypt(1, 0, true, TEXT, TEXT.length)).isNotEqualTo(first);
    assertThatThrownBy(() -> new PackageCipher(randomKey(), true).decrypt(1, 0, true, first))
        .hasMessageContaining("wrong key");
  }

  @Test
  void theDemoKeyIsRefusedOutsideTheDemoAndABadKeyIsNamed() {
    assertThatThrownBy(() -> new PackageCipher("", true)).hasMessageContaining("DSR_PACKAGES_ENCRYPTION_KEY");
    assertThatThrownBy(() -> new PackageCipher(PackageCipher.DEMO_KEY, true)).hasMessageContaining("demo key");
    assertThat(new PackageCipher("", false).keyId()).isEqualTo(new PackageCipher(PackageCipher.DEMO_KEY, false).keyId());
    assertThatThrownBy(() -> new PackageCipher("c2hvcnQ=", false)).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> new PackageCipher("not base64!", false)).hasMessageContaining("must be base64");
  }

  private static String randomKey() {
    var bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
