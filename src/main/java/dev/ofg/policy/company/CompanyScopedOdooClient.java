package dev.ofg.policy.company;

import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.http.TraceContext;
import dev.ofg.odoo.OdooCall;
import dev.ofg.odoo.OdooClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Decorates an Odoo client so that every call it makes is confined to one client's companies. */
final class CompanyScopedOdooClient implements OdooClient {
  private final OdooClient odoo;
  private final CompanyScope scope;

  CompanyScopedOdooClient(OdooClient odoo, CompanyScope scope) {
    this.odoo = odoo;
    this.scope = scope;
  }

  @Override
  public Future<Object> execute(OdooCall call, TraceContext trace, PriorityTier tier) {
    OdooCall confined;
    try {
      confined = scope.confine(call);
    } catch (CompanyScopeException e) {
      return Future.failedFuture(e);
    }
    return odoo.execute(confined, trace, tier);
  }

  @Override
  public Future<JsonObject> version(TraceContext trace) {
    return odoo.version(trace);
  }

  @Override
  public boolean breakerOpen() {
    return odoo.breakerOpen();
  }

  /** Closes nothing: the underlying client belongs to the application. */
  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
