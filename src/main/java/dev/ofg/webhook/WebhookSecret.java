package dev.ofg.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Holds one webhook signing secret as key bytes and computes HMACs with it.
 *
 * <p>The key bytes never leave this object: there is no accessor, and {@link #toString()} is
 * masked, so a secret cannot reach a log line through a record or exception message. Each factory
 * decodes the text form a provider hands out; error messages never echo the secret.
 */
public final class WebhookSecret {

  /** Most secrets accepted at once: enough for a rotation with overlap, few enough to bound work. */
  public static final int MAX_SECRETS = 8;

  private static final String STANDARD_WEBHOOKS_PREFIX = "whsec_";

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    if (key.length == 0) {
      throw new IllegalArgumentException("secret: empty (expected: at least one byte)");
    }
    this.key = key;
  }

  /**
   * Validates a set of secrets that are valid at the same time, as during a rotation.
   *
   * @return an immutable copy
   */
  public static List<WebhookSecret> requireSecrets(List<WebhookSecret> secrets) {
    Objects.requireNonNull(secrets, "secrets");
    if (secrets.isEmpty() || secrets.size() > MAX_SECRETS) {
      throw new IllegalArgumentException(
          "secrets: " + secrets.size() + " (expected: 1.." + MAX_SECRETS + ")");
    }
    return List.copyOf(secrets);
  }

  /** Uses the UTF-8 bytes of the text as the key (Stripe, GoCardless, most generic senders). */
  public static WebhookSecret utf8(String secret) {
    return new WebhookSecret(Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a hexadecimal key (Adyen). */
  public static WebhookSecret hex(String secret) {
    Objects.requireNonNull(secret, "secret");
    try {
      return new WebhookSecret(HexFormat.of().parseHex(secret.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secret: not hexadecimal (expected: an even number of 0-9a-f)");
    }
  }

  /** Decodes a standard base64 key. */
  public static WebhookSecret base64(String secret) {
    Objects.requireNonNull(secret, "secret");
    try {
      return new WebhookSecret(Base64.getDecoder().decode(secret.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secret: not base64 (expected: standard base64)");
    }
  }

  /** Decodes a Standard Webhooks / Svix secret: base64, optionally prefixed with {@code whsec_}. */
  public static WebhookSecret standardWebhooks(String secret) {
    String text = Objects.requireNonNull(secret, "secret").strip();
    if (text.startsWith(STANDARD_WEBHOOKS_PREFIX)) {
      text = text.substring(STANDARD_WEBHOOKS_PREFIX.length());
    }
    try {
      return new WebhookSecret(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secret: not base64 after the whsec_ prefix (expected: whsec_<base64>)");
    }
  }

  /** Computes the HMAC of the concatenated parts; buffers are read from their position on. */
  public byte[] hmac(HmacAlgorithm algorithm, ByteBuffer... parts) {
    Mac mac = newMac(algorithm);
    for (ByteBuffer part : parts) {
      mac.update(part.duplicate());
    }
    return mac.doFinal();
  }

  /** Computes the HMAC of the concatenated byte arrays. */
  public byte[] hmac(HmacAlgorithm algorithm, byte[]... parts) {
    Mac mac = newMac(algorithm);
    for (byte[] part : parts) {
      mac.update(part);
    }
    return mac.doFinal();
  }

  private Mac newMac(HmacAlgorithm algorithm) {
    try {
      Mac mac = Mac.getInstance(algorithm.jcaName());
      mac.init(new SecretKeySpec(key, algorithm.jcaName()));
      return mac;
    } catch (GeneralSecurityException e) {
      // HmacSHA256 and HmacSHA512 ship with every JDK; reaching this is a broken runtime.
      throw new IllegalStateException("HMAC unavailable: " + algorithm.jcaName(), e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSecret[****]";
  }
}
