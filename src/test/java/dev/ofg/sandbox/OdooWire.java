package dev.ofg.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** Sends raw Odoo requests to a running sandbox from a test thread and returns the raw responses. */
final class OdooWire implements AutoCloseable {
  private final WebClient client;
  private final int port;

  OdooWire(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(false));
    this.port = port;
  }

  int port() {
    return port;
  }

  static String envelope(Object id, JsonObject params) {
    return new JsonObject().put("jsonrpc", "2.0").put("method", "call").put("id", id).put("params", params).encode();
  }

  static JsonObject service(String service, String method, Object... args) {
    return new JsonObject().put("service", service).put("method", method).put("args", new JsonArray(java.util.List.of(args)));
  }

  HttpResponse<Buffer> post(String path, String contentType, String body) {
    return post(path, contentType, body, null);
  }

  HttpResponse<Buffer> post(String path, String contentType, String body, String cookie) {
    HttpRequest<Buffer> request = client.post(path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    return request.sendBuffer(Buffer.buffer(body)).await();
  }

  HttpResponse<Buffer> jsonRpc(String path, Object id, JsonObject params) {
    return post(path, "application/json", envelope(id, params));
  }

  /** An {@code object.execute_kw} call; returns the parsed response body. */
  JsonObject executeKw(SandboxUser user, String model, String method, JsonArray args, JsonObject kwargs) {
    JsonObject params = service("object", "execute_kw", "demo", user.uid(), user.password(), model, method, args,
        kwargs);
    return jsonRpc("/jsonrpc", 1, params).bodyAsJsonObject();
  }

  HttpResponse<Buffer> json2(String model, String method, String apiKey, String body) {
    HttpRequest<Buffer> request = client.post("/json/2/" + model + "/" + method)
        .putHeader("Content-Type", "application/json");
    if (apiKey != null) {
      request.putHeader("Authorization", "bearer " + apiKey);
    }
    return request.sendBuffer(Buffer.buffer(body)).await();
  }

  HttpRequest<Buffer> request(io.vertx.core.http.HttpMethod method, String path) {
    return client.request(method, path);
  }

  @Override
  public void close() {
    client.close();
  }
}
