package dev.ofg.sandbox;

/**
 * Lists the Python exception classes the sandbox raises, with their fully qualified names (as
 * {@code odoo.http.serialize_exception} writes {@code module.name}) and their Odoo 19 HTTP status
 * ({@code http_status} class attributes in odoo/exceptions.py, werkzeug codes for HTTP exceptions).
 */
enum OdooErrorKind {
  USER_ERROR("odoo.exceptions.UserError", 422),
  VALIDATION_ERROR("odoo.exceptions.ValidationError", 422),
  ACCESS_ERROR("odoo.exceptions.AccessError", 403),
  ACCESS_DENIED("odoo.exceptions.AccessDenied", 403),
  MISSING_ERROR("odoo.exceptions.MissingError", 404),
  SESSION_EXPIRED("odoo.http.SessionExpiredException", 403),
  VALUE_ERROR("builtins.ValueError", 500),
  TYPE_ERROR("builtins.TypeError", 500),
  ATTRIBUTE_ERROR("builtins.AttributeError", 500),
  KEY_ERROR("builtins.KeyError", 500),
  INDEX_ERROR("builtins.IndexError", 500),
  NAME_ERROR("builtins.NameError", 500),
  EXCEPTION("builtins.Exception", 500),
  ASSERTION_ERROR("builtins.AssertionError", 500),
  SERIALIZATION_FAILURE("psycopg2.errors.SerializationFailure", 500),
  OPERATIONAL_ERROR("psycopg2.OperationalError", 500),
  JSON_DECODE_ERROR("json.decoder.JSONDecodeError", 500),
  HTTP_BAD_REQUEST("werkzeug.exceptions.BadRequest", 400),
  HTTP_UNAUTHORIZED("werkzeug.exceptions.Unauthorized", 401),
  HTTP_FORBIDDEN("werkzeug.exceptions.Forbidden", 403),
  HTTP_NOT_FOUND("werkzeug.exceptions.NotFound", 404),
  HTTP_UNPROCESSABLE_ENTITY("werkzeug.exceptions.UnprocessableEntity", 422);

  private final String pythonName;
  private final int httpStatus;

  OdooErrorKind(String pythonName, int httpStatus) {
    this.pythonName = pythonName;
    this.httpStatus = httpStatus;
  }

  String pythonName() {
    return pythonName;
  }

  int httpStatus() {
    return httpStatus;
  }

  boolean isWerkzeugHttpException() {
    return pythonName.startsWith("werkzeug.");
  }

  /** Business errors (UserError and subclasses) as opposed to technical failures. */
  boolean isUserError() {
    return this == USER_ERROR || this == VALIDATION_ERROR || this == ACCESS_ERROR
        || this == ACCESS_DENIED || this == MISSING_ERROR;
  }

  /** The class name Python prints on a traceback's last line: builtins lose their module. */
  String tracebackName() {
    return pythonName.startsWith("builtins.") ? pythonName.substring("builtins.".length()) : pythonName;
  }
}
