package org.dsrpipeline.delivery;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for the packages' chunks: each chunk has its own random 96-bit nonce, and its package id, number and
 * "last chunk" flag as associated data, so a chunk cannot be moved to another package or place, and a package cut
 * short is detected. The key is {@code dsr.packages.encryption-key} (DSR_PACKAGES_ENCRYPTION_KEY, base64 of 32
 * bytes). The embedded demo has a default key; where {@code dsr.security.require-real-passwords} is set (profile
 * postgres) the default and an empty key are refused at start-up.
 */
@Component
public class PackageCipher {

  /** The embedded demo's key: public, so never for real data. */
  static final String DEMO_KEY = "ZGVtby1vbmx5LWtleS1mb3ItdGhlLWVtYmVkZGVkLXI=";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final String keyId;
  private final SecureRandom random = new SecureRandom();

  @org.springframework.beans.factory.annotation.Autowired
  PackageCipher(PackageProperties properties,
      @Value("${dsr.security.require-real-passwords:false}") boolean requireRealSecrets) {
    this(properties.encryptionKey(), requireRealSecrets);
  }

  PackageCipher(String base64Key, boolean requireRealSecrets) {
    var configured = base64Key == null || base64Key.isBlank() ? DEMO_KEY : base64Key.strip();
    if (requireRealSecrets && configured.equals(DEMO_KEY)) {
      throw new IllegalStateException("Set DSR_PACKAGES_ENCRYPTION_KEY (dsr.packages.encryption-key) to the base64 "
          + "of 32 random bytes (e.g. `openssl rand -base64 32`): outside the embedded demo the access and "
          + "portability packages are not encrypted with the demo key.");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(configured);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("dsr.packages.encryption-key (DSR_PACKAGES_ENCRYPTION_KEY) must be base64: "
          + e.getMessage());
    }
    if (bytes.length != 32) {
      throw new IllegalStateException("dsr.packages.encryption-key (DSR_PACKAGES_ENCRYPTION_KEY) must be the base64 "
          + "of 32 bytes (AES-256); it is " + bytes.length + " bytes");
    }
    this.key = new SecretKeySpec(bytes, "AES");
    try {
      this.keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A short fingerprint of the key (not secret): which key a package was written with. */
  String keyId() {
    return keyId;
  }

  byte[] encrypt(long packageId, int seq, boolean last, byte[] plain, int length) {
    var nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      var cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(packageId, seq, last));
      var out = new byte[NONCE_BYTES + cipher.getOutputSize(length)];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      cipher.doFinal(plain, 0, length, out, NONCE_BYTES);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot encrypt a package chunk", e);
    }
  }

  byte[] decrypt(long packageId, int seq, boolean last, byte[] sealed) {
    try {
      var cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(aad(packageId, seq, last));
      return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Package " + packageId + ", chunk " + seq + " cannot be decrypted (wrong key, "
          + "or the data was changed)", e);
    }
  }

  private static byte[] aad(long packageId, int seq, boolean last) {
    return ByteBuffer.allocate(13).putLong(packageId).putInt(seq).put((byte) (last ? 1 : 0)).array();
  }
}
