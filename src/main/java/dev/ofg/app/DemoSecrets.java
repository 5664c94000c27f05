package dev.ofg.app;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Supplies the demo's secrets: each {@code DEMO_*} variable set in the environment is used as given, any
 * other is generated at random, so the repository never holds one.
 */
public final class DemoSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, String> env;
  private final Map<String, String> generated = new LinkedHashMap<>();

  public DemoSecrets(Map<String, String> environment) {
    this.env = new LinkedHashMap<>(environment);
  }

  /** Returns the variable's value, generating (and remembering) a random one when unset. */
  public String get(String name) {
    return get(name, DemoSecrets::random);
  }

  /** Returns the variable's value, generating (and remembering) one with {@code generator} when unset. */
  public String get(String name, Supplier<String> generator) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      value = generator.get();
      env.put(name, value);
      generated.put(name, value);
    }
    return value;
  }

  /** Returns a copy where {@code values} replace whatever the environment or generation gave (not "generated"). */
  public DemoSecrets with(Map<String, String> values) {
    DemoSecrets copy = new DemoSecrets(env);
    generated.forEach((name, value) -> {
      if (!values.containsKey(name)) {
        copy.generated.put(name, value);
      }
    });
    copy.env.putAll(values);
    return copy;
  }

  /** Returns the environment with every generated secret added, for configuration placeholders. */
  public Map<String, String> environment() {
    return Map.copyOf(env);
  }

  public boolean generated(String name) {
    return generated.containsKey(name);
  }

  /** Generates a Standard Webhooks signing secret: {@code whsec_} and 32 random bytes in standard base64. */
  public static String webhookSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + Base64.getEncoder().encodeToString(bytes);
  }

  static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
