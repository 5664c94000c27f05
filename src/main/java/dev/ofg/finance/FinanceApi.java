package dev.ofg.finance;

import dev.ofg.http.CorrelationHandler;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RequestKeys;
import dev.ofg.http.RouteTemplate;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.auth.ClientAuthenticationHandler;
import dev.ofg.store.ExternalRefLedger;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * Serves the canonical finance API v1 ({@code /api/v1/partners|invoices|payments}) on the public port.
 *
 * <p>Each route names the Odoo model methods it performs, and the client must be allowed all of them:
 * the canonical API grants nothing the Odoo-compatible facade would not.
 */
public final class FinanceApi {
  private final FinanceService finance;
  private final Handler<RoutingContext> authentication;

  public FinanceApi(FinanceService finance, Handler<RoutingContext> authentication) {
    this.finance = finance;
    this.authentication = authentication;
  }

  /** Names an Odoo model method a route performs, for the permission check. */
  record Needs(String model, String method) {
  }

  public void mount(Router router, Handler<RoutingContext> body) {
    route(router.put("/api/v1/partners/:externalRef"), "/api/v1/partners/:externalRef", body,
        List.of(new Needs(FinanceService.PARTNER, "create"), new Needs(FinanceService.PARTNER, "write")),
        ctx -> created(ctx, finance.upsertPartner(PartnerInput.parse(ctx.pathParam("externalRef"), json(ctx)),
            CorrelationHandler.trace(ctx))));
    route(router.get("/api/v1/partners/:externalRef"), "/api/v1/partners/:externalRef", body,
        List.of(new Needs(FinanceService.PARTNER, "read")),
        ctx -> ok(ctx, finance.partner(ctx.pathParam("externalRef"), CorrelationHandler.trace(ctx))));
    route(router.post("/api/v1/invoices"), "/api/v1/invoices", body,
        List.of(new Needs(FinanceService.MOVE, "create")),
        ctx -> {
          InvoiceInput input = InvoiceInput.parse(json(ctx));
          if (input.post()) {
            require(ctx, List.of(new Needs(FinanceService.MOVE, "action_post")));
          }
          created(ctx, finance.createInvoice(input, CorrelationHandler.trace(ctx)));
        });
    route(router.get("/api/v1/invoices/:externalRef"), "/api/v1/invoices/:externalRef", body,
        List.of(new Needs(FinanceService.MOVE, "read")),
        ctx -> ok(ctx, finance.invoice(ctx.pathParam("externalRef"), CorrelationHandler.trace(ctx))));
    route(router.post("/api/v1/invoices/:externalRef/post"), "/api/v1/invoices/:externalRef/post", body,
        List.of(new Needs(FinanceService.MOVE, "action_post")),
        ctx -> ok(ctx, finance.postInvoice(ctx.pathParam("externalRef"), CorrelationHandler.trace(ctx))));
    route(router.post("/api/v1/payments"), "/api/v1/payments", body,
        List.of(new Needs(FinanceService.PAYMENT, "create")),
        ctx -> created(ctx, finance.registerPayment(PaymentInput.parse(json(ctx)), CorrelationHandler.trace(ctx))));
    route(router.get("/api/v1/payments/:externalRef"), "/api/v1/payments/:externalRef", body,
        List.of(new Needs(FinanceService.PAYMENT, "read")),
        ctx -> ok(ctx, finance.payment(ctx.pathParam("externalRef"), CorrelationHandler.trace(ctx))));
  }

  private void route(io.vertx.ext.web.Route route, String template, Handler<RoutingContext> body, List<Needs> needs,
      Handler<RoutingContext> handler) {
    route.handler(RouteTemplate.of(template)).handler(authentication).handler(body).handler(ctx -> {
      require(ctx, needs);
      Needs primary = needs.get(0);
      ctx.put(RequestKeys.ODOO_MODEL, primary.model());
      ctx.put(RequestKeys.ODOO_METHOD, primary.method());
      handler.handle(ctx);
    });
  }

  private static void require(RoutingContext ctx, List<Needs> needs) {
    GatewayClient client = ClientAuthenticationHandler.client(ctx);
    for (Needs need : needs) {
      if (!client.may(need.model(), need.method())) {
        ctx.put(RequestKeys.REASON, "not in allowlist: " + need.model() + "." + need.method());
        throw GatewayException.of(ProblemCode.FORBIDDEN,
            "client '" + client.id() + "' may not call " + need.method() + " on " + need.model());
      }
    }
  }

  private static JsonObject json(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw GatewayException.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
    }
    try {
      Object parsed = ctx.body().buffer() == null ? null : ctx.body().buffer().toJsonValue();
      if (parsed instanceof JsonObject) {
        return (JsonObject) parsed;
      }
    } catch (DecodeException e) {
      throw GatewayException.of(ProblemCode.MALFORMED_JSON, "the request body is not valid JSON");
    }
    throw GatewayException.of(ProblemCode.BAD_REQUEST, "the request body must be a JSON object");
  }

  private static void created(RoutingContext ctx, Future<FinanceService.Outcome> outcome) {
    outcome.recover(FinanceApi::translate).onSuccess(result -> ctx.response()
            .setStatusCode(result.created() ? 201 : 200)
            .putHeader("Content-Type", "application/json")
            .end(result.body().toBuffer()))
        .onFailure(ctx::fail);
  }

  private static void ok(RoutingContext ctx, Future<JsonObject> result) {
    result.recover(FinanceApi::translate).onSuccess(body -> ctx.response()
            .putHeader("Content-Type", "application/json").end(body.toBuffer()))
        .onFailure(ctx::fail);
  }

  private static <T> Future<T> translate(Throwable failure) {
    if (failure instanceof ExternalRefLedger.ClaimBusyException) {
      return Future.failedFuture(GatewayException.withRetryAfter(ProblemCode.CONFLICT, failure.getMessage(), 1));
    }
    return Future.failedFuture(failure);
  }

}
