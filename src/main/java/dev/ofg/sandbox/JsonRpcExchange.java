package dev.ofg.sandbox;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Handles one request to a JSON-RPC route ({@code type='json'}, 19.0 {@code type='jsonrpc'}) in the
 * order Odoo does: Content-Type check, authentication, body parsing ("Invalid JSON data" /
 * "Invalid JSON-RPC data" as text with 400), then the endpoint; errors before the body is read are
 * answered with {@code "id": null}.
 */
final class JsonRpcExchange {
  private final RoutingContext rc;
  private final OdooVersion version;
  private Object id;
  private Map<String, Object> params = Map.of();

  private JsonRpcExchange(RoutingContext rc, OdooVersion version) {
    this.rc = rc;
    this.version = version;
  }

  /** Starts the exchange, or answers the Content-Type error and returns {@code null}. */
  static JsonRpcExchange accept(RoutingContext rc, OdooVersion version, String route) {
    if (!OdooResponses.JSON_RPC_MIMETYPES.contains(OdooResponses.mimetype(rc))) {
      OdooResponses.wrongContentType(rc, version, route, version.jsonRouteType(), OdooResponses.JSON_RPC_MIMETYPES);
      return null;
    }
    return new JsonRpcExchange(rc, version);
  }

  /** Reads the JSON-RPC envelope; answers 400 and returns false when it is not usable. */
  boolean parse() {
    Object decoded;
    try {
      decoded = RequestJson.decode(rc.body() == null ? null : rc.body().buffer());
    } catch (OdooError e) {
      OdooResponses.html(rc, 400, "Invalid JSON data");
      return false;
    }
    Map<String, Object> envelope = JsonValues.asMap(decoded);
    if (envelope == null) {
      OdooResponses.html(rc, 400, "Invalid JSON-RPC data");
      return false;
    }
    id = envelope.get("id");
    Object rawParams = envelope.containsKey("params") ? envelope.get("params") : Map.of();
    Map<String, Object> map = JsonValues.asMap(rawParams);
    if (map == null) {
      fail(OdooError.typeError("'" + StandardMethods.pythonTypeName(rawParams) + "' object is not iterable"));
      return false;
    }
    params = map;
    return true;
  }

  Map<String, Object> params() {
    return params;
  }

  /** route_wrapper: drops parameters the endpoint does not take, then calls it (TypeError if some are missing). */
  static Map<String, Object> bindEndpoint(MethodSignature endpoint, Map<String, Object> params) {
    Map<String, Object> accepted = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    endpoint.params().forEach(p -> names.add(p.name()));
    params.forEach((k, v) -> {
      if (names.contains(k)) {
        accepted.put(k, v);
      }
    });
    return endpoint.bindCall(List.of(), accepted);
  }

  void succeed(Object result) {
    OdooResponses.jsonRpcResult(rc, id, result);
  }

  void fail(OdooError error) {
    OdooResponses.jsonRpcError(rc, id, error, version);
  }

  /** Runs the endpoint and answers with its result or its Odoo error. */
  void run(java.util.function.Supplier<Object> endpoint) {
    Object result;
    try {
      result = endpoint.get();
    } catch (RuntimeException e) {
      fail(UnexpectedFailures.toOdoo(e));
      return;
    }
    succeed(result);
  }

  RoutingContext routingContext() {
    return rc;
  }
}
