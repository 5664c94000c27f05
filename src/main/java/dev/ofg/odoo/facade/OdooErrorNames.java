package dev.ofg.odoo.facade;

import dev.ofg.http.GatewayException;
import dev.ofg.odoo.OdooFault;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Expresses any gateway failure as the error object an Odoo client expects: Odoo's own error when Odoo
 * raised it, otherwise the Odoo or werkzeug exception class that means the same thing.
 */
final class OdooErrorNames {
  static final String ACCESS_DENIED = "odoo.exceptions.AccessDenied";
  static final String ACCESS_ERROR = "odoo.exceptions.AccessError";
  static final String SESSION_EXPIRED = "odoo.http.SessionExpiredException";

  private OdooErrorNames() {
  }

  /** Returns the Odoo error object ({@code name}, {@code message}, {@code arguments}, {@code context}, {@code debug}). */
  static JsonObject errorData(GatewayException problem) {
    if (problem.getCause() instanceof OdooFault) {
      OdooFault fault = (OdooFault) problem.getCause();
      if (fault.odooName() != null) {
        return fault.odooErrorData();
      }
    }
    String message = problem.detail();
    return new JsonObject()
        .put("name", nameFor(problem))
        .put("debug", "")
        .put("message", message)
        .put("arguments", new JsonArray().add(message))
        .put("context", new JsonObject());
  }

  static String nameFor(GatewayException problem) {
    switch (problem.code()) {
      case UNAUTHENTICATED:
        return ACCESS_DENIED;
      case FORBIDDEN:
      case ODOO_ACCESS_ERROR:
        return ACCESS_ERROR;
      case ODOO_USER_ERROR:
      case IDEMPOTENCY_KEY_REUSED:
      case IDEMPOTENCY_KEY_IN_FLIGHT:
      case IDEMPOTENCY_KEY_MISSING:
        return "odoo.exceptions.UserError";
      case ODOO_VALIDATION_ERROR:
      case VALIDATION_FAILED:
        return "odoo.exceptions.ValidationError";
      case ODOO_MISSING_RECORD:
        return "odoo.exceptions.MissingError";
      case NOT_FOUND:
        return "werkzeug.exceptions.NotFound";
      case PAYLOAD_TOO_LARGE:
        return "werkzeug.exceptions.RequestEntityTooLarge";
      case UNSUPPORTED_MEDIA_TYPE:
        return "werkzeug.exceptions.UnsupportedMediaType";
      case RATE_LIMITED:
        return "werkzeug.exceptions.TooManyRequests";
      case ODOO_TIMEOUT:
        return "werkzeug.exceptions.GatewayTimeout";
      case ODOO_UNAVAILABLE:
      case OVERLOADED:
      case STORE_UNAVAILABLE:
      case ODOO_CONCURRENCY_CONFLICT:
        return "werkzeug.exceptions.ServiceUnavailable";
      case ODOO_BAD_GATEWAY:
      case ODOO_AUTH_FAILED:
        return "werkzeug.exceptions.BadGateway";
      case INTERNAL_ERROR:
        return "werkzeug.exceptions.InternalServerError";
      default:
        return problem.status() < 500 ? "werkzeug.exceptions.BadRequest" : "werkzeug.exceptions.InternalServerError";
    }
  }

  /**
   * Tells whether Odoo itself would answer this failure inside an HTTP 200 JSON-RPC/XML-RPC envelope; gateway
   * conditions (throttling, overload, upstream outage, bad HTTP) keep their HTTP status so clients and
   * proxies can honour Retry-After.
   */
  static boolean answeredWith200(GatewayException problem) {
    int status = problem.status();
    return status == 401 || status == 403 || status == 404 && problem.getCause() instanceof OdooFault
        || status == 409 || status == 422 || status == 400 && problem.getCause() instanceof OdooFault
        || problem.code() == dev.ofg.http.ProblemCode.VALIDATION_FAILED
        || problem.code() == dev.ofg.http.ProblemCode.IDEMPOTENCY_KEY_MISSING;
  }
}
