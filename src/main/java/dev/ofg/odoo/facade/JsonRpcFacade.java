package dev.ofg.odoo.facade;

import dev.ofg.http.ApiResponse;
import dev.ofg.http.ErrorFormat;
import dev.ofg.http.ErrorRenderer;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RequestKeys;
import dev.ofg.http.RouteTemplate;
import dev.ofg.odoo.OdooCall;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.limits.JsonLimitsHandler;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;

/**
 * Serves Odoo's JSON-RPC entry points ({@code /jsonrpc} and the {@code /web/...} session routes) to existing
 * Odoo client code, authenticating with gateway credentials and calling Odoo as the service account.
 */
public final class JsonRpcFacade {
  static final String SESSION_COOKIE = "session_id";

  private final FacadeContext facade;

  public JsonRpcFacade(FacadeContext facade) {
    this.facade = facade;
  }

  /** Mounts the routes; {@code before} holds the shared per-route policies (recorder, body limits, ...). */
  public void mount(Router router, Handler<RoutingContext> body) {
    jsonRoute(router, "/jsonrpc", body, this::jsonrpc);
    jsonRoute(router, "/web/session/authenticate", body, this::authenticate);
    jsonRoute(router, "/web/session/get_session_info", body, this::sessionInfo);
    jsonRoute(router, "/web/session/destroy", body, this::destroy);
    jsonRoute(router, "/web/dataset/call_kw", body, this::callKw);
    router.post("/web/dataset/call_kw/*")
        .handler(RouteTemplate.of("/web/dataset/call_kw/*", ErrorFormat.JSON_RPC)).handler(body)
        .handler(JsonLimitsHandler.create()).handler(this::callKw);
    jsonRoute(router, "/web/webclient/version_info", body, this::versionInfo);
    router.get("/web/version").handler(RouteTemplate.of("/web/version")).handler(this::webVersion);
  }

  private static void jsonRoute(Router router, String path, Handler<RoutingContext> body,
      Handler<RoutingContext> handler) {
    // Credentials travel in the body, so the JSON limits come right after reading it, before parsing.
    router.post(path).handler(RouteTemplate.of(path, ErrorFormat.JSON_RPC)).handler(body)
        .handler(JsonLimitsHandler.create()).handler(handler);
  }

  /** Renders failures on these routes as Odoo's JSON-RPC error envelope. */
  public ErrorRenderer errorRenderer() {
    return (ctx, problem, trace) -> {
      boolean sessionExpired = OdooErrorNames.SESSION_EXPIRED.equals(problem.extensions().getString("odooError"));
      JsonObject data = sessionExpired
          ? new JsonObject().put("name", OdooErrorNames.SESSION_EXPIRED).put("debug", "")
              .put("message", "Session expired").put("arguments", new JsonArray().add("Session expired"))
              .put("context", new JsonObject())
          : OdooErrorNames.errorData(problem);
      int code = sessionExpired ? OdooDialect.SESSION_EXPIRED_CODE : facade.dialect().errorCode();
      int status = sessionExpired || OdooErrorNames.answeredWith200(problem) ? 200 : problem.status();
      var response = ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
      if (problem.retryAfterSeconds() != null) {
        response.putHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
      }
      response.end(facade.dialect().error(ctx.get(RequestKeys.JSONRPC_ID), code, data).toBuffer());
    };
  }

  private void jsonrpc(RoutingContext ctx) {
    JsonObject params = params(ctx);
    String service = params.getString("service", "");
    String method = params.getString("method", "");
    JsonArray args = array(params.getValue("args"), "args");
    switch (service) {
      case "common":
        respond(ctx, common(ctx, method, args));
        break;
      case "object":
        respondCall(ctx, object(ctx, method, args, params));
        break;
      case "db":
        respond(ctx, db(method));
        break;
      default:
        respond(ctx, Future.failedFuture(GatewayException.of(ProblemCode.NOT_FOUND,
            "no such service: " + printable(service))));
    }
  }

  private Future<Object> common(RoutingContext ctx, String method, JsonArray args) {
    switch (method) {
      case "version":
        return facade.version(ctx).map(info -> info);
      case "login":
      case "authenticate": {
        Optional<GatewayClient> client = facade.login(string(args, 0), string(args, 1), string(args, 2));
        client.ifPresent(c -> ctx.put(RequestKeys.CLIENT_ID, c.id()));
        // Odoo answers a failed login with False, not an error.
        return Future.succeededFuture(client.<Object>map(GatewayClient::uid).orElse(false));
      }
      case "about":
        return Future.succeededFuture("See http://openerp.com");
      default:
        return Future.failedFuture(GatewayException.of(ProblemCode.NOT_FOUND, "no such method: common." + printable(method)));
    }
  }

  private Future<FacadeCalls.Result> object(RoutingContext ctx, String method, JsonArray args, JsonObject params) {
    if (!"execute_kw".equals(method) && !"execute".equals(method)) {
      return Future.failedFuture(GatewayException.of(ProblemCode.NOT_FOUND, "no such method: object." + printable(method)));
    }
    if (args.size() < 5) {
      return Future.failedFuture(GatewayException.of(ProblemCode.BAD_REQUEST,
          method + " takes (db, uid, password, model, method, ...)"));
    }
    Optional<GatewayClient> client = facade.byUid(string(args, 0), args.getValue(1), string(args, 2));
    if (client.isEmpty()) {
      return Future.failedFuture(GatewayException.of(ProblemCode.UNAUTHENTICATED, "Access Denied"));
    }
    String model = string(args, 3);
    String modelMethod = string(args, 4);
    OdooCall call;
    if ("execute_kw".equals(method)) {
      call = new OdooCall(model, modelMethod, array(at(args, 5), "args"), object(at(args, 6), "kwargs"));
    } else {
      call = new OdooCall(model, modelMethod, new JsonArray(args.getList().subList(5, args.size())), new JsonObject());
    }
    return facade.calls().execute(ctx, client.get(), call, params.toBuffer());
  }

  private Future<Object> db(String method) {
    switch (method) {
      case "list":
        return Future.succeededFuture(new JsonArray().add(facade.database()));
      case "server_version":
        return Future.failedFuture(GatewayException.of(ProblemCode.NOT_FOUND, "use common.version"));
      default:
        return Future.failedFuture(GatewayException.of(ProblemCode.FORBIDDEN, "database management is not exposed"));
    }
  }

  private void authenticate(RoutingContext ctx) {
    JsonObject params = params(ctx);
    Optional<GatewayClient> client = facade.login(params.getString("db"), params.getString("login"),
        params.getString("password"));
    if (client.isEmpty()) {
      ctx.fail(GatewayException.of(ProblemCode.UNAUTHENTICATED, "Access Denied"));
      return;
    }
    ctx.put(RequestKeys.CLIENT_ID, client.get().id());
    String sessionId = facade.sessions().open(client.get().id());
    ctx.response().addCookie(Cookie.cookie(SESSION_COOKIE, sessionId).setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX));
    respond(ctx, facade.version(ctx).map(version -> sessionInfo(client.get(), version)));
  }

  private void sessionInfo(RoutingContext ctx) {
    params(ctx);
    GatewayClient client = sessionClient(ctx);
    respond(ctx, facade.version(ctx).map(version -> sessionInfo(client, version)));
  }

  private void destroy(RoutingContext ctx) {
    params(ctx);
    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
    facade.sessions().close(cookie == null ? null : cookie.getValue());
    respond(ctx, Future.succeededFuture(null));
  }

  private void callKw(RoutingContext ctx) {
    JsonObject params = params(ctx);
    GatewayClient client = sessionClient(ctx);
    OdooCall call = new OdooCall(params.getString("model", ""), params.getString("method", ""),
        array(params.getValue("args"), "args"), object(params.getValue("kwargs"), "kwargs"));
    respondCall(ctx, facade.calls().execute(ctx, client, call, params.toBuffer()));
  }

  private void versionInfo(RoutingContext ctx) {
    params(ctx);
    respond(ctx, facade.version(ctx).map(info -> info));
  }

  private void webVersion(RoutingContext ctx) {
    facade.version(ctx).onSuccess(info -> ctx.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("version_info", info.getValue("server_version_info"))
                .put("version", info.getValue("server_version")).toBuffer()))
        .onFailure(ctx::fail);
  }

  private GatewayClient sessionClient(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
    Optional<GatewayClient> client = facade.sessions().clientId(cookie == null ? null : cookie.getValue())
        .flatMap(facade::byId);
    if (client.isEmpty()) {
      throw GatewayException.of(ProblemCode.UNAUTHENTICATED, "Session expired")
          .with("odooError", OdooErrorNames.SESSION_EXPIRED);
    }
    ctx.put(RequestKeys.CLIENT_ID, client.get().id());
    return client.get();
  }

  private JsonObject sessionInfo(GatewayClient client, JsonObject version) {
    JsonObject userContext = new JsonObject().put("lang", "en_US").put("tz", "UTC").put("uid", client.uid());
    JsonObject companies = new JsonObject();
    for (Integer company : client.companies()) {
      companies.put(company.toString(), new JsonObject().put("id", company).put("name", "Company " + company));
    }
    if (!client.companies().isEmpty()) {
      userContext.put("allowed_company_ids", new JsonArray(client.companies()));
    }
    return new JsonObject()
        .put("uid", client.uid())
        .put("is_system", false)
        .put("is_admin", false)
        .put("user_context", userContext)
        .put("db", facade.database())
        .put("server_version", version.getValue("server_version"))
        .put("server_version_info", version.getValue("server_version_info"))
        .put("name", client.name())
        .put("username", client.id())
        .put("partner_display_name", client.name())
        .put("user_companies", new JsonObject()
            .put("current_company", client.companies().isEmpty() ? false : client.companies().get(0))
            .put("allowed_companies", companies));
  }

  private void respondCall(RoutingContext ctx, Future<FacadeCalls.Result> result) {
    result.onSuccess(call -> {
      if (call.replayed()) {
        ctx.response().putHeader(ApiResponse.REPLAYED_HEADER, "true");
      }
    });
    respond(ctx, result.map(FacadeCalls.Result::value));
  }

  private void respond(RoutingContext ctx, Future<Object> result) {
    result.onSuccess(value -> ctx.response().putHeader("Content-Type", "application/json")
            .end(facade.dialect().result(ctx.get(RequestKeys.JSONRPC_ID), value).toBuffer()))
        .onFailure(ctx::fail);
  }

  /** Parses the JSON-RPC envelope and returns its params, remembering the id for the answer. */
  static JsonObject params(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw GatewayException.of(ProblemCode.UNSUPPORTED_MEDIA_TYPE,
          "JSON-RPC requests must be sent as application/json");
    }
    Object parsed;
    try {
      parsed = ctx.body().buffer() == null ? null : ctx.body().buffer().toJsonValue();
    } catch (DecodeException e) {
      throw GatewayException.of(ProblemCode.MALFORMED_JSON, "the request body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject)) {
      throw GatewayException.of(ProblemCode.BAD_REQUEST, "a JSON-RPC request is a JSON object");
    }
    JsonObject envelope = (JsonObject) parsed;
    Object id = envelope.getValue("id");
    if (id == null || id instanceof String || id instanceof Number) {
      ctx.put(RequestKeys.JSONRPC_ID, id);
    }
    Object params = envelope.getValue("params");
    if (params == null) {
      return new JsonObject();
    }
    if (!(params instanceof JsonObject)) {
      throw GatewayException.of(ProblemCode.BAD_REQUEST, "JSON-RPC params must be an object");
    }
    return (JsonObject) params;
  }

  /** Returns the positional argument at {@code index}, or null when the caller left it out. */
  static Object at(JsonArray args, int index) {
    return index < args.size() ? args.getValue(index) : null;
  }

  static JsonArray array(Object value, String name) {
    if (value == null) {
      return new JsonArray();
    }
    if (!(value instanceof JsonArray)) {
      throw GatewayException.of(ProblemCode.BAD_REQUEST, name + " must be a list");
    }
    return (JsonArray) value;
  }

  static JsonObject object(Object value, String name) {
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject)) {
      throw GatewayException.of(ProblemCode.BAD_REQUEST, name + " must be an object");
    }
    return (JsonObject) value;
  }

  private static String string(JsonArray args, int index) {
    if (index >= args.size()) {
      return null;
    }
    Object value = args.getValue(index);
    return value instanceof String ? (String) value : null;
  }

  static String printable(String text) {
    String cleaned = text.replaceAll("[^\\x20-\\x7e]", "?");
    return cleaned.length() <= 64 ? cleaned : cleaned.substring(0, 64) + "...";
  }

}
