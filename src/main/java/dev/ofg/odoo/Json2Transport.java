package dev.ofg.odoo;

import dev.ofg.config.OdooConfig;
import dev.ofg.http.TraceContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.regex.Pattern;

/**
 * Calls Odoo 19's JSON-2 API: {@code POST /json/2/<model>/<method>} with named arguments and a bearer API key.
 */
final class Json2Transport implements OdooTransport {
  private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_.]+");

  private final OdooHttp http;
  private final OdooConfig config;

  Json2Transport(OdooHttp http, OdooConfig config) {
    this.http = http;
    this.config = config;
  }

  @Override
  public Future<Object> execute(OdooCall call, TraceContext trace) {
    if (!SAFE_SEGMENT.matcher(call.model()).matches() || !SAFE_SEGMENT.matcher(call.method()).matches()) {
      return Future.failedFuture(OdooErrors.requestRejected("invalid model or method name"));
    }
    JsonObject body;
    boolean singleCreate = false;
    try {
      body = MethodSignatures.namedArguments(call);
      // execute_kw's create accepts one dict and answers one id; JSON-2's create wants and answers lists.
      if ("create".equals(call.method()) && body.getValue("vals_list") instanceof JsonObject) {
        body.put("vals_list", new JsonArray().add(body.getJsonObject("vals_list")));
        singleCreate = true;
      }
    } catch (OdooFault fault) {
      return Future.failedFuture(fault);
    }
    boolean unwrap = singleCreate;
    String path = "/json/2/" + call.model() + "/" + call.method();
    return http.postJson(path, body, trace, "bearer " + config.apiKey().reveal()).map(response -> {
      Object result = result(response);
      if (unwrap && result instanceof JsonArray && ((JsonArray) result).size() == 1) {
        return ((JsonArray) result).getValue(0);
      }
      return result;
    });
  }

  @Override
  public Future<JsonObject> version(TraceContext trace) {
    // JSON-2 has no version method; this JSON-RPC route needs no authentication and exists in every version.
    JsonObject envelope = new JsonObject().put("jsonrpc", "2.0").put("method", "call").put("params", new JsonObject());
    return http.postJson("/web/webclient/version_info", envelope, trace, null).map(response -> {
      Object result = JsonRpcTransport.result(response);
      if (!(result instanceof JsonObject)) {
        throw OdooErrors.malformed("a version that is not an object");
      }
      return (JsonObject) result;
    });
  }

  static Object result(HttpResponse<Buffer> response) {
    Buffer body = response.body();
    if (response.statusCode() >= 200 && response.statusCode() < 300) {
      if (body == null || body.length() == 0) {
        return null;
      }
      try {
        return body.toJsonValue();
      } catch (DecodeException e) {
        throw OdooErrors.malformed("a body that is not JSON");
      }
    }
    if (response.statusCode() == 401) {
      throw OdooErrors.fromOdooError(new JsonObject().put("name", "odoo.exceptions.AccessDenied"), "Access Denied");
    }
    JsonObject error = OdooHttp.jsonBody(response);
    return throwError(error, response.statusCode());
  }

  private static Object throwError(JsonObject error, int status) {
    if (error.getString("name") == null) {
      throw OdooErrors.fromHttpStatus(status);
    }
    throw OdooErrors.fromOdooError(error, "Odoo answered HTTP " + status);
  }
}
