package dev.ofg.config;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Holds a secret value read from the environment or a file, and keeps it out of logs and toString. */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** Returns the secret; call sites are few and deliberate (outbound auth, HMAC keys). */
  public String reveal() {
    return value;
  }

  public byte[] bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret && java.security.MessageDigest.isEqual(bytes(), ((Secret) other).bytes());
  }

  @Override
  public int hashCode() {
    return 0; // deliberately uninformative
  }

  @Override
  public String toString() {
    return "Secret[****]";
  }
}
