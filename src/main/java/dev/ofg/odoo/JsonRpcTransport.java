package dev.ofg.odoo;

import dev.ofg.config.OdooConfig;
import dev.ofg.http.TraceContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls Odoo through {@code POST /jsonrpc} ({@code common.authenticate} once, then {@code object.execute_kw}).
 */
final class JsonRpcTransport implements OdooTransport {
  private final OdooHttp http;
  private final OdooConfig config;
  private final AtomicReference<Future<Integer>> uid = new AtomicReference<>();
  private final AtomicLong ids = new AtomicLong();

  JsonRpcTransport(OdooHttp http, OdooConfig config) {
    this.http = http;
    this.config = config;
  }

  @Override
  public Future<Object> execute(OdooCall call, TraceContext trace) {
    return serviceUid(trace).compose(userId -> {
      JsonArray args = new JsonArray()
          .add(config.database()).add(userId).add(config.rpcSecret().reveal())
          .add(call.model()).add(call.method()).add(call.args()).add(call.kwargs());
      return rpc("object", "execute_kw", args, trace).onFailure(failure -> {
        if (failure instanceof OdooFault && ((OdooFault) failure).code() == dev.ofg.http.ProblemCode.ODOO_AUTH_FAILED) {
          uid.set(null); // the password may have been rotated; authenticate again on the next call
        }
      });
    });
  }

  @Override
  public Future<JsonObject> version(TraceContext trace) {
    return rpc("common", "version", new JsonArray(), trace).map(result -> {
      if (!(result instanceof JsonObject)) {
        throw OdooErrors.malformed("a version that is not an object");
      }
      return (JsonObject) result;
    });
  }

  /** Authenticates the service account once and shares the uid; a failed attempt is retried on the next call. */
  private Future<Integer> serviceUid(TraceContext trace) {
    Future<Integer> current = uid.get();
    if (current != null && !current.failed()) {
      return current;
    }
    JsonArray args = new JsonArray().add(config.database()).add(config.login()).add(config.rpcSecret().reveal())
        .add(new JsonObject());
    Future<Integer> attempt = rpc("common", "authenticate", args, trace).map(result -> {
      if (result instanceof Number && ((Number) result).intValue() > 0) {
        return ((Number) result).intValue();
      }
      throw OdooErrors.fromOdooError(new JsonObject().put("name", "odoo.exceptions.AccessDenied"), "Access Denied");
    });
    uid.set(attempt);
    return attempt;
  }

  private Future<Object> rpc(String service, String method, JsonArray args, TraceContext trace) {
    JsonObject envelope = new JsonObject()
        .put("jsonrpc", "2.0")
        .put("method", "call")
        .put("id", ids.incrementAndGet())
        .put("params", new JsonObject().put("service", service).put("method", method).put("args", args));
    return http.postJson("/jsonrpc", envelope, trace, null).map(JsonRpcTransport::result);
  }

  static Object result(HttpResponse<Buffer> response) {
    JsonObject body = OdooHttp.jsonBody(response);
    JsonObject error = body.getJsonObject("error");
    if (error != null) {
      throw OdooErrors.fromOdooError(error.getJsonObject("data"), error.getString("message"));
    }
    if (response.statusCode() >= 400) {
      throw OdooErrors.fromHttpStatus(response.statusCode());
    }
    // Odoo leaves "result" out when the method returned None.
    return body.getValue("result");
  }
}
