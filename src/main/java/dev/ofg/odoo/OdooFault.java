package dev.ofg.odoo;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reports a failed Odoo call, classified so callers know whether to retry, and keeping Odoo's own error
 * (class name, message, arguments) so the Odoo-compatible facade can hand it back unchanged.
 */
public final class OdooFault extends RuntimeException
    implements dev.ofg.http.ProblemSource, dev.ofg.store.ExternalRefLedger.UncertainOutcome {
  /** Says who is at fault and whether trying again can help. */
  public enum Kind {
    /** Odoo refused the operation on its merits (UserError, ValidationError, AccessError, MissingError). */
    BUSINESS,
    /** The request itself is wrong for Odoo (unknown field or method, bad domain): fix it, don't retry. */
    REQUEST,
    /** Odoo rolled back on a serialization or lock conflict: safe to retry the same call. */
    CONCURRENCY,
    /** Odoo is unreachable, slow, failing or answering garbage: retry later, maybe elsewhere. */
    TECHNICAL
  }

  private final Kind kind;
  private final ProblemCode code;
  private final String odooName;
  private final JsonArray arguments;
  private final Long retryAfterSeconds;

  OdooFault(Kind kind, ProblemCode code, String odooName, String message, JsonArray arguments, Long retryAfterSeconds,
      Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
    this.code = code;
    this.odooName = odooName;
    this.arguments = arguments == null ? new JsonArray().add(message) : arguments;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public Kind kind() {
    return kind;
  }

  public ProblemCode code() {
    return code;
  }

  /** Odoo's exception class, e.g. {@code odoo.exceptions.UserError}; null for transport failures. */
  public String odooName() {
    return odooName;
  }

  public JsonArray arguments() {
    return arguments.copy();
  }

  /**
   * Tells whether Odoo may have applied the call despite the failure: a timeout or broken connection after
   * the request left, or a bad answer from a proxy. Refusals, conflicts and calls never sent are certain.
   */
  @Override
  public boolean outcomeUncertain() {
    if (kind != Kind.TECHNICAL) {
      return false;
    }
    switch (code) {
      case ODOO_TIMEOUT:
      case ODOO_BAD_GATEWAY:
        return true;
      case ODOO_UNAVAILABLE:
        return getCause() != null && !(getCause() instanceof java.net.ConnectException);
      default:
        return false;
    }
  }

  public boolean technical() {
    return kind == Kind.TECHNICAL;
  }

  /** Builds Odoo's error {@code data} object (name, message, arguments, context) without the server traceback. */
  public JsonObject odooErrorData() {
    return new JsonObject()
        .put("name", odooName == null ? "odoo.exceptions.UserError" : odooName)
        .put("debug", "")
        .put("message", getMessage())
        .put("arguments", arguments())
        .put("context", new JsonObject());
  }

  /** Converts to the gateway's problem for the canonical API. */
  @Override
  public GatewayException toProblem() {
    GatewayException problem = retryAfterSeconds == null
        ? GatewayException.of(code, getMessage(), this)
        : GatewayException.withRetryAfter(code, getMessage(), retryAfterSeconds);
    return odooName == null ? problem : problem.with("odooError", odooName);
  }
}
