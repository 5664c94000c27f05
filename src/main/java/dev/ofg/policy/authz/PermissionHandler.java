package dev.ofg.policy.authz;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RequestKeys;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.auth.ClientAuthenticationHandler;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Objects;

/**
 * Lets a request through only when its client may perform every Odoo model method the route performs;
 * denials are recorded with the reason for the audit trail.
 */
public final class PermissionHandler implements Handler<RoutingContext> {
  /** Names one Odoo model method a route performs. */
  public record Permission(String model, String method) {
    public Permission {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(method, "method");
    }
  }

  private final List<Permission> required;

  private PermissionHandler(List<Permission> required) {
    if (required.isEmpty()) {
      throw new IllegalArgumentException("required: [] (expected: at least one permission)");
    }
    this.required = List.copyOf(required);
  }

  public static PermissionHandler requiring(List<Permission> required) {
    return new PermissionHandler(required);
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(RequestKeys.ODOO_MODEL, required.get(0).model());
    ctx.put(RequestKeys.ODOO_METHOD, required.get(0).method());
    check(ctx, required);
    ctx.next();
  }

  /** Throws FORBIDDEN (recording the reason) unless the authenticated client holds every permission. */
  public static void check(RoutingContext ctx, List<Permission> permissions) {
    GatewayClient client = ClientAuthenticationHandler.client(ctx);
    for (Permission permission : permissions) {
      if (!client.may(permission.model(), permission.method())) {
        ctx.put(RequestKeys.REASON, "not in allowlist: " + permission.model() + "." + permission.method());
        throw GatewayException.of(ProblemCode.FORBIDDEN, "client '" + client.id() + "' may not call "
            + permission.method() + " on " + permission.model());
      }
    }
  }
}
