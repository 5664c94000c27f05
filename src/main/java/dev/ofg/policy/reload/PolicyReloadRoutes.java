package dev.ofg.policy.reload;

import dev.ofg.admin.AdminRoutes;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RouteTemplate;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves {@code POST /admin/reload} (reload the policy now: 200 with what changed and what needs a restart, 422
 * problem+json listing the problems of a refused file) and {@code GET /admin/reload} (the last outcome).
 */
public final class PolicyReloadRoutes implements AdminRoutes {
  private static final String TEMPLATE = "/admin/reload";

  private final PolicyReloader reloader;

  public PolicyReloadRoutes(PolicyReloader reloader) {
    this.reloader = reloader;
  }

  @Override
  public void mount(Router admin) {
    admin.post("/reload").handler(RouteTemplate.of(TEMPLATE)).handler(this::reload);
    admin.get("/reload").handler(RouteTemplate.of(TEMPLATE)).handler(this::last);
  }

  private void reload(RoutingContext ctx) {
    reloader.reload("admin")
        .onSuccess(report -> ctx.json(report.toJson()))
        .onFailure(ctx::fail);
  }

  private void last(RoutingContext ctx) {
    ReloadReport report = reloader.lastReport();
    if (report == null) {
      ctx.fail(GatewayException.of(ProblemCode.NOT_FOUND, "no reload has run since the gateway started"));
      return;
    }
    ctx.json(report.toJson());
  }
}
