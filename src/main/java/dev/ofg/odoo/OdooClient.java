package dev.ofg.odoo;

import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.http.TraceContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Calls Odoo as the gateway's service account, with the protections of the gateway around every call. */
public interface OdooClient {
  /** Executes a model method; fails with an {@link OdooFault} that says whether a retry can help. */
  default Future<Object> execute(OdooCall call, TraceContext trace) {
    return execute(call, trace, PriorityTier.STANDARD);
  }

  /**
   * Executes a model method in a priority tier: when the outbound rate to Odoo is exhausted, waiting calls
   * of a higher tier go first.
   */
  Future<Object> execute(OdooCall call, TraceContext trace, PriorityTier tier);

  /** Returns Odoo's version information, cached after the first success. */
  Future<JsonObject> version(TraceContext trace);

  /** Returns the Odoo series behind the gateway (from {@link #version}), to pick per-series field names. */
  default Future<OdooSeries> series(TraceContext trace) {
    return version(trace).map(OdooSeries::of);
  }

  /** Tells whether the circuit breaker currently stops calls to Odoo. */
  boolean breakerOpen();

  Future<Void> close();
}
