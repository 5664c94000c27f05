package dev.ofg.policy.auth;

import dev.ofg.config.JwtConfig;
import dev.ofg.policy.auth.TokenRejection.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Checks the registered claims of a token whose signature is already verified (RFC 7519 section 4.1):
 * {@code exp} required, {@code nbf} and {@code iat} honoured, all with the configured clock skew; {@code iss} one
 * of the configured issuers; {@code aud} (a string or an array) naming one of the configured audiences.
 */
final class TokenClaimsValidator {
  private final Set<String> issuers;
  private final Set<String> audiences;
  private final long skewMillis;
  private final Clock clock;

  TokenClaimsValidator(JwtConfig config, Clock clock) {
    this.issuers = Set.copyOf(config.issuers());
    this.audiences = Set.copyOf(config.audiences());
    this.skewMillis = config.clockSkew().toMillis();
    this.clock = clock;
  }

  /** Returns when the token expires; throws a {@link TokenRejection} naming the first failed check. */
  Instant validate(JsonObject claims) {
    long now = clock.millis();
    Double exp = numericDate(claims, "exp");
    if (exp == null) {
      throw new TokenRejection(Reason.MISSING_EXPIRY, "token has no exp claim");
    }
    // exp: valid while now < exp (RFC 7519 section 4.1.4), widened by the skew.
    if (now >= exp * 1000 + skewMillis) {
      throw new TokenRejection(Reason.EXPIRED, "token expired");
    }
    Double nbf = numericDate(claims, "nbf");
    if (nbf != null && now + skewMillis < nbf * 1000) {
      throw new TokenRejection(Reason.NOT_YET_VALID, "token not yet valid");
    }
    Double iat = numericDate(claims, "iat");
    if (iat != null && now + skewMillis < iat * 1000) {
      throw new TokenRejection(Reason.NOT_YET_VALID, "token issued in the future");
    }
    checkIssuer(claims);
    checkAudience(claims);
    return Instant.ofEpochMilli((long) Math.min(Long.MAX_VALUE, exp * 1000));
  }

  private void checkIssuer(JsonObject claims) {
    if (issuers.isEmpty()) {
      return;
    }
    Object iss = claims.getValue("iss");
    if (!(iss instanceof String) || !issuers.contains(iss)) {
      throw new TokenRejection(Reason.BAD_ISSUER, iss == null ? "token has no iss claim" : "token issuer not accepted");
    }
  }

  private void checkAudience(JsonObject claims) {
    if (audiences.isEmpty()) {
      return;
    }
    Object aud = claims.getValue("aud");
    List<?> values = aud instanceof JsonArray ? ((JsonArray) aud).getList() : aud == null ? List.of() : List.of(aud);
    for (Object value : values) {
      if (value instanceof String && audiences.contains(value)) {
        return;
      }
    }
    throw new TokenRejection(Reason.BAD_AUDIENCE, aud == null ? "token has no aud claim" : "token audience not accepted");
  }

  /** Reads a NumericDate (seconds, possibly fractional); null when absent, a rejection when not a finite number. */
  private static Double numericDate(JsonObject claims, String name) {
    Object value = claims.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number) || !Double.isFinite(((Number) value).doubleValue())) {
      throw new TokenRejection(Reason.MALFORMED, "claim " + name + " is not a NumericDate");
    }
    return ((Number) value).doubleValue();
  }
}
