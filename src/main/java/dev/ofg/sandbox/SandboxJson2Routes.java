package dev.ofg.sandbox;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves Odoo 19's JSON-2 API (addons/rpc/controllers/json2.py, Json2Dispatcher in odoo/http.py):
 * {@code POST /json/2/<model>/<method>} with {@code Authorization: bearer <api key>}, optional
 * {@code X-Odoo-Database}, a JSON object of named arguments plus {@code ids} and {@code context};
 * the answer is the bare JSON result, errors carry real HTTP statuses and a
 * {@code serialize_exception} body.
 */
final class SandboxJson2Routes {
  static final String ROUTE = "/json/2/<__model__>/<__method__>";
  private static final Pattern BEARER = Pattern.compile("^bearer\\s+(.+)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern CALL = Pattern.compile("^/json/2/([^/]+)/([^/]+)$");

  private final SandboxServices services;

  SandboxJson2Routes(SandboxServices services) {
    this.services = services;
  }

  void mount(Router router, FaultInjectionHandler faults) {
    router.routeWithRegex("^/json/2(/.*)?$").handler(OdooBodyHandler.create()).handler(faults)
        .handler(this::handle);
  }

  private void handle(RoutingContext rc) {
    String dbHeader = rc.request().getHeader("X-Odoo-Database");
    if (dbHeader != null && !dbHeader.equals(services.database())) {
      OdooResponses.html(rc, 404, WerkzeugPages.NOT_FOUND_NODB);
      return;
    }
    Matcher call = CALL.matcher(rc.normalizedPath());
    boolean isCall = call.matches() && "POST".equals(rc.request().method().name());
    boolean hasBody = rc.body() != null && rc.body().length() > 0;
    if (hasBody && !"application/json".equals(OdooResponses.mimetype(rc))) {
      OdooResponses.wrongContentType(rc, services.version(), isCall ? ROUTE : "/json/2", "json2",
          List.of("application/json"));
      return;
    }
    if (!isCall) {
      // web_json_2_404 takes over every other /json/2 URL
      OdooResponses.json2Error(rc, OdooError.http(OdooErrorKind.HTTP_NOT_FOUND,
          "Did you mean POST /json/2/<model>/<method>?"));
      return;
    }
    try {
      SandboxUser user = bearerUser(rc);
      Object result = services.registry().call(user, parseCall(rc, call.group(1), call.group(2), hasBody));
      OdooResponses.json(rc, 200, result);
    } catch (RuntimeException e) {
      OdooResponses.json2Error(rc, UnexpectedFailures.toOdoo(e));
    }
  }

  // ir.http._auth_method_bearer
  private SandboxUser bearerUser(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    Matcher m = header == null ? null : BEARER.matcher(header);
    if (m == null || !m.matches()) {
      throw OdooError.http(OdooErrorKind.HTTP_UNAUTHORIZED,
          "User not authenticated, use an API Key with a Bearer Authorization header.");
    }
    return services.auth().byApiKey(m.group(1))
        .orElseThrow(() -> OdooError.http(OdooErrorKind.HTTP_UNAUTHORIZED, "Invalid apikey"));
  }

  // Json2Dispatcher.dispatch: path args override body members; a non-object body counts as empty.
  private static ModelCall parseCall(RoutingContext rc, String model, String method, boolean hasBody) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (hasBody) {
      Object decoded;
      try {
        decoded = RequestJson.decode(rc.body().buffer());
      } catch (OdooError e) {
        throw OdooError.http(OdooErrorKind.HTTP_BAD_REQUEST, "could not parse the body as json: " + e.getMessage());
      }
      Map<String, Object> object = JsonValues.asMap(decoded);
      if (object != null) {
        body.putAll(object);
      }
    }
    body.remove("__model__");
    body.remove("__method__");
    Object rawIds = body.containsKey("ids") ? body.remove("ids") : List.of();
    Object rawContext = body.containsKey("context") ? body.remove("context") : Map.of();
    Map<String, Object> context = JsonValues.asMap(rawContext);
    if (context == null) {
      throw OdooError.typeError("'" + StandardMethods.pythonTypeName(rawContext) + "' object is not a mapping");
    }
    return ModelCall.json2(model, method, ids(rawIds), context, body);
  }

  private static List<Long> ids(Object raw) {
    Object v = JsonValues.plainShallow(raw);
    if (v instanceof Number n && !(v instanceof Double)) {
      return List.of(n.longValue());
    }
    List<Object> list = JsonValues.asList(v);
    if (list == null) {
      throw OdooError.typeError("ids must be a list of integers, not " + StandardMethods.pythonTypeName(v));
    }
    java.util.ArrayList<Long> ids = new java.util.ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Long id)) {
        throw OdooError.typeError("ids must be a list of integers, got " + PythonRepr.repr(o));
      }
      ids.add(id);
    }
    return ids;
  }
}
