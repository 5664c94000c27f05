package dev.ofg.odoo;

import dev.ofg.http.TraceContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Speaks one of Odoo's external APIs; failures are always {@link OdooFault}s. */
interface OdooTransport {
  /** Executes a model method as the service account; the result is Odoo's JSON value (null for None). */
  Future<Object> execute(OdooCall call, TraceContext trace);

  /** Returns Odoo's version information ({@code server_version}, {@code server_version_info}, ...). */
  Future<JsonObject> version(TraceContext trace);
}
