package dev.ofg.odoo;

import dev.ofg.config.OdooConfig;
import dev.ofg.http.CorrelationHandler;
import dev.ofg.http.TraceContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** Sends JSON over HTTP to Odoo with the configured timeouts and propagates the trace context. */
final class OdooHttp {
  static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

  private final WebClient client;
  private final OdooConfig config;

  OdooHttp(Vertx vertx, OdooConfig config) {
    this.config = config;
    HttpClientOptions options = new HttpClientOptions()
        .setDefaultHost(config.url().getHost())
        .setDefaultPort(config.port())
        .setSsl(config.tls())
        .setConnectTimeout((int) config.connectTimeout().toMillis())
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setMaxInitialLineLength(4096);
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.maxConcurrency());
    this.client = WebClient.wrap(vertx.createHttpClient(options, pool));
  }

  Future<HttpResponse<Buffer>> postJson(String path, JsonObject body, TraceContext trace, String authorization) {
    var request = client.post(config.basePath() + path)
        .timeout(config.timeout().toMillis())
        .putHeader("Content-Type", "application/json")
        .putHeader("Accept", "application/json")
        .putHeader(CorrelationHandler.HEADER, trace.correlationId())
        .putHeader("traceparent", trace.outgoingTraceparent());
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
      request.putHeader("X-Odoo-Database", config.database());
    }
    return request.sendBuffer(body.toBuffer()).recover(failure -> Future.failedFuture(OdooErrors.fromTransport(failure)));
  }

  /** Parses a JSON body, or fails with a technical fault when Odoo (or a proxy) sent something else. */
  static JsonObject jsonBody(HttpResponse<Buffer> response) {
    Buffer body = response.body();
    if (body == null || body.length() == 0) {
      throw OdooErrors.fromHttpStatus(response.statusCode());
    }
    if (body.length() > MAX_RESPONSE_BYTES) {
      throw OdooErrors.malformed("a response larger than " + MAX_RESPONSE_BYTES + " bytes");
    }
    try {
      Object parsed = body.toJsonValue();
      if (parsed instanceof JsonObject) {
        return (JsonObject) parsed;
      }
    } catch (DecodeException e) {
      // fall through: an HTML error page from a proxy, usually
    }
    if (response.statusCode() >= 400) {
      throw OdooErrors.fromHttpStatus(response.statusCode());
    }
    throw OdooErrors.malformed("a body that is not a JSON object");
  }

  Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }
}
