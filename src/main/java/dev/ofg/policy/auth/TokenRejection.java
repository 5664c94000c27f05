package dev.ofg.policy.auth;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import java.util.Locale;

/**
 * Signals why a bearer token was refused: a bounded reason for the metric and a detail that is safe to show
 * the client (it never echoes a key id, a claim value or the token).
 */
final class TokenRejection extends RuntimeException {
  /** Names the bounded set of reasons a token is refused, used as the metric label. */
  enum Reason {
    MALFORMED,
    TOO_LARGE,
    ALGORITHM_NOT_ALLOWED,
    UNSUPPORTED_HEADER,
    UNKNOWN_KEY,
    KEY_MISMATCH,
    BAD_SIGNATURE,
    MISSING_EXPIRY,
    EXPIRED,
    NOT_YET_VALID,
    BAD_ISSUER,
    BAD_AUDIENCE,
    UNKNOWN_CLIENT;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;

  TokenRejection(Reason reason, String detail) {
    // Rejections are frequent and expected (expired tokens, probes): no stack trace.
    super(detail, null, false, false);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }

  GatewayException toProblem() {
    return GatewayException.of(ProblemCode.UNAUTHENTICATED, getMessage());
  }
}
