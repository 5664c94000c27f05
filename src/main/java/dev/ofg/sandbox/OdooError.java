package dev.ofg.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries an exception that Odoo would raise, with the Python class, the arguments and the context
 * that {@code odoo.http.serialize_exception} puts on the wire. It is frequent and expected (bad
 * input), so it has no stack trace.
 */
final class OdooError extends RuntimeException {
  private final OdooErrorKind kind;
  private final List<Object> arguments;
  private final Map<String, Object> context;
  private final String description;

  private OdooError(OdooErrorKind kind, List<Object> arguments, String description, Map<String, Object> context) {
    super(messageOf(kind, arguments, description), null, false, false);
    this.kind = kind;
    this.arguments = List.copyOf(arguments);
    this.description = description;
    this.context = context == null ? Map.of() : new LinkedHashMap<>(context);
  }

  // odoo.tools.exception_to_unicode: "\n".join(map(str, e.args)), else str(e) (werkzeug: "404 Not Found: ...").
  private static String messageOf(OdooErrorKind kind, List<Object> arguments, String description) {
    if (kind.isWerkzeugHttpException()) {
      return kind.httpStatus() + " " + WerkzeugPages.reasonPhrase(kind.httpStatus()) + ": " + description;
    }
    StringBuilder out = new StringBuilder();
    for (Object arg : arguments) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(PythonRepr.str(arg));
    }
    return out.toString();
  }

  static OdooError of(OdooErrorKind kind, String message) {
    return new OdooError(kind, List.of(message), null, null);
  }

  static OdooError withContext(OdooErrorKind kind, String message, Map<String, Object> context) {
    return new OdooError(kind, List.of(message), null, context);
  }

  /** A werkzeug HTTPException: its args are empty, its text lives in {@code description}. */
  static OdooError http(OdooErrorKind kind, String description) {
    return new OdooError(kind, List.of(), description, null);
  }

  static OdooError userError(String message) {
    return of(OdooErrorKind.USER_ERROR, message);
  }

  static OdooError validationError(String message) {
    return of(OdooErrorKind.VALIDATION_ERROR, message);
  }

  static OdooError accessError(String message) {
    return of(OdooErrorKind.ACCESS_ERROR, message);
  }

  static OdooError accessDenied() {
    return of(OdooErrorKind.ACCESS_DENIED, "Access Denied");
  }

  static OdooError missingError(String message) {
    return of(OdooErrorKind.MISSING_ERROR, message);
  }

  static OdooError valueError(String message) {
    return of(OdooErrorKind.VALUE_ERROR, message);
  }

  static OdooError typeError(String message) {
    return of(OdooErrorKind.TYPE_ERROR, message);
  }

  /** psycopg2 keeps the server's trailing newline in the message. */
  static OdooError serializationFailure() {
    return of(OdooErrorKind.SERIALIZATION_FAILURE, "could not serialize access due to concurrent update\n");
  }

  static OdooError sessionExpired() {
    return of(OdooErrorKind.SESSION_EXPIRED, "Session expired");
  }

  OdooErrorKind kind() {
    return kind;
  }

  List<Object> arguments() {
    return arguments;
  }

  Map<String, Object> context() {
    return context;
  }

  /** The werkzeug description, or {@code null} for non-HTTP exceptions. */
  String description() {
    return description;
  }
}
