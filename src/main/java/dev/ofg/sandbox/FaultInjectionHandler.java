package dev.ofg.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Applies the current {@link SandboxFaults} to an Odoo request before it is served: close the
 * connection (down), never answer (hang), wait (latency), or answer werkzeug's HTTP 500 page as an
 * Odoo worker does when a request crashes outside of the dispatchers.
 */
final class FaultInjectionHandler implements Handler<RoutingContext> {
  private final Vertx vertx;
  private final SandboxFaults faults;

  FaultInjectionHandler(Vertx vertx, SandboxFaults faults) {
    this.vertx = vertx;
    this.faults = faults;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (faults.down() || faults.drawDown()) {
      rc.request().connection().close();
      return;
    }
    if (faults.hang()) {
      return; // deliberately never answered; the connection closes with the server
    }
    long latency = faults.latencyMs();
    if (latency > 0) {
      vertx.setTimer(latency, id -> proceed(rc));
    } else {
      proceed(rc);
    }
  }

  private void proceed(RoutingContext rc) {
    if (faults.drawError()) {
      OdooResponses.werkzeugError(rc, 500, WerkzeugPages.INTERNAL_ERROR_DESCRIPTION);
    } else {
      rc.next();
    }
  }
}
