package dev.ofg.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the error object of {@code odoo.http.serialize_exception}. Key order differs by version:
 * 17.0/18.0 write name, debug, message, arguments, context; 19.0 writes name, message, arguments,
 * context, debug (the order Odoo 19's test_webjson2 asserts).
 */
final class OdooErrorBody {
  private OdooErrorBody() {}

  /** The {@code data} member of a JSON-RPC error, or a JSON-2 body for non-HTTP exceptions. */
  static Map<String, Object> serialize(OdooError error, OdooVersion version) {
    return build(error, version, error.getMessage(), error.arguments());
  }

  /**
   * The JSON-2 body: for werkzeug exceptions Odoo 19's Json2Dispatcher passes
   * {@code message=exc.description, arguments=(exc.description, exc.code)}.
   */
  static Map<String, Object> serializeForJson2(OdooError error) {
    if (error.kind().isWerkzeugHttpException()) {
      return build(error, OdooVersion.V19, error.description(),
          List.of(error.description(), (long) error.kind().httpStatus()));
    }
    return serialize(error, OdooVersion.V19);
  }

  private static Map<String, Object> build(OdooError error, OdooVersion version, String message,
      List<Object> arguments) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", error.kind().pythonName());
    if (!version.atLeast(OdooVersion.V19)) {
      body.put("debug", traceback(error, version));
    }
    body.put("message", message);
    body.put("arguments", arguments);
    body.put("context", error.context());
    if (version.atLeast(OdooVersion.V19)) {
      body.put("debug", traceback(error, version));
    }
    return body;
  }

  // A synthetic traceback in Python's layout; Odoo 19 suppresses the frames of AccessDenied.
  private static String traceback(OdooError error, OdooVersion version) {
    String last = error.kind().tracebackName() + ": " + pythonStr(error);
    if (version.atLeast(OdooVersion.V19) && error.kind() == OdooErrorKind.ACCESS_DENIED) {
      return last + "\n";
    }
    return "Traceback (most recent call last):\n"
        + "  File \"/opt/odoo-sandbox/odoo/http.py\", line 1, in _serve_db\n"
        + last + "\n";
  }

  // str(exc): a KeyError shows the repr of its key, a werkzeug exception "code Name: description".
  private static String pythonStr(OdooError error) {
    if (error.kind() == OdooErrorKind.KEY_ERROR && error.arguments().size() == 1) {
      return PythonRepr.repr(error.arguments().get(0));
    }
    return error.getMessage();
  }
}
