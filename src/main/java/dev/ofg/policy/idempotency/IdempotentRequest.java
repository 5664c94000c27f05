package dev.ofg.policy.idempotency;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Describes one write request under the Idempotency-Key policy.
 *
 * @param key the client's key, or null when none was sent
 * @param fingerprint what makes two requests "the same": SHA-256 of method, path and payload
 * @param required whether the route refuses a request without a key
 * @param reexecutable whether the operation may run again after its first attempt stopped with an unknown
 *     outcome: true where the operation itself is idempotent (canonical creates deduplicate on their
 *     external reference), false for raw Odoo writes through the facade
 */
public record IdempotentRequest(String clientId, String key, String fingerprint, boolean required,
    boolean reexecutable) {
  public static final String HEADER = "Idempotency-Key";
  private static final Pattern KEY = Pattern.compile("[\\x21\\x23-\\x7e]{1,255}");

  /**
   * Parses the header: an RFC 8941 string ({@code "abc"}) per the IETF draft, or the bare token many clients send.
   */
  public static String parseKey(String header) {
    if (header == null) {
      return null;
    }
    String value = header.trim();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    if (!KEY.matcher(value).matches()) {
      throw GatewayException.of(ProblemCode.BAD_REQUEST,
          "Idempotency-Key must be 1-255 visible ASCII characters without quotes inside");
    }
    return value;
  }

  /** Fingerprints a request from its method, path and the bytes that define the operation. */
  public static String fingerprint(String method, String path, Buffer payload) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(method.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
      digest.update(path.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
      if (payload != null) {
        digest.update(payload.getBytes());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
    }
  }
}
