package dev.ofg.webhook.ingest;

import dev.ofg.admin.AdminRoutes;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RouteTemplate;
import dev.ofg.store.InboxRecords;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /admin/webhooks/unrouted}: the stored webhook events no mapping turned into a finance event,
 * newest first, with why. Query parameters: {@code source}, {@code limit} (1..500, default 100), {@code before}
 * (an inbox id, for the next page; the answer's {@code next}). Payloads are not shown, only their reference.
 *
 * <p>And {@code POST /admin/webhooks/unrouted/reroute}: routes such events again with the mapping in force now
 * (see {@link RerouteRequest} for the body, {@link WebhookRerouter} for what happens).
 */
final class UnroutedWebhookRoutes implements AdminRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(UnroutedWebhookRoutes.class);
  static final String PATH = "/webhooks/unrouted";
  static final String REROUTE_PATH = PATH + "/reroute";
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 500;

  private final Pool pool;
  private final WebhookRerouter rerouter;

  UnroutedWebhookRoutes(Pool pool, WebhookRerouter rerouter) {
    this.pool = pool;
    this.rerouter = rerouter;
  }

  @Override
  public void mount(Router admin) {
    admin.get(PATH).handler(RouteTemplate.of("/admin" + PATH)).handler(this::list);
    admin.post(REROUTE_PATH).handler(RouteTemplate.of("/admin" + REROUTE_PATH)).handler(this::reroute);
  }

  private void reroute(RoutingContext ctx) {
    RerouteRequest request = RerouteRequest.parse(jsonObject(ctx));
    rerouter.reroute(request).onComplete(result -> {
      if (result.failed()) {
        if (result.cause() instanceof GatewayException problem) {
          ctx.fail(problem);
          return;
        }
        LOG.warn("re-routing unrouted webhook events failed: {}", InboxGroupCommit.describe(result.cause()));
        ctx.fail(GatewayException.withRetryAfter(ProblemCode.STORE_UNAVAILABLE, "the inbox store is unavailable", 1));
        return;
      }
      ctx.response().putHeader("Content-Type", "application/json").end(result.result().toBuffer());
    });
  }

  private static JsonObject jsonObject(RoutingContext ctx) {
    try {
      Object value = ctx.body() == null || ctx.body().length() == 0 ? null : Json.decodeValue(ctx.body().buffer());
      if (value instanceof JsonObject json) {
        return json;
      }
    } catch (DecodeException e) {
      // answered below
    }
    throw GatewayException.of(ProblemCode.MALFORMED_JSON, "body: expected a JSON object");
  }

  private void list(RoutingContext ctx) {
    int limit = (int) number(ctx.queryParams().get("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    String before = ctx.queryParams().get("before");
    Long beforeId = before == null ? null : number(before, "before", 0, 1, Long.MAX_VALUE);
    InboxRecords.unrouted(pool, ctx.queryParams().get("source"), beforeId, limit).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(GatewayException.withRetryAfter(ProblemCode.STORE_UNAVAILABLE, "the inbox store is unavailable", 1));
        return;
      }
      List<InboxRecords.Unrouted> rows = result.result();
      JsonArray items = new JsonArray();
      rows.forEach(row -> items.add(row.toJson()));
      String next = rows.size() == limit ? String.valueOf(rows.get(rows.size() - 1).inboxId()) : null;
      ctx.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("items", items).put("next", next).toBuffer());
    });
  }

  private static long number(String text, String name, long defaultValue, long min, long max) {
    if (text == null) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw GatewayException.of(ProblemCode.BAD_REQUEST, name + ": expected an integer " + min + ".." + max);
  }
}
