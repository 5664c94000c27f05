package dev.ofg.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls an Odoo (real or sandbox) directly over its own {@code /jsonrpc} API, with no gateway code involved, so
 * tests can prepare data and assert on what Odoo stored with an independent client.
 */
public final class OdooJsonRpc {
  private final WebClient client;
  private final String path;
  private final String database;
  private final String login;
  private final String password;
  private final AtomicReference<Future<Long>> uid = new AtomicReference<>();
  private final AtomicLong ids = new AtomicLong();

  public OdooJsonRpc(Vertx vertx, String baseUrl, String database, String login, String password) {
    URI uri = URI.create(baseUrl);
    this.client = WebClient.create(vertx);
    this.path = uri.toString().replaceAll("/+$", "") + "/jsonrpc";
    this.database = database;
    this.login = login;
    this.password = password;
  }

  /** Thrown with Odoo's error object when Odoo answers a call with an error. */
  public static final class OdooCallFailed extends RuntimeException {
    private final JsonObject error;

    OdooCallFailed(JsonObject error) {
      super(error.encode());
      this.error = error;
    }

    /** Odoo's exception class name, e.g. {@code odoo.exceptions.UserError}. */
    public String name() {
      JsonObject data = error.getJsonObject("data");
      return data == null ? null : data.getString("name");
    }

    public JsonObject error() {
      return error;
    }
  }

  public Future<Long> uid() {
    Future<Long> known = uid.get();
    if (known != null && !known.failed()) {
      return known;
    }
    Future<Long> attempt = rpc("common", "authenticate", new JsonArray().add(database).add(login).add(password)
        .add(new JsonObject())).map(result -> {
          if (!(result instanceof Number) || ((Number) result).longValue() <= 0) {
            throw new IllegalStateException("Odoo refused the login " + login + " on " + database);
          }
          return ((Number) result).longValue();
        });
    uid.set(attempt);
    return attempt;
  }

  /** Runs {@code execute_kw(model, method, args, kwargs)} and returns Odoo's result. */
  public Future<Object> call(String model, String method, JsonArray args, JsonObject kwargs) {
    return uid().compose(userId -> rpc("object", "execute_kw", new JsonArray().add(database).add(userId)
        .add(password).add(model).add(method).add(args).add(kwargs == null ? new JsonObject() : kwargs)));
  }

  public Future<List<JsonObject>> searchRead(String model, JsonArray domain, String... fields) {
    JsonObject kwargs = new JsonObject().put("fields", new JsonArray(List.of((Object[]) fields)))
        .put("context", new JsonObject().put("active_test", false));
    return call(model, "search_read", new JsonArray().add(domain), kwargs).map(OdooJsonRpc::rows);
  }

  public Future<JsonObject> read(String model, long id, String... fields) {
    return call(model, "read", new JsonArray().add(new JsonArray().add(id)),
        new JsonObject().put("fields", new JsonArray(List.of((Object[]) fields)))).map(result -> {
          List<JsonObject> rows = rows(result);
          if (rows.isEmpty()) {
            throw new IllegalStateException(model + " " + id + " does not exist");
          }
          return rows.get(0);
        });
  }

  public Future<Long> create(String model, JsonObject values) {
    return call(model, "create", new JsonArray().add(values), null).map(result -> result instanceof JsonArray
        ? ((JsonArray) result).getLong(0) : ((Number) result).longValue());
  }

  public Future<Long> count(String model, JsonArray domain) {
    return call(model, "search_count", new JsonArray().add(domain),
        new JsonObject().put("context", new JsonObject().put("active_test", false)))
        .map(result -> ((Number) result).longValue());
  }

  /** Returns Odoo's answer to {@code common.version}. */
  public Future<JsonObject> version() {
    return rpc("common", "version", new JsonArray()).map(result -> (JsonObject) result);
  }

  public void close() {
    client.close();
  }

  private Future<Object> rpc(String service, String method, JsonArray args) {
    JsonObject envelope = new JsonObject().put("jsonrpc", "2.0").put("method", "call").put("id", ids.incrementAndGet())
        .put("params", new JsonObject().put("service", service).put("method", method).put("args", args));
    return client.postAbs(path).sendJsonObject(envelope).map(response -> {
      if (response.statusCode() != 200) {
        throw new IllegalStateException("Odoo answered HTTP " + response.statusCode() + " to " + service + "."
            + method);
      }
      JsonObject body = response.bodyAsJsonObject();
      if (body.containsKey("error")) {
        throw new OdooCallFailed(body.getJsonObject("error"));
      }
      return body.getValue("result");
    });
  }

  private static List<JsonObject> rows(Object result) {
    return ((JsonArray) result).stream().map(JsonObject.class::cast).toList();
  }

  /** Builds a domain leaf {@code [field, operator, value]}. */
  public static JsonArray leaf(String field, String operator, Object value) {
    return new JsonArray().add(field).add(operator).add(value);
  }
}
