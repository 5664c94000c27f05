package dev.ofg.policy.auth;

import dev.ofg.policy.auth.TokenRejection.Reason;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Splits a compact JWS ({@code header.payload.signature}) into its decoded parts, refusing anything that is not
 * well-formed before a key is looked up.
 *
 * @param signature the decoded signature, or null when the token has no (or an empty) third part
 */
record CompactJws(String token, JsonObject header, JsonObject payload, byte[] signature) {
  // Base64url without padding, as RFC 7515 section 7.1 requires; the third part may be empty or absent so that
  // unsigned tokens reach the algorithm check and are refused with a precise reason.
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*)?");
  private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

  /** Tells, cheaply and without failing, whether a bearer credential is meant as a JWS rather than an API key. */
  static boolean looksLikeJws(String credential) {
    if (credential == null || credential.length() < 8 || !credential.startsWith("eyJ")) {
      // A JSON header {"... always base64url-encodes to "eyJ".
      return false;
    }
    int dot = credential.indexOf('.');
    return dot > 0 && SHAPE.matcher(credential).matches();
  }

  static CompactJws parse(String token, int maxBytes) {
    if (token == null || token.isEmpty()) {
      throw new TokenRejection(Reason.MALFORMED, "token is empty");
    }
    if (token.length() > maxBytes) {
      throw new TokenRejection(Reason.TOO_LARGE, "token is larger than " + maxBytes + " bytes");
    }
    if (!SHAPE.matcher(token).matches()) {
      throw new TokenRejection(Reason.MALFORMED, "token is not a compact JWS (header.payload.signature)");
    }
    String[] parts = token.split("\\.", -1);
    JsonObject header = json(parts[0], "header");
    JsonObject payload = json(parts[1], "payload");
    return new CompactJws(token, header, payload, signature(parts));
  }

  private static byte[] signature(String[] parts) {
    if (parts.length < 3 || parts[2].isEmpty()) {
      return null;
    }
    try {
      return BASE64URL.decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new TokenRejection(Reason.MALFORMED, "token signature is not base64url");
    }
  }

  private static JsonObject json(String part, String name) {
    try {
      Object value = Buffer.buffer(BASE64URL.decode(part)).toJsonValue();
      if (value instanceof JsonObject) {
        return (JsonObject) value;
      }
    } catch (IllegalArgumentException | DecodeException e) {
      // falls through to the rejection below
    }
    throw new TokenRejection(Reason.MALFORMED, "token " + name + " is not a JSON object");
  }

  /** Returns the header's {@code alg}, or null when it is absent or not a string. */
  String alg() {
    Object alg = header.getValue("alg");
    return alg instanceof String ? (String) alg : null;
  }

  /** Returns the header's {@code kid}, or null when it is absent or not a string. */
  String kid() {
    Object kid = header.getValue("kid");
    return kid instanceof String ? (String) kid : null;
  }
}
