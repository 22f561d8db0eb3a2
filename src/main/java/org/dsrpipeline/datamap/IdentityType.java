package org.dsrpipeline.datamap;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A kind of value that identifies a data subject. Values are normalised before any comparison. */
public enum IdentityType implements YamlNamed {
  EMAIL("email"),
  PHONE("phone"),
  CUSTOMER_ID("customerId"),
  COOKIE_ID("cookieId");

  private static final Pattern PHONE_FORMATTING = Pattern.compile("[\\s\\-().\\/]");

  private final String yamlName;

  IdentityType(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name used in the data map and in URL and instruction templates: {@code {email}}. */
  /** camelCase, unlike the other data-map names: these are also the placeholders of URL and instruction templates. */
  @Override
  public String yamlName() {
    return yamlName;
  }

  /**
   * Emails: trimmed and lower-cased. Phones: E.164 ({@code +} and digits), {@code 00} read as
   * {@code +}; a number without an international prefix is kept as its digits, so it only matches
   * the same national form. Other identities: trimmed.
   */
  public String normalise(String raw) {
    if (raw == null) {
      return "";
    }
    var value = raw.strip();
    return switch (this) {
      case EMAIL -> value.toLowerCase(Locale.ROOT);
      case PHONE -> {
        var compact = PHONE_FORMATTING.matcher(value).replaceAll("");
        yield compact.startsWith("00") ? "+" + compact.substring(2) : compact;
      }
      case CUSTOMER_ID, COOKIE_ID -> value;
    };
  }

  public static Optional<IdentityType> named(String name) {
    return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return yamlName;
  }
}
