package dev.ofg.policy.auth;

import dev.ofg.config.Secret;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints HS256 tokens for the demo with the JDK's HMAC, so the demo can print a ready-to-paste client token and
 * admin token. Production tokens come from an identity provider, never from here.
 *
 * <p>The demo's {@code jwt} configuration accepts them with {@code issuers: [ISSUER]}, {@code audiences: [AUDIENCE]}
 * and {@code hmacSecret} set to the same secret.
 */
public final class DemoTokens {
  public static final String ISSUER = "odoo-finance-gateway-demo";
  public static final String AUDIENCE = "odoo-finance-gateway";
  /** The claim the roles go into: the default {@code rolesClaim}. */
  public static final String ROLES_CLAIM = "roles";
  static final int MIN_SECRET_BYTES = 32;

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private DemoTokens() {
  }

  /** Mints a token for {@code clientId} carrying {@code roles}, valid from now for {@code ttl}. */
  public static String hs256(Secret secret, String clientId, List<String> roles, Duration ttl) {
    return hs256(secret, clientId, roles, ttl, Instant.now());
  }

  /** Mints a token as {@link #hs256(Secret, String, List, Duration)} does, issued at {@code issuedAt}. */
  public static String hs256(Secret secret, String clientId, List<String> roles, Duration ttl, Instant issuedAt) {
    if (secret == null || secret.bytes().length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("secret: shorter than " + MIN_SECRET_BYTES + " bytes (expected: >= "
          + MIN_SECRET_BYTES + " bytes for HS256)");
    }
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl: " + ttl + " (expected: > 0)");
    }
    JsonObject header = new JsonObject().put("alg", "HS256").put("typ", "JWT");
    long iat = issuedAt.getEpochSecond();
    JsonObject claims = new JsonObject()
        .put("iss", ISSUER)
        .put("aud", AUDIENCE)
        .put("sub", clientId)
        .put(ROLES_CLAIM, new JsonArray(List.copyOf(roles)))
        .put("iat", iat)
        .put("exp", iat + ttl.toSeconds())
        .put("jti", UUID.randomUUID().toString());
    String signingInput = encode(header) + "." + encode(claims);
    return signingInput + "." + BASE64URL.encodeToString(hmacSha256(secret.bytes(), signingInput));
  }

  /** Returns a fresh random secret (32 bytes, base64url) for {@code DEMO_JWT_SECRET} when it is not set. */
  public static String randomSecret() {
    byte[] bytes = new byte[MIN_SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return BASE64URL.encodeToString(bytes);
  }

  private static String encode(JsonObject json) {
    return BASE64URL.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmacSha256(byte[] key, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is mandatory in every JRE", e);
    }
  }
}
