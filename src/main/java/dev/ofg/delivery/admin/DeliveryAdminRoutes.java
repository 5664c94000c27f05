package dev.ofg.delivery.admin;

import dev.ofg.admin.AdminRoutes;
import dev.ofg.bank.AccountNumberMask;
import dev.ofg.config.DeliveryConfig;
import dev.ofg.delivery.DeliveryService;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RequestKeys;
import dev.ofg.http.RouteTemplate;
import dev.ofg.store.DeliveryRecords;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Serves delivery operations under {@code /admin/delivery} (management port, admin role): target state with pause
 * and resume, dead letters and parked events, replay of one event or of a time range (under the same event ids),
 * discard of a dead letter that can never be applied, the history of an event by id or by correlation id, and
 * analytics batch lineage.
 */
public final class DeliveryAdminRoutes implements AdminRoutes {
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_REASON = 500;

  private final DeliveryService delivery;

  public DeliveryAdminRoutes(DeliveryService delivery) {
    this.delivery = delivery;
  }

  @Override
  public void mount(Router admin) {
    get(admin, "/delivery/targets", this::targets);
    post(admin, "/delivery/targets/:target/pause", this::pause);
    post(admin, "/delivery/targets/:target/resume", this::resume);
    get(admin, "/delivery/dead-letters", ctx -> list(ctx, "dead_lettered"));
    get(admin, "/delivery/parked", ctx -> list(ctx, "parked"));
    post(admin, "/delivery/replay", this::replay);
    post(admin, "/delivery/discard", this::discard);
    get(admin, "/delivery/events/:eventId", this::event);
    get(admin, "/delivery/history", this::history);
    get(admin, "/delivery/analytics/batches", ctx -> delivery.analytics()
        .lineage(DeliveryConfig.ANALYTICS, limit(ctx)).map(rows -> new JsonObject().put("batches", rows)));
    post(admin, "/delivery/analytics/batches", ctx -> delivery.runAnalyticsBatch());
  }

  private static void get(Router admin, String path, Function<RoutingContext, Future<JsonObject>> handler) {
    admin.get(path).handler(RouteTemplate.of("/admin" + path)).handler(respond(handler));
  }

  private static void post(Router admin, String path, Function<RoutingContext, Future<JsonObject>> handler) {
    admin.post(path).handler(RouteTemplate.of("/admin" + path)).handler(respond(handler));
  }

  private static Handler<RoutingContext> respond(Function<RoutingContext, Future<JsonObject>> handler) {
    return ctx -> {
      Future<JsonObject> answer;
      try {
        answer = handler.apply(ctx);
      } catch (GatewayException problem) {
        ctx.fail(problem);
        return;
      }
      answer.onSuccess(body -> ctx.response().putHeader("Content-Type", "application/json").end(body.encode()))
          .onFailure(ctx::fail);
    };
  }

  private Future<JsonObject> targets(RoutingContext ctx) {
    return Future.all(delivery.records().targetStates(), delivery.records().backlog()).map(all -> {
      List<DeliveryRecords.TargetState> states = all.resultAt(0);
      List<DeliveryRecords.TargetBacklog> backlog = all.resultAt(1);
      JsonArray out = new JsonArray();
      for (String target : delivery.config().configuredTargets()) {
        JsonObject view = new JsonObject().put("target", target).put("state", "active").put("pending", 0)
            .put("inFlight", 0).put("parked", 0).put("deadLettered", 0).put("discarded", 0).put("oldestAgeSeconds", 0.0)
            .put("lagSeconds", 0.0);
        states.stream().filter(s -> s.target().equals(target)).findFirst().ifPresent(s -> view
            .put("state", s.disabled() ? "disabled" : s.paused() ? "paused" : "active").put("reason", s.reason())
            .put("changedAt", s.changedAt() == null ? null : s.changedAt().toString())
            .put("changedBy", s.changedBy()));
        backlog.stream().filter(b -> b.target().equals(target)).findFirst().ifPresent(b -> view
            .put("pending", b.pending()).put("inFlight", b.inFlight()).put("parked", b.parked())
            .put("deadLettered", b.deadLettered()).put("discarded", b.discarded())
            .put("oldestAgeSeconds", b.oldestAgeSeconds())
            .put("lagSeconds", b.lagSeconds()));
        view.put("thisGateway", delivery.laneView(target));
        out.add(view);
      }
      return new JsonObject().put("relay", delivery.relayId()).put("targets", out);
    });
  }

  private Future<JsonObject> pause(RoutingContext ctx) {
    String target = target(ctx);
    JsonObject body = body(ctx);
    String reason = body.getValue("reason") instanceof String text ? text : "paused by an operator";
    return delivery.records().pause(target, actor(ctx), reason).map(changed -> {
      delivery.wake();
      return new JsonObject().put("target", target).put("state", "paused").put("reason", reason);
    });
  }

  private Future<JsonObject> resume(RoutingContext ctx) {
    String target = target(ctx);
    return delivery.records().resume(target, actor(ctx)).map(changed -> {
      delivery.wake();
      return new JsonObject().put("target", target).put("state", "active");
    });
  }

  private Future<JsonObject> list(RoutingContext ctx, String status) {
    String target = optionalTarget(ctx.queryParams().get("target"));
    Instant from = instant(ctx.queryParams().get("from"), Instant.EPOCH, "from");
    Instant to = instant(ctx.queryParams().get("to"), Instant.parse("9999-12-31T23:59:59Z"), "to");
    String key = "dead_lettered".equals(status) ? "deadLetters" : "parked";
    return delivery.inspection().list(status, target, from, to, limit(ctx))
        .map(rows -> new JsonObject().put(key, rows).put("count", rows.size()));
  }

  /**
   * Replays {@code {"eventId": "...", "target": "..."}} (one event, all its targets when none is named) or
   * {@code {"from": "...", "to": "...", "target": "...", "include": ["dead_lettered", "parked"]}}.
   */
  private Future<JsonObject> replay(RoutingContext ctx) {
    JsonObject body = body(ctx);
    String target = optionalTarget(body.getValue("target") instanceof String text ? text : null);
    Future<Integer> replayed;
    if (body.containsKey("eventId")) {
      UUID id = uuid(body.getValue("eventId"), "eventId");
      replayed = delivery.inspection().replay(id, target).compose(count -> count > 0 ? Future.succeededFuture(count)
          : delivery.inspection().deliveries(id, target).map(deliveries -> refuseDiscarded(deliveries)));
    } else if (body.containsKey("from") && body.containsKey("to")) {
      Instant from = instant(String.valueOf(body.getValue("from")), null, "from");
      Instant to = instant(String.valueOf(body.getValue("to")), null, "to");
      replayed = delivery.inspection().replayRange(statuses(body.getValue("include")), target, from, to);
    } else {
      throw GatewayException.of(ProblemCode.VALIDATION_FAILED,
          "body: expected {\"eventId\": ...} or {\"from\": ..., \"to\": ...}");
    }
    return replayed.map(count -> {
      delivery.wake();
      return new JsonObject().put("replayed", count);
    });
  }

  /** Answers 0 replayed, or refuses when what was named is discarded: a discard is final. */
  private static Integer refuseDiscarded(JsonArray deliveries) {
    for (int i = 0; i < deliveries.size(); i++) {
      JsonObject row = deliveries.getJsonObject(i);
      if ("discarded".equals(row.getString("status"))) {
        throw GatewayException.of(ProblemCode.CONFLICT, deliveryOf(row) + " was " + discardedBy(row)
            + ": a discarded delivery is never replayed");
      }
    }
    return 0;
  }

  /**
   * Discards {@code {"eventId": "...", "target": "...", "reason": "..."}}: a dead letter that can never be applied
   * becomes {@code discarded}, with who, when and why; answers the delivery's new state.
   */
  private Future<JsonObject> discard(RoutingContext ctx) {
    JsonObject body = body(ctx);
    UUID id = uuid(body.getValue("eventId"), "eventId");
    if (!(body.getValue("target") instanceof String target)) {
      throw GatewayException.of(ProblemCode.VALIDATION_FAILED, "target: required (expected one of "
          + delivery.config().configuredTargets() + ")");
    }
    optionalTarget(target);
    String reason = reason(body.getValue("reason"));
    return delivery.inspection().discard(id, target, actor(ctx), reason)
        .compose(discarded -> delivery.inspection().deliveries(id, target).map(deliveries -> {
          if (deliveries.isEmpty()) {
            throw GatewayException.of(ProblemCode.NOT_FOUND, "no delivery of event " + id + " to " + target);
          }
          JsonObject state = deliveries.getJsonObject(0);
          if (!discarded) {
            String status = state.getString("status");
            throw GatewayException.of(ProblemCode.CONFLICT, deliveryOf(state) + ("discarded".equals(status)
                ? " was already " + discardedBy(state) : " is " + status) + " (expected: dead_lettered)");
          }
          delivery.discarded(state);
          return state;
        }));
  }

  private static String reason(Object value) {
    if (!(value instanceof String text) || text.isBlank() || text.length() > MAX_REASON) {
      throw GatewayException.of(ProblemCode.VALIDATION_FAILED, "reason: required, 1 to " + MAX_REASON
          + " characters (why the delivery can never be applied)");
    }
    return AccountNumberMask.maskAccountNumbersIn(text);
  }

  private static String deliveryOf(JsonObject delivery) {
    return "delivery of event " + delivery.getString("eventId") + " to " + delivery.getString("target");
  }

  private static String discardedBy(JsonObject delivery) {
    return "discarded by " + delivery.getString("discardedBy") + " at " + delivery.getString("discardedAt");
  }

  private Future<JsonObject> event(RoutingContext ctx) {
    UUID id = uuid(ctx.pathParam("eventId"), "eventId");
    return delivery.inspection().eventHistory(id).map(history -> {
      if (history == null) {
        throw GatewayException.of(ProblemCode.NOT_FOUND, "no event " + id + " in the outbox");
      }
      return history;
    });
  }

  private Future<JsonObject> history(RoutingContext ctx) {
    String correlationId = ctx.queryParams().get("correlationId");
    if (correlationId == null || correlationId.isBlank() || correlationId.length() > 128) {
      throw GatewayException.of(ProblemCode.VALIDATION_FAILED, "correlationId: required, at most 128 characters");
    }
    return delivery.inspection().correlationHistory(correlationId);
  }

  private String target(RoutingContext ctx) {
    String target = ctx.pathParam("target");
    if (!delivery.config().configured(target)) {
      throw GatewayException.of(ProblemCode.NOT_FOUND, "no delivery target '" + target + "' (configured: "
          + delivery.config().configuredTargets() + ")");
    }
    return target;
  }

  private String optionalTarget(String target) {
    if (target != null && !delivery.config().configured(target)) {
      throw GatewayException.of(ProblemCode.VALIDATION_FAILED, "target: " + target + " (expected one of "
          + delivery.config().configuredTargets() + ")");
    }
    return target;
  }

  private static List<String> statuses(Object include) {
    if (include == null) {
      return List.of("dead_lettered");
    }
    if (!(include instanceof JsonArray list) || list.isEmpty() || !list.stream()
        .allMatch(item -> "dead_lettered".equals(item) || "parked".equals(item))) {
      throw GatewayException.of(ProblemCode.VALIDATION_FAILED,
          "include: expected a non-empty list of \"dead_lettered\" and/or \"parked\"");
    }
    return list.stream().map(String::valueOf).distinct().toList();
  }

  private static UUID uuid(Object value, String name) {
    try {
      return UUID.fromString(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw GatewayException.of(ProblemCode.VALIDATION_FAILED, name + ": expected an event id (UUID)");
    }
  }

  private static Instant instant(String value, Instant defaultValue, String name) {
    if (value == null || value.isBlank()) {
      if (defaultValue == null) {
        throw GatewayException.of(ProblemCode.VALIDATION_FAILED, name + ": required (an ISO-8601 instant)");
      }
      return defaultValue;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw GatewayException.of(ProblemCode.VALIDATION_FAILED, name + ": expected an ISO-8601 instant such as "
          + "2026-11-23T10:00:00Z");
    }
  }

  private static int limit(RoutingContext ctx) {
    String value = ctx.queryParams().get("limit");
    try {
      return value == null ? DEFAULT_LIMIT : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw GatewayException.of(ProblemCode.VALIDATION_FAILED, "limit: expected an integer");
    }
  }

  private static JsonObject body(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() == 0) {
      return new JsonObject();
    }
    try {
      return new JsonObject(ctx.body().buffer());
    } catch (DecodeException | ClassCastException e) {
      throw GatewayException.of(ProblemCode.MALFORMED_JSON, "body: expected a JSON object");
    }
  }

  private static String actor(RoutingContext ctx) {
    Map<String, Object> data = ctx.data();
    Object client = data.get(RequestKeys.CLIENT_ID);
    return client == null ? "admin" : client.toString();
  }
}
