package dev.ofg.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Renders failures as RFC 9457 {@code application/problem+json}. */
public final class ProblemJson implements ErrorRenderer {
  public static final String CONTENT_TYPE = "application/problem+json";

  /** Builds the problem document, with the gateway's stable {@code code} and the correlation id. */
  public static JsonObject body(GatewayException problem, String correlationId) {
    JsonObject body = new JsonObject()
        .put("type", problem.code().typeUri())
        .put("title", problem.code().title())
        .put("status", problem.status())
        .put("detail", problem.detail())
        .put("code", problem.code().name())
        .put("correlationId", correlationId);
    problem.extensions().forEach(entry -> body.put(entry.getKey(), entry.getValue()));
    return body;
  }

  @Override
  public void render(RoutingContext ctx, GatewayException problem, TraceContext trace) {
    var response = ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", CONTENT_TYPE);
    if (problem.retryAfterSeconds() != null) {
      response.putHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
    }
    response.end(body(problem, trace.correlationId()).toBuffer());
  }
}
