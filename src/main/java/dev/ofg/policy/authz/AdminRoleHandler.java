package dev.ofg.policy.authz;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RequestKeys;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.auth.ClientAuthenticationHandler;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Admits only clients holding the gateway admin role, which integration clients never have: admin is
 * granted only by a verified token carrying the admin role, for a client whose configuration allows it.
 */
public final class AdminRoleHandler implements Handler<RoutingContext> {
  @Override
  public void handle(RoutingContext ctx) {
    GatewayClient client = ClientAuthenticationHandler.client(ctx);
    if (!client.admin()) {
      ctx.put(RequestKeys.REASON, "admin role required");
      ctx.fail(GatewayException.of(ProblemCode.FORBIDDEN,
          "client '" + client.id() + "' does not hold the gateway admin role"));
      return;
    }
    ctx.next();
  }
}
