package dev.ofg.policy.limits;

import dev.ofg.http.GatewayException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Applies {@link JsonLimitsCheck} to a JSON body that {@link RequestBodyHandler} read, before any handler parses it.
 *
 * <p>Stateless: the limits travel in the request context. On canonical routes it runs after authentication, rate
 * limit and permissions (an unauthenticated or denied request is never tokenized); on facade routes, whose
 * credentials are inside the body, it runs right after the body is read.
 */
public final class JsonLimitsHandler implements Handler<RoutingContext> {
  private static final JsonLimitsHandler INSTANCE = new JsonLimitsHandler();

  private JsonLimitsHandler() {
  }

  public static JsonLimitsHandler create() {
    return INSTANCE;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RouteLimits limits = ctx.get(RequestBodyHandler.LIMITS);
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    if (limits == null || limits.format() != BodyFormat.JSON || body == null || body.length() == 0) {
      ctx.next();
      return;
    }
    try {
      JsonLimitsCheck.check(body.getBytes(), limits);
    } catch (GatewayException e) {
      // The failure handler records code and detail as the audit reason.
      ctx.fail(e);
      return;
    }
    ctx.next();
  }
}
