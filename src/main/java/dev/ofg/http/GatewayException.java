package dev.ofg.http;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Carries an expected failure to the failure handler, which renders it as RFC 9457 problem+json.
 *
 * <p>These are frequent (bad input, limits, denials), so they skip the stack trace.
 */
public final class GatewayException extends RuntimeException {
  private final ProblemCode code;
  private final JsonObject extensions;
  private final Long retryAfterSeconds;

  private GatewayException(ProblemCode code, String detail, JsonObject extensions, Long retryAfterSeconds, Throwable cause) {
    super(detail, cause, false, false);
    this.code = Objects.requireNonNull(code, "code");
    this.extensions = extensions == null ? new JsonObject() : extensions;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static GatewayException of(ProblemCode code, String detail) {
    return new GatewayException(code, detail, null, null, null);
  }

  public static GatewayException of(ProblemCode code, String detail, Throwable cause) {
    return new GatewayException(code, detail, null, null, cause);
  }

  public static GatewayException withRetryAfter(ProblemCode code, String detail, long retryAfterSeconds) {
    return new GatewayException(code, detail, null, Math.max(1, retryAfterSeconds), null);
  }

  /** Returns a copy that carries extra problem members (e.g. the list of failing fields). */
  public GatewayException with(String member, Object value) {
    JsonObject copy = extensions.copy().put(member, value);
    return new GatewayException(code, getMessage(), copy, retryAfterSeconds, getCause());
  }

  public ProblemCode code() {
    return code;
  }

  public int status() {
    return code.status();
  }

  public String detail() {
    return getMessage();
  }

  public JsonObject extensions() {
    return extensions.copy();
  }

  /** Seconds for a Retry-After header, or null when the failure is not worth retrying later. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
