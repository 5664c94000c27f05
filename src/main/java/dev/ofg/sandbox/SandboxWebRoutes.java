package dev.ofg.sandbox;

import dev.ofg.sandbox.MethodSignature.Param;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the web client routes integrations also use: {@code /web/session/authenticate} (sets the
 * {@code session_id} cookie), {@code /web/session/get_session_info}, {@code /web/session/destroy},
 * {@code /web/dataset/call_kw[/<path>]}, {@code /web/webclient/version_info} and, from 19.0,
 * {@code GET /web/version}. Routes with {@code auth='user'} answer code 100 "Odoo Session Expired"
 * (with {@code "id": null}, the body not being read yet) when the session is missing.
 */
final class SandboxWebRoutes {
  static final String SESSION_COOKIE = "session_id";
  // werkzeug http_date: two-digit day, GMT
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
  private static final long SESSION_MAX_AGE = 60L * 60 * 24 * 7; // odoo.http.SESSION_LIFETIME

  private final SandboxServices services;
  private final RpcServices rpc;

  SandboxWebRoutes(SandboxServices services) {
    this.services = services;
    this.rpc = new RpcServices(services);
  }

  void mount(Router router, FaultInjectionHandler faults) {
    route(router, faults, "/web/session/authenticate", this::authenticate);
    route(router, faults, "/web/session/get_session_info", this::sessionInfo);
    route(router, faults, "/web/session/destroy", this::destroy);
    route(router, faults, "/web/dataset/call_kw", this::callKw);
    router.routeWithRegex("^/web/dataset/call_kw/.+$").handler(OdooBodyHandler.create()).handler(faults)
        .handler(this::callKw);
    route(router, faults, "/web/webclient/version_info", this::versionInfo);
    if (services.version().atLeast(OdooVersion.V19)) {
      router.get("/web/version").handler(faults).handler(this::webVersion);
      router.get("/json/version").handler(faults).handler(this::webVersion);
    }
  }

  private static void route(Router router, FaultInjectionHandler faults, String path,
      io.vertx.core.Handler<RoutingContext> handler) {
    router.route(path).handler(OdooBodyHandler.create()).handler(faults).handler(handler);
  }

  private void authenticate(RoutingContext rc) {
    JsonRpcExchange ex = JsonRpcExchange.accept(rc, services.version(), "/web/session/authenticate");
    if (ex == null || !ex.parse()) {
      return;
    }
    ex.run(() -> {
      Map<String, Object> a = JsonRpcExchange.bindEndpoint(MethodSignature.model("Session.authenticate",
          Param.required("db"), Param.required("login"), Param.required("password"),
          Param.optional("base_location", null)), ex.params());
      services.auth().checkDatabase(a.get("db"));
      SandboxUser user = services.auth().login(a.get("login"), a.get("password"))
          .orElseThrow(OdooError::accessDenied);
      SandboxSessions.Session session = services.sessions().create(user.uid(), services.database());
      rc.response().putHeader("Set-Cookie", sessionCookie(session.sid()));
      return services.registry().locked(() -> SessionInfo.build(services.registry(), user, services.database()));
    });
  }

  // werkzeug Response.set_cookie as Odoo calls it: 1 year Expires, Max-Age = session lifetime, HttpOnly
  private String sessionCookie(String sid) {
    String expires = ZonedDateTime.now(ZoneOffset.UTC).plusDays(365).format(HTTP_DATE);
    return SESSION_COOKIE + "=" + sid + "; Expires=" + expires + "; Max-Age=" + SESSION_MAX_AGE
        + "; HttpOnly; Path=/";
  }

  /** The session user, or null after answering code 100 ("Odoo Session Expired"). */
  private SandboxUser sessionUser(RoutingContext rc) {
    Cookie cookie = rc.request().getCookie(SESSION_COOKIE);
    SandboxSessions.Session session = services.sessions().get(cookie == null ? null : cookie.getValue());
    SandboxUser user = session == null || !services.database().equals(session.db()) ? null
        : services.auth().byUid(session.uid()).orElse(null);
    if (user == null) {
      OdooResponses.jsonRpcError(rc, null, OdooError.sessionExpired(), services.version());
    }
    return user;
  }

  private void sessionInfo(RoutingContext rc) {
    JsonRpcExchange ex = JsonRpcExchange.accept(rc, services.version(), "/web/session/get_session_info");
    SandboxUser user = ex == null ? null : sessionUser(rc);
    if (user == null || !ex.parse()) {
      return;
    }
    ex.run(() -> services.registry().locked(() -> SessionInfo.build(services.registry(), user, services.database())));
  }

  private void destroy(RoutingContext rc) {
    JsonRpcExchange ex = JsonRpcExchange.accept(rc, services.version(), "/web/session/destroy");
    SandboxUser user = ex == null ? null : sessionUser(rc);
    if (user == null || !ex.parse()) {
      return;
    }
    ex.run(() -> {
      services.sessions().destroy(rc.request().getCookie(SESSION_COOKIE).getValue());
      return null; // Session.destroy returns None: the envelope has no "result"
    });
  }

  private void callKw(RoutingContext rc) {
    JsonRpcExchange ex = JsonRpcExchange.accept(rc, services.version(), "/web/dataset/call_kw");
    if (ex == null || probeModel(rc)) {
      return;
    }
    SandboxUser user = sessionUser(rc);
    if (user == null || !ex.parse()) {
      return;
    }
    ex.run(() -> {
      Map<String, Object> a = JsonRpcExchange.bindEndpoint(MethodSignature.model("DataSet.call_kw",
          Param.required("model"), Param.required("method"), Param.required("args"), Param.required("kwargs"),
          Param.optional("path", null)), ex.params());
      List<Object> args = JsonValues.asList(a.get("args"));
      Map<String, Object> kwargs = JsonValues.asMap(a.get("kwargs"));
      if (args == null || kwargs == null) {
        throw OdooError.typeError("call_kw() expects args to be a list and kwargs a dict");
      }
      return services.registry().call(user, ModelCall.rpc(ModelCall.Style.DATASET, PythonRepr.str(a.get("model")),
          PythonRepr.str(a.get("method")), args, kwargs));
    });
  }

  /**
   * 18.0+ evaluate DataSet._call_kw_readonly before authentication: an unknown model is a NotFound
   * (code 404) even without a session. Returns true when it answered.
   */
  private boolean probeModel(RoutingContext rc) {
    if (!services.version().atLeast(OdooVersion.V18)) {
      return false;
    }
    OdooError error = null;
    try {
      Map<String, Object> body = JsonValues.asMap(RequestJson.decode(rc.body() == null ? null : rc.body().buffer()));
      Map<String, Object> params = body == null ? null : JsonValues.asMap(body.get("params"));
      if (params == null || !(params.get("model") instanceof String model)) {
        error = OdooError.of(OdooErrorKind.KEY_ERROR, body == null || params == null ? "params" : "model");
      } else if (!services.registry().hasModel(model)) {
        error = OdooError.http(OdooErrorKind.HTTP_NOT_FOUND, WerkzeugPages.NOT_FOUND_DESCRIPTION);
      }
    } catch (OdooError e) {
      error = e;
    }
    if (error != null) {
      OdooResponses.jsonRpcError(rc, null, error, services.version());
      return true;
    }
    return false;
  }

  private void versionInfo(RoutingContext rc) {
    JsonRpcExchange ex = JsonRpcExchange.accept(rc, services.version(), "/web/webclient/version_info");
    if (ex == null || !ex.parse()) {
      return;
    }
    ex.run(rpc::version);
  }

  // addons/rpc/controllers/__init__.py RPC.version (type='http'): {"version_info": [...], "version": "19.0"}
  private void webVersion(RoutingContext rc) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version_info", services.version().versionInfo());
    body.put("version", services.version().serie());
    OdooResponses.json(rc, 200, body);
  }
}
