package dev.ofg.sandbox;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes responses with the exact bytes and headers Odoo sends: {@code make_json_response}
 * (Python json, {@code application/json; charset=utf-8}), JSON-RPC envelopes
 * ({@code JsonRPCDispatcher._response}: no {@code result} member when the result is None) and
 * werkzeug HTML error pages.
 */
final class OdooResponses {
  static final String JSON = "application/json; charset=utf-8";
  static final String HTML = "text/html; charset=utf-8";
  /** odoo/http.py JSON_MIMETYPES, accepted by JSON-RPC routes. */
  static final List<String> JSON_RPC_MIMETYPES = List.of("application/json", "application/json-rpc");

  private OdooResponses() {}

  static void json(RoutingContext rc, int status, Object body) {
    send(rc, status, JSON, PythonJson.dumps(body));
  }

  static void html(RoutingContext rc, int status, String body) {
    send(rc, status, HTML, body);
  }

  static void werkzeugError(RoutingContext rc, int status, String description) {
    html(rc, status, WerkzeugPages.page(status, description));
  }

  static void send(RoutingContext rc, int status, String contentType, String body) {
    HttpServerResponse response = rc.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader("Content-Type", contentType).end(body);
  }

  static void jsonRpcResult(RoutingContext rc, Object id, Object result) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("jsonrpc", "2.0");
    envelope.put("id", id);
    if (result != null) {
      envelope.put("result", result);
    }
    json(rc, 200, envelope);
  }

  /** JsonRPCDispatcher.handle_error: code 200 (17/18) or 0 (19), 404 for NotFound, 100 for expired sessions. */
  static void jsonRpcError(RoutingContext rc, Object id, OdooError error, OdooVersion version) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("code", (long) version.jsonRpcErrorCode());
    err.put("message", "Odoo Server Error");
    if (error.kind() == OdooErrorKind.HTTP_NOT_FOUND) {
      err.put("code", 404L);
      err.put("message", "404: Not Found");
    } else if (error.kind() == OdooErrorKind.SESSION_EXPIRED) {
      err.put("code", 100L);
      err.put("message", "Odoo Session Expired");
    }
    err.put("data", OdooErrorBody.serialize(error, version));
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("jsonrpc", "2.0");
    envelope.put("id", id);
    envelope.put("error", err);
    json(rc, 200, envelope);
  }

  /** Odoo 19 Json2Dispatcher.handle_error: real HTTP status, serialize_exception body. */
  static void json2Error(RoutingContext rc, OdooError error) {
    if (error.kind() == OdooErrorKind.HTTP_UNAUTHORIZED) {
      rc.response().putHeader("WWW-Authenticate", "Bearer");
    }
    json(rc, error.kind().httpStatus(), OdooErrorBody.serializeForJson2(error));
  }

  /** The MIME type of the request body, lower-cased, without parameters. */
  static String mimetype(RoutingContext rc) {
    String ct = rc.request().getHeader("Content-Type");
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Request._set_request_dispatcher: a route whose type does not fit the Content-Type is refused,
   * 400 on 17.0/18.0, 415 with an Accept header on 19.0.
   */
  static void wrongContentType(RoutingContext rc, OdooVersion version, String route, String routeType,
      List<String> accept) {
    boolean hasBody = rc.body() != null && rc.body().length() > 0;
    String compatible = version.atLeast(OdooVersion.V19) && !hasBody ? "['http', 'json2']" : "['http']";
    String message = "Request inferred type is compatible with " + compatible + " but " + PythonRepr.repr(route)
        + " is type=" + PythonRepr.repr(routeType) + ".";
    if (version.atLeast(OdooVersion.V19)) {
      rc.response().putHeader("Accept", String.join(", ", accept));
      werkzeugError(rc, 415, message + "\n\nPlease verify the Content-Type request header and try again.");
    } else {
      werkzeugError(rc, 400, message);
    }
  }
}
