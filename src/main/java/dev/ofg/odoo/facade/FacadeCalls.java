package dev.ofg.odoo.facade;

import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.config.RoleConfig;
import dev.ofg.http.ApiResponse;
import dev.ofg.http.CorrelationHandler;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RequestKeys;
import dev.ofg.http.TraceContext;
import dev.ofg.odoo.OdooCall;
import dev.ofg.odoo.OdooClient;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.company.CompanyScope;
import dev.ofg.policy.company.CompanyScopeException;
import dev.ofg.policy.idempotency.IdempotencyPolicy;
import dev.ofg.policy.idempotency.IdempotentRequest;
import dev.ofg.policy.ratelimit.RateLimitHandler;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs one Odoo call for an authenticated facade client: rate limit, deny by default, confine to the client's
 * companies, Idempotency-Key for writes when the client sends one, then forward as the service account.
 *
 * <p>Every facade route (JSON-RPC, XML-RPC, web session, JSON-2) ends here, so the allowlist is enforced in
 * exactly one place.
 */
public final class FacadeCalls {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]{0,127}");
  private static final Pattern METHOD = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,127}");
  private static final Set<String> READS = Set.copyOf(RoleConfig.METHOD_GROUPS.get("@read"));

  /** Carries an Odoo result and whether it was replayed for a repeated Idempotency-Key. */
  public record Result(Object value, boolean replayed) {
  }

  private final OdooClient odoo;
  private final IdempotencyPolicy idempotency;
  private final RateLimitHandler rateLimit;

  public FacadeCalls(OdooClient odoo, IdempotencyPolicy idempotency, RateLimitHandler rateLimit) {
    this.odoo = odoo;
    this.idempotency = idempotency;
    this.rateLimit = rateLimit;
  }

  /**
   * Executes the call; {@code payload} is what identifies the operation for the Idempotency-Key fingerprint
   * (without transport details such as a JSON-RPC request id).
   *
   * <p>Order: call shape, rate limit (the client is known only now: JSON-RPC and XML-RPC carry credentials in the
   * body), allowlist, company scope, then Idempotency-Key and Odoo. Rate limiting before the permission checks
   * keeps a client that floods forbidden calls from filling the audit trail at full speed.
   */
  public Future<Result> execute(RoutingContext ctx, GatewayClient client, OdooCall call, Buffer payload) {
    ctx.put(RequestKeys.CLIENT_ID, client.id());
    if (!NAME.matcher(call.model()).matches() || !METHOD.matcher(call.method()).matches()) {
      // Odoo refuses private methods (leading underscore) over RPC; so does the gateway, before any lookup.
      return Future.failedFuture(GatewayException.of(ProblemCode.FORBIDDEN,
          "'" + abbreviate(call.model()) + "." + abbreviate(call.method()) + "' is not a callable model method"));
    }
    ctx.put(RequestKeys.ODOO_MODEL, call.model());
    ctx.put(RequestKeys.ODOO_METHOD, call.method());
    return rateLimit.check(ctx, client.id(), client.tier())
        .compose(allowed -> authorize(ctx, client, call))
        .compose(confined -> run(ctx, client, confined, payload));
  }

  /** Applies the allowlist and the company scope; returns the call as Odoo must receive it. */
  private static Future<OdooCall> authorize(RoutingContext ctx, GatewayClient client, OdooCall call) {
    if (!client.may(call.model(), call.method())) {
      ctx.put(RequestKeys.REASON, "not in allowlist: " + call.model() + "." + call.method());
      return Future.failedFuture(GatewayException.of(ProblemCode.FORBIDDEN,
          "client '" + client.id() + "' may not call " + call.method() + " on " + call.model()));
    }
    try {
      return Future.succeededFuture(CompanyScope.of(client).confine(call));
    } catch (CompanyScopeException e) {
      ctx.put(RequestKeys.REASON, e.reason());
      return Future.failedFuture(e);
    }
  }

  private Future<Result> run(RoutingContext ctx, GatewayClient client, OdooCall call, Buffer payload) {
    TraceContext trace = CorrelationHandler.trace(ctx);
    PriorityTier tier = ctx.get(RateLimitHandler.TIER, PriorityTier.STANDARD);
    String key = IdempotentRequest.parseKey(ctx.request().getHeader(IdempotentRequest.HEADER));
    if (key == null || READS.contains(call.method())) {
      return odoo.execute(call, trace, tier).map(value -> new Result(value, false));
    }
    // Existing Odoo clients send no key, so it stays optional here; raw writes cannot be safely re-run after
    // an unknown outcome, hence not re-executable.
    IdempotentRequest request = new IdempotentRequest(client.id(), key,
        IdempotentRequest.fingerprint(ctx.request().method().name(), ctx.request().path(), payload), false, false);
    return idempotency.execute(request, trace.correlationId(), () -> odoo.execute(call, trace, tier)
            .map(value -> ApiResponse.of(200, "application/json", Json.encodeToBuffer(value))))
        .map(response -> new Result(Json.decodeValue(response.body()), response.replayed()));
  }

  private static String abbreviate(String text) {
    String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() <= 64 ? printable : printable.substring(0, 64) + "...";
  }
}
