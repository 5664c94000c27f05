package dev.ofg.webhook;

import java.util.Locale;
import java.util.Objects;

/** Names the HMAC algorithms webhook senders use. */
public enum HmacAlgorithm {
  HMAC_SHA256("HmacSHA256", 32),
  HMAC_SHA512("HmacSHA512", 64);

  private final String jcaName;
  private final int macLength;

  HmacAlgorithm(String jcaName, int macLength) {
    this.jcaName = jcaName;
    this.macLength = macLength;
  }

  /** Returns the JCA algorithm name, such as {@code HmacSHA256}. */
  public String jcaName() {
    return jcaName;
  }

  /** Returns the MAC length in bytes. */
  public int macLength() {
    return macLength;
  }

  /** Parses a configuration name: {@code HmacSHA256}, {@code sha256}, {@code hmac-sha512}, ... */
  public static HmacAlgorithm fromName(String name) {
    String key = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT).replace("-", "");
    switch (key) {
      case "hmacsha256":
      case "sha256":
        return HMAC_SHA256;
      case "hmacsha512":
      case "sha512":
        return HMAC_SHA512;
      default:
        throw new IllegalArgumentException(
            "algorithm: " + name + " (expected: HmacSHA256 or HmacSHA512)");
    }
  }
}
