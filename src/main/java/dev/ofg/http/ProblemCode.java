package dev.ofg.http;

/**
 * Names every error the gateway can answer with: a stable machine-readable code, its HTTP status and title.
 *
 * <p>Codes are part of the external contract; clients switch on them. Never rename one, add new ones.
 */
public enum ProblemCode {
  BAD_REQUEST(400, "Bad request"),
  MALFORMED_STATEMENT(400, "Malformed bank statement"),
  MALFORMED_JSON(400, "Malformed JSON"),
  JSON_LIMIT_EXCEEDED(400, "JSON exceeds the limits of this route"),
  VALIDATION_FAILED(400, "Validation failed"),
  IDEMPOTENCY_KEY_MISSING(400, "Idempotency-Key header required"),
  WEBHOOK_PAYLOAD_INVALID(400, "Webhook payload invalid"),
  UNAUTHENTICATED(401, "Authentication required"),
  SIGNATURE_INVALID(401, "Webhook signature invalid"),
  FORBIDDEN(403, "Forbidden"),
  NOT_FOUND(404, "Not found"),
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  NOT_ACCEPTABLE(406, "Not acceptable"),
  IDEMPOTENCY_KEY_IN_FLIGHT(409, "Request with this Idempotency-Key is in flight"),
  IDEMPOTENCY_OUTCOME_UNKNOWN(409, "Outcome of the first request with this Idempotency-Key is unknown"),
  CONFLICT(409, "Conflict"),
  PAYLOAD_TOO_LARGE(413, "Payload too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  UNSUPPORTED_STATEMENT_FORMAT(415, "Unsupported bank statement format"),
  IDEMPOTENCY_KEY_REUSED(422, "Idempotency-Key reused with a different request"),
  CONFIG_INVALID(422, "Configuration refused"),
  UNPROCESSABLE(422, "Unprocessable request"),
  ODOO_USER_ERROR(422, "Odoo refused the operation"),
  ODOO_VALIDATION_ERROR(422, "Odoo validation failed"),
  ODOO_ACCESS_ERROR(403, "Odoo denied access"),
  ODOO_MISSING_RECORD(404, "Odoo record not found"),
  ODOO_REQUEST_REJECTED(400, "Odoo rejected the request"),
  BALANCE_MISMATCH(422, "Statement balances do not add up"),
  RATE_LIMITED(429, "Too many requests"),
  INTERNAL_ERROR(500, "Internal error"),
  ODOO_BAD_GATEWAY(502, "Odoo answered with an error"),
  ODOO_AUTH_FAILED(502, "The gateway could not authenticate to Odoo"),
  ODOO_UNAVAILABLE(503, "Odoo unavailable"),
  ODOO_CONCURRENCY_CONFLICT(503, "Odoo concurrency conflict persisted"),
  OVERLOADED(503, "Gateway overloaded"),
  STORE_UNAVAILABLE(503, "Store unavailable"),
  ODOO_TIMEOUT(504, "Odoo timed out");

  private final int status;
  private final String title;

  ProblemCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /**
   * Classifies the problem into the small, fixed set of outcomes used as a metric label and in audit rows.
   */
  public String outcome() {
    switch (this) {
      case UNAUTHENTICATED:
      case SIGNATURE_INVALID:
        return "unauthenticated";
      case FORBIDDEN:
        return "denied";
      case RATE_LIMITED:
        return "rate_limited";
      case ODOO_USER_ERROR:
      case ODOO_VALIDATION_ERROR:
      case ODOO_ACCESS_ERROR:
      case ODOO_MISSING_RECORD:
      case ODOO_REQUEST_REJECTED:
      case BALANCE_MISMATCH:
        return "business_error";
      default:
        return status < 500 ? "rejected" : "failed";
    }
  }

  /** Returns the problem type URI, documented in docs/problems.md. */
  public String typeUri() {
    return "urn:odoo-finance-gateway:problem:" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
