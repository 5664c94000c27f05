package dev.ofg.odoo;

import dev.ofg.http.ProblemCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Classifies Odoo's errors and transport failures into {@link OdooFault}s.
 *
 * <p>Odoo reports an error by the qualified name of the Python exception it raised; that name, not the
 * message (which is translated), decides the class.
 */
public final class OdooErrors {
  static final Set<String> CONCURRENCY_NAMES = Set.of(
      "psycopg2.errors.SerializationFailure",
      "psycopg2.errors.DeadlockDetected",
      "psycopg2.errors.LockNotAvailable",
      "psycopg2.extensions.TransactionRollbackError",
      "psycopg2.errors.TransactionRollback",
      "psycopg.errors.SerializationFailure",
      "psycopg.errors.DeadlockDetected",
      "psycopg.errors.LockNotAvailable");

  private static final Set<String> REQUEST_NAMES = Set.of(
      "builtins.ValueError", "builtins.KeyError", "builtins.TypeError", "builtins.AttributeError",
      "builtins.IndexError", "builtins.NotImplementedError", "werkzeug.exceptions.BadRequest",
      "werkzeug.exceptions.NotFound", "werkzeug.exceptions.UnsupportedMediaType",
      "werkzeug.exceptions.UnprocessableEntity", "odoo.exceptions.CacheMiss");

  private OdooErrors() {
  }

  /** Classifies Odoo's error object (the JSON-RPC {@code error.data}, or JSON-2's error body). */
  public static OdooFault fromOdooError(JsonObject data, String fallbackMessage) {
    String name = data == null ? null : data.getString("name");
    String message = data == null ? null : data.getString("message");
    if (message == null || message.isBlank()) {
      message = fallbackMessage == null ? "Odoo Server Error" : fallbackMessage;
    }
    JsonArray arguments = data == null ? null : data.getJsonArray("arguments");
    if (name == null) {
      return new OdooFault(OdooFault.Kind.TECHNICAL, ProblemCode.ODOO_BAD_GATEWAY, null, message, arguments, null, null);
    }
    switch (name) {
      case "odoo.exceptions.UserError":
      case "odoo.exceptions.RedirectWarning":
      case "odoo.exceptions.except_orm":
      case "odoo.exceptions.Warning":
        return business(ProblemCode.ODOO_USER_ERROR, name, message, arguments);
      case "odoo.exceptions.ValidationError":
        return business(ProblemCode.ODOO_VALIDATION_ERROR, name, message, arguments);
      case "odoo.exceptions.AccessError":
        return business(ProblemCode.ODOO_ACCESS_ERROR, name, message, arguments);
      case "odoo.exceptions.MissingError":
        return business(ProblemCode.ODOO_MISSING_RECORD, name, message, arguments);
      case "odoo.exceptions.AccessDenied":
        // Only the service account talks to Odoo, so a denied login is the gateway's misconfiguration.
        return new OdooFault(OdooFault.Kind.TECHNICAL, ProblemCode.ODOO_AUTH_FAILED, name,
            "Odoo rejected the gateway's service account", arguments, 30L, null);
      case "odoo.http.SessionExpiredException":
        return new OdooFault(OdooFault.Kind.TECHNICAL, ProblemCode.ODOO_AUTH_FAILED, name, message, arguments, 5L, null);
      default:
        break;
    }
    if (CONCURRENCY_NAMES.contains(name) || isConcurrencyMessage(message)) {
      return new OdooFault(OdooFault.Kind.CONCURRENCY, ProblemCode.ODOO_CONCURRENCY_CONFLICT, name, message, arguments,
          1L, null);
    }
    if (REQUEST_NAMES.contains(name)) {
      return new OdooFault(OdooFault.Kind.REQUEST, ProblemCode.ODOO_REQUEST_REJECTED, name, message, arguments, null,
          null);
    }
    return new OdooFault(OdooFault.Kind.TECHNICAL, ProblemCode.ODOO_BAD_GATEWAY, name, message, arguments, null, null);
  }

  /** Classifies a non-JSON HTTP answer, e.g. a 502 from a proxy in front of Odoo. */
  public static OdooFault fromHttpStatus(int status) {
    if (status == 503 || status == 502 || status == 504) {
      return new OdooFault(OdooFault.Kind.TECHNICAL, ProblemCode.ODOO_UNAVAILABLE, null,
          "Odoo answered HTTP " + status, null, 5L, null);
    }
    return new OdooFault(OdooFault.Kind.TECHNICAL, ProblemCode.ODOO_BAD_GATEWAY, null,
        "Odoo answered HTTP " + status, null, null, null);
  }

  /** Classifies a failure that never produced an Odoo answer: timeouts, refused connections, resets. */
  public static OdooFault fromTransport(Throwable failure) {
    if (failure instanceof OdooFault) {
      return (OdooFault) failure;
    }
    if (failure instanceof TimeoutException) {
      return new OdooFault(OdooFault.Kind.TECHNICAL, ProblemCode.ODOO_TIMEOUT, null, "Odoo did not answer in time",
          null, null, failure);
    }
    if (failure instanceof ConnectException) {
      return new OdooFault(OdooFault.Kind.TECHNICAL, ProblemCode.ODOO_UNAVAILABLE, null, "Odoo refused the connection",
          null, 5L, failure);
    }
    return new OdooFault(OdooFault.Kind.TECHNICAL, ProblemCode.ODOO_UNAVAILABLE, null,
        "the connection to Odoo failed", null, 5L, failure);
  }

  static OdooFault malformed(String what) {
    return new OdooFault(OdooFault.Kind.TECHNICAL, ProblemCode.ODOO_BAD_GATEWAY, null,
        "Odoo answered with " + what, null, null, null);
  }

  static OdooFault circuitOpen(long retryAfterSeconds) {
    return new OdooFault(OdooFault.Kind.TECHNICAL, ProblemCode.ODOO_UNAVAILABLE, null,
        "Odoo is failing; calls are paused by the circuit breaker", null, retryAfterSeconds, null);
  }

  static OdooFault overloaded() {
    return new OdooFault(OdooFault.Kind.TECHNICAL, ProblemCode.OVERLOADED, null,
        "too many calls waiting for Odoo", null, 1L, null);
  }

  static OdooFault concurrencyExhausted(OdooFault last, int attempts) {
    return new OdooFault(OdooFault.Kind.TECHNICAL, ProblemCode.ODOO_CONCURRENCY_CONFLICT, last.odooName(),
        "Odoo kept reporting a concurrent update after " + attempts + " attempts", last.arguments(), 1L, last);
  }

  /** Builds a request fault raised by the gateway itself before reaching Odoo (e.g. untranslatable call). */
  public static OdooFault requestRejected(String message) {
    return new OdooFault(OdooFault.Kind.REQUEST, ProblemCode.ODOO_REQUEST_REJECTED, null, message, null, null, null);
  }

  private static OdooFault business(ProblemCode code, String name, String message, JsonArray arguments) {
    return new OdooFault(OdooFault.Kind.BUSINESS, code, name, message, arguments, null, null);
  }

  private static boolean isConcurrencyMessage(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("could not serialize access") || lower.contains("deadlock detected");
  }
}
