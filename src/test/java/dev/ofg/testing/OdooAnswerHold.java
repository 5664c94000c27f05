package dev.ofg.testing;

import dev.ofg.sandbox.OdooSandbox;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.Set;

/**
 * Lets Odoo carry out one call of one gateway request but never hands the answer back: exactly what a gateway sees
 * when it dies right after its Odoo write. Sits in front of the sandbox's {@code /jsonrpc} on the sandbox's own port
 * and acts only on requests carrying one correlation id (the gateway forwards it to Odoo); every other call of that
 * request is relayed unchanged.
 */
public final class OdooAnswerHold {
  private static final String RELAYED = "X-Test-Relayed";
  private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "transfer-encoding");

  private final Promise<Long> executed = Promise.promise();
  private final WebClient client;
  private final OdooSandbox sandbox;
  private final String correlationId;
  private final String model;
  private final String method;

  private OdooAnswerHold(Vertx vertx, OdooSandbox sandbox, String correlationId, String model, String method) {
    this.client = WebClient.create(vertx);
    this.sandbox = sandbox;
    this.correlationId = correlationId;
    this.model = model;
    this.method = method;
  }

  /** Holds back Odoo's answer to {@code model.method} called for the gateway request with this correlation id. */
  public static OdooAnswerHold install(Vertx vertx, OdooSandbox sandbox, String correlationId, String model,
      String method) {
    OdooAnswerHold hold = new OdooAnswerHold(vertx, sandbox, correlationId, model, method);
    sandbox.router().post("/jsonrpc").order(-1).handler(hold::handle);
    return hold;
  }

  /** Completes with Odoo's result (e.g. the created id) once Odoo has executed the held call. */
  public Future<Long> executed() {
    return executed.future();
  }

  private void handle(RoutingContext ctx) {
    if (!correlationId.equals(ctx.request().getHeader("X-Correlation-Id"))
        || ctx.request().getHeader(RELAYED) != null) {
      ctx.next();
      return;
    }
    ctx.request().body().onSuccess(body -> relay(ctx, body)).onFailure(ctx::fail);
  }

  private void relay(RoutingContext ctx, Buffer body) {
    boolean held = isHeldCall(body);
    HttpRequest<Buffer> forward = client.post(sandbox.port(), "127.0.0.1", "/jsonrpc").putHeader(RELAYED, "1");
    for (Map.Entry<String, String> header : ctx.request().headers()) {
      if (!HOP_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
        forward.putHeader(header.getKey(), header.getValue());
      }
    }
    forward.sendBuffer(body).onSuccess(answer -> {
      if (held) {
        Object result = answer.bodyAsJsonObject().getValue("result");
        executed.tryComplete(result instanceof Number ? ((Number) result).longValue() : -1L);
        return; // never answered: the gateway waits until its Odoo timeout or its own shutdown
      }
      ctx.response().setStatusCode(answer.statusCode());
      String contentType = answer.getHeader("Content-Type");
      if (contentType != null) {
        ctx.response().putHeader("Content-Type", contentType);
      }
      ctx.response().end(answer.body() == null ? Buffer.buffer() : answer.body());
    }).onFailure(ctx::fail);
  }

  private boolean isHeldCall(Buffer body) {
    JsonObject params = body.toJsonObject().getJsonObject("params", new JsonObject());
    JsonArray args = params.getJsonArray("args", new JsonArray());
    return args.size() > 4 && model.equals(args.getValue(3)) && method.equals(args.getValue(4));
  }
}
