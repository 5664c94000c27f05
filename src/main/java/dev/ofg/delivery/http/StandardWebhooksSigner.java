package dev.ofg.delivery.http;

import dev.ofg.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs outgoing webhooks as a Standard Webhooks sender: {@code webhook-signature: v1,<base64 HMAC-SHA256>} over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, keyed with the base64 secret (optionally {@code whsec_}
 * prefixed), as the specification (github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md)
 * and its reference libraries define it.
 */
public final class StandardWebhooksSigner {
  private static final String PREFIX = "whsec_";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  private StandardWebhooksSigner(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /** Creates a signer from a secret in the specification's form; the message never echoes the secret. */
  public static StandardWebhooksSigner of(Secret secret) {
    String text = Objects.requireNonNull(secret, "secret").reveal().strip();
    if (text.startsWith(PREFIX)) {
      text = text.substring(PREFIX.length());
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secret: not base64 (expected: whsec_ followed by standard base64)");
    }
    if (key.length < 16) {
      throw new IllegalArgumentException("secret: " + key.length + " bytes (expected: at least 16)");
    }
    return new StandardWebhooksSigner(key);
  }

  /** Returns the {@code webhook-signature} header value for one message. */
  public String sign(String messageId, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "StandardWebhooksSigner[key ****]";
  }
}
