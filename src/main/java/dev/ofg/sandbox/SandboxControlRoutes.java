package dev.ofg.sandbox;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Serves the sandbox's own control API, never subject to faults: {@code GET/PUT /sandbox/faults}
 * (JSON, see {@link SandboxFaults#update}), {@code POST /sandbox/reset} (faults off, counters,
 * sessions and data back to the initial state) and {@code GET /sandbox/calls} (call counters).
 */
final class SandboxControlRoutes {
  private static final long MAX_BODY_BYTES = 64 * 1024;

  private final SandboxFaults faults;
  private final Runnable reset;
  private final CallCounters counters;

  SandboxControlRoutes(SandboxFaults faults, CallCounters counters, Runnable reset) {
    this.faults = faults;
    this.counters = counters;
    this.reset = reset;
  }

  void mount(Router router) {
    router.get("/sandbox/faults").handler(rc -> json(rc, 200, faults.toJson()));
    router.put("/sandbox/faults").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
        .handler(this::updateFaults);
    router.post("/sandbox/reset").handler(rc -> {
      reset.run();
      json(rc, 200, faults.toJson());
    });
    router.get("/sandbox/calls").handler(rc -> json(rc, 200, new JsonObject(
        new java.util.LinkedHashMap<>(counters.attemptsSnapshot()))));
  }

  private void updateFaults(RoutingContext rc) {
    try {
      JsonObject body = rc.body() == null || rc.body().length() == 0 ? new JsonObject() : rc.body().asJsonObject();
      faults.update(body == null ? new JsonObject() : body);
      json(rc, 200, faults.toJson());
    } catch (DecodeException | ClassCastException e) {
      json(rc, 400, new JsonObject().put("error", "body: not a JSON object (expected: {\"latencyMs\": 100, ...})"));
    } catch (IllegalArgumentException e) {
      json(rc, 400, new JsonObject().put("error", e.getMessage()));
    }
  }

  private static void json(RoutingContext rc, int status, JsonObject body) {
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
