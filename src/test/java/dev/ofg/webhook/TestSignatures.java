package dev.ofg.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs test requests with {@code javax.crypto} directly, independently of the code under test,
 * and builds {@link WebhookRequest}s.
 */
public final class TestSignatures {

  private TestSignatures() {}

  /** Computes an HMAC over the concatenated parts. */
  public static byte[] hmac(String jcaAlgorithm, byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance(jcaAlgorithm);
      mac.init(new SecretKeySpec(key, jcaAlgorithm));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Computes an HMAC-SHA256 over the concatenated parts. */
  public static byte[] hmacSha256(byte[] key, byte[]... parts) {
    return hmac("HmacSHA256", key, parts);
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  public static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Builds a request from a UTF-8 body and header name/value pairs. */
  public static WebhookRequest request(Instant receivedAt, String body, String... headerPairs) {
    return request(receivedAt, utf8(body), headerPairs);
  }

  /** Builds a request from a raw body and header name/value pairs. */
  public static WebhookRequest request(Instant receivedAt, byte[] body, String... headerPairs) {
    if (headerPairs.length % 2 != 0) {
      throw new IllegalArgumentException("headerPairs: odd length (expected: name, value, ...)");
    }
    WebhookRequest.Builder builder = WebhookRequest.builder().body(body).receivedAt(receivedAt);
    for (int i = 0; i < headerPairs.length; i += 2) {
      builder.header(headerPairs[i], headerPairs[i + 1]);
    }
    return builder.build();
  }
}
