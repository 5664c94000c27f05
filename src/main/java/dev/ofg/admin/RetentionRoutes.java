package dev.ofg.admin;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RouteTemplate;
import dev.ofg.store.RetentionJob;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves {@code POST /admin/retention/run}: runs the retention job now and answers with what it deleted per table
 * (200), or 409 when a run is already in progress on this or another gateway.
 */
public final class RetentionRoutes implements AdminRoutes {
  private static final String PATH = "/retention/run";

  private final RetentionJob job;

  public RetentionRoutes(RetentionJob job) {
    this.job = job;
  }

  @Override
  public void mount(Router admin) {
    admin.post(PATH).handler(RouteTemplate.of("/admin" + PATH)).handler(this::run);
  }

  private void run(RoutingContext ctx) {
    job.run().onSuccess(report -> {
      if (report.skipped()) {
        ctx.fail(GatewayException.withRetryAfter(ProblemCode.CONFLICT,
            "a retention run is in progress on this or another gateway; its counts go to the log and to "
                + "gateway_retention_deleted_total", 60));
        return;
      }
      ctx.json(report.toJson());
    }).onFailure(ctx::fail);
  }
}
