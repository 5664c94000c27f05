package dev.ofg.odoo.facade;

import dev.ofg.http.ApiResponse;
import dev.ofg.http.ErrorFormat;
import dev.ofg.http.ErrorRenderer;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RouteTemplate;
import dev.ofg.odoo.OdooCall;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.limits.JsonLimitsHandler;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;

/**
 * Serves Odoo 19's JSON-2 API ({@code POST /json/2/<model>/<method>}) with the client's own gateway API key
 * as the bearer token.
 */
public final class Json2Facade {
  private final FacadeContext facade;

  public Json2Facade(FacadeContext facade) {
    this.facade = facade;
  }

  public void mount(Router router, Handler<RoutingContext> body) {
    router.post("/json/2/:model/:method")
        .handler(RouteTemplate.of("/json/2/:model/:method", ErrorFormat.JSON_2)).handler(body)
        .handler(JsonLimitsHandler.create()).handler(this::call);
  }

  /** Renders failures as JSON-2 does: the HTTP status plus Odoo's error object. */
  public ErrorRenderer errorRenderer() {
    return (ctx, problem, trace) -> {
      var response = ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", "application/json");
      if (problem.retryAfterSeconds() != null) {
        response.putHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
      }
      if (problem.status() == 401) {
        response.putHeader("WWW-Authenticate", "bearer");
      }
      response.end(OdooErrorNames.errorData(problem).toBuffer());
    };
  }

  private void call(RoutingContext ctx) {
    GatewayClient client = authenticate(ctx);
    JsonObject named = body(ctx);
    Object ids = named.remove("ids");
    if (ids != null && !(ids instanceof JsonArray) && !(ids instanceof Number)) {
      throw GatewayException.of(ProblemCode.BAD_REQUEST, "ids must be a list of record ids");
    }
    JsonArray args = new JsonArray();
    if (ids != null) {
      args.add(ids instanceof Number ? new JsonArray().add(ids) : ids);
    }
    OdooCall call = new OdooCall(ctx.pathParam("model"), ctx.pathParam("method"), args, named);
    facade.calls().execute(ctx, client, call, ctx.body().buffer())
        .onSuccess(result -> {
          if (result.replayed()) {
            ctx.response().putHeader(ApiResponse.REPLAYED_HEADER, "true");
          }
          ctx.response().putHeader("Content-Type", "application/json")
              .end(result.value() == null ? "null" : Json.encode(result.value()));
        })
        .onFailure(ctx::fail);
  }

  private GatewayClient authenticate(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    Optional<GatewayClient> client = Optional.empty();
    if (authorization != null && authorization.regionMatches(true, 0, "bearer ", 0, 7)) {
      client = facade.byApiKey(authorization.substring(7).trim());
    }
    String database = ctx.request().getHeader("X-Odoo-Database");
    if (client.isEmpty() || database != null && !database.equals(facade.database())) {
      throw GatewayException.of(ProblemCode.UNAUTHENTICATED, "Invalid apikey");
    }
    return client.get();
  }

  private static JsonObject body(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw GatewayException.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "JSON-2 requests must be sent as application/json");
    }
    Buffer buffer = ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      return new JsonObject();
    }
    try {
      Object parsed = buffer.toJsonValue();
      if (parsed instanceof JsonObject) {
        return (JsonObject) parsed;
      }
    } catch (DecodeException e) {
      throw GatewayException.of(ProblemCode.MALFORMED_JSON, "the request body is not valid JSON");
    }
    throw GatewayException.of(ProblemCode.BAD_REQUEST, "the request body must be a JSON object of named arguments");
  }
}
