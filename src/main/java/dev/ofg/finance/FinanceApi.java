package dev.ofg.finance;

import dev.ofg.http.ApiResponse;
import dev.ofg.http.CorrelationHandler;
import dev.ofg.http.FailureHandler;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RequestKeys;
import dev.ofg.http.RouteTemplate;
import dev.ofg.http.TraceContext;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.PolicyHolder;
import dev.ofg.policy.auth.ClientAuthenticationHandler;
import dev.ofg.policy.company.CompanyScope;
import dev.ofg.policy.limits.JsonLimitsHandler;
import dev.ofg.policy.authz.PermissionHandler;
import dev.ofg.policy.authz.PermissionHandler.Permission;
import dev.ofg.policy.idempotency.IdempotencyPolicy;
import dev.ofg.policy.idempotency.IdempotentRequest;
import dev.ofg.policy.schema.SchemaCatalog;
import dev.ofg.store.ExternalRefLedger;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Serves the canonical finance API v1 ({@code /api/v1/partners|invoices|payments}) on the public port.
 *
 * <p>Per route, in order: authentication, permissions (each route names the Odoo model methods it performs,
 * and the client must be allowed all of them), body limits, JSON Schema validation, Idempotency-Key, then
 * the operation.
 */
public final class FinanceApi {
  private final FinanceService finance;
  private final Handler<RoutingContext> authentication;
  private final PolicyHolder policy;
  private final IdempotencyPolicy idempotency;
  private final Function<String, Handler<RoutingContext>> rateLimit;

  /**
   * Creates the API.
   *
   * @param rateLimit the rate-limit handler of a route class ({@code finance-write}, {@code finance-read})
   */
  public FinanceApi(FinanceService finance, Handler<RoutingContext> authentication, PolicyHolder policy,
      IdempotencyPolicy idempotency, Function<String, Handler<RoutingContext>> rateLimit) {
    this.finance = finance;
    this.authentication = authentication;
    this.policy = policy;
    this.idempotency = idempotency;
    this.rateLimit = rateLimit;
  }

  public void mount(Router router, Handler<RoutingContext> body) {
    String partner = "/api/v1/partners/:externalRef";
    String invoices = "/api/v1/invoices";
    String invoice = "/api/v1/invoices/:externalRef";
    String payments = "/api/v1/payments";
    String payment = "/api/v1/payments/:externalRef";
    route(router.put(partner), partner, body, List.of(needs(FinanceService.PARTNER, "create"),
        needs(FinanceService.PARTNER, "write")), ctx -> write(ctx, "partner", json -> {
          PartnerInput input = PartnerInput.parse(ctx.pathParam("externalRef"), json);
          return trace -> finance(ctx).upsertPartner(input, trace).map(FinanceApi::created);
        }));
    route(router.get(partner), partner, body, List.of(needs(FinanceService.PARTNER, "read")),
        ctx -> read(ctx, finance(ctx).partner(ctx.pathParam("externalRef"), CorrelationHandler.trace(ctx))));
    route(router.post(invoices), invoices, body, List.of(needs(FinanceService.MOVE, "create")),
        ctx -> write(ctx, "invoice", json -> {
          InvoiceInput input = InvoiceInput.parse(json);
          if (input.post()) {
            PermissionHandler.check(ctx, List.of(needs(FinanceService.MOVE, "action_post")));
          }
          return trace -> finance(ctx).createInvoice(input, trace).map(FinanceApi::created);
        }));
    route(router.get(invoice), invoice, body, List.of(needs(FinanceService.MOVE, "read")),
        ctx -> read(ctx, finance(ctx).invoice(ctx.pathParam("externalRef"), CorrelationHandler.trace(ctx))));
    route(router.post(invoice + "/post"), invoice + "/post", body, List.of(needs(FinanceService.MOVE, "action_post")),
        ctx -> write(ctx, null, json -> trace -> finance(ctx).postInvoice(ctx.pathParam("externalRef"), trace)
            .map(result -> ApiResponse.json(200, result))));
    route(router.post(payments), payments, body, List.of(needs(FinanceService.PAYMENT, "create")),
        ctx -> write(ctx, "payment", json -> {
          PaymentInput input = PaymentInput.parse(json);
          return trace -> finance(ctx).registerPayment(input, trace).map(FinanceApi::created);
        }));
    route(router.get(payment), payment, body, List.of(needs(FinanceService.PAYMENT, "read")),
        ctx -> read(ctx, finance(ctx).payment(ctx.pathParam("externalRef"), CorrelationHandler.trace(ctx))));
  }

  private static Permission needs(String model, String method) {
    return new Permission(model, method);
  }

  /**
   * Chains a route in the fixed policy order (docs/policies.md): route template, body (content type and size
   * checked, bytes read, not parsed), authentication, rate limit, permissions, JSON limits (streaming pre-pass),
   * then the handler (parse, schema validation, idempotency, operation confined to the client's companies).
   */
  /** Returns the service as seen by the request's client: every Odoo call confined to its companies. */
  private FinanceService finance(RoutingContext ctx) {
    return finance.withOdoo(CompanyScope.of(ClientAuthenticationHandler.client(ctx))::confine);
  }

  private void route(Route route, String template, Handler<RoutingContext> body, List<Permission> needs,
      Handler<RoutingContext> handler) {
    boolean write = route.methods().stream().anyMatch(m -> !m.name().equals("GET"));
    route.handler(RouteTemplate.of(template)).handler(body).handler(authentication)
        .handler(rateLimit.apply(write ? "finance-write" : "finance-read"))
        .handler(PermissionHandler.requiring(needs)).handler(JsonLimitsHandler.create()).handler(handler);
  }

  /** An operation ready to run once validation passed; it receives the request's trace. */
  private interface Operation extends Function<TraceContext, Future<ApiResponse>> {
  }

  /**
   * Validates the body against its schema (when the route has one), parses it into a canonical object, and
   * runs the operation under the Idempotency-Key policy.
   */
  private void write(RoutingContext ctx, String schema, Function<JsonObject, Operation> parse) {
    JsonObject json = schema == null ? new JsonObject() : json(ctx);
    if (schema != null) {
      validate(policy.current().schemas(), schema, json);
    }
    Operation operation = parse.apply(json);
    GatewayClient client = ClientAuthenticationHandler.client(ctx);
    TraceContext trace = CorrelationHandler.trace(ctx);
    IdempotentRequest request = new IdempotentRequest(client.id(),
        IdempotentRequest.parseKey(ctx.request().getHeader(IdempotentRequest.HEADER)),
        IdempotentRequest.fingerprint(ctx.request().method().name(), ctx.request().path(), ctx.body().buffer()),
        idempotency.config().requiredOnCanonicalWrites(), true);
    idempotency.execute(request, trace.correlationId(), () -> operation.apply(trace).recover(FinanceApi::translate))
        .onSuccess(response -> response.send(ctx))
        .onFailure(ctx::fail);
  }

  private static void read(RoutingContext ctx, Future<JsonObject> result) {
    boolean confined = CompanyScope.of(ClientAuthenticationHandler.client(ctx)).restricted();
    result.recover(failure -> translate(confined ? hideOtherCompanies(ctx, failure) : failure))
        .onSuccess(body -> ApiResponse.json(200, body).send(ctx))
        .onFailure(ctx::fail);
  }

  static void validate(SchemaCatalog schemas, String schema, JsonObject json) {
    List<SchemaCatalog.FieldError> errors = schemas.validate(schema, json);
    if (errors.isEmpty()) {
      return;
    }
    FieldErrors fieldErrors = new FieldErrors();
    for (SchemaCatalog.FieldError error : errors) {
      fieldErrors.add(error.pointer(), error.detail());
    }
    fieldErrors.throwIfAny();
  }

  private static ApiResponse created(FinanceService.Outcome outcome) {
    return ApiResponse.json(outcome.created() ? 201 : 200, outcome.body());
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

  /**
   * Answers a read of a record that Odoo's company rules hide from a company-bound client as "not found": Odoo's
   * access error names the record (e.g. the other company's invoice number), which that client must not learn.
   */
  private static Throwable hideOtherCompanies(RoutingContext ctx, Throwable failure) {
    if (FailureHandler.toProblem(failure, 500).code() != ProblemCode.ODOO_ACCESS_ERROR) {
      return failure;
    }
    ctx.put(RequestKeys.REASON, "record outside the client's companies (Odoo access error)");
    return GatewayException.of(ProblemCode.NOT_FOUND, "no such record among the companies this client may reach");
  }

  private static <T> Future<T> translate(Throwable failure) {
    if (failure instanceof ExternalRefLedger.ClaimBusyException) {
      return Future.failedFuture(GatewayException.withRetryAfter(ProblemCode.CONFLICT, failure.getMessage(), 1));
    }
    return Future.failedFuture(failure);
  }

}
