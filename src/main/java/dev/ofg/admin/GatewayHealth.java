package dev.ofg.admin;

import dev.ofg.odoo.OdooClient;
import dev.ofg.store.Database;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * Defines liveness (the process answers) and readiness (the store answers, migrations are applied, and
 * the Odoo circuit breaker is not open), served on both ports.
 */
public final class GatewayHealth {
  private final HealthChecks readiness;
  private final HealthChecks liveness;

  public GatewayHealth(Vertx vertx, Database database, OdooClient odoo) {
    this.liveness = HealthChecks.create(vertx).register("event-loop", promise -> promise.complete(Status.OK()));
    this.readiness = HealthChecks.create(vertx)
        .register("store", 2000, promise -> database.ping()
            .onSuccess(v -> promise.complete(Status.OK()))
            .onFailure(failure -> promise.complete(Status.KO(new JsonObject().put("reason", "store unreachable")))))
        .register("migrations", promise -> promise.complete(database.migrated() ? Status.OK()
            : Status.KO(new JsonObject().put("reason", "migrations not applied"))))
        .register("odoo-breaker", promise -> promise.complete(odoo.breakerOpen()
            ? Status.KO(new JsonObject().put("reason", "circuit breaker open"))
            : Status.OK()));
  }

  public HealthCheckHandler livenessHandler() {
    return HealthCheckHandler.createWithHealthChecks(liveness);
  }

  public HealthCheckHandler readinessHandler() {
    return HealthCheckHandler.createWithHealthChecks(readiness);
  }
}
