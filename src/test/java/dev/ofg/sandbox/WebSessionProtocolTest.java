package dev.ofg.sandbox;

import static dev.ofg.sandbox.SandboxFixture.ADMIN;
import static dev.ofg.sandbox.SandboxFixture.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web client routes over HTTP: session authentication with the {@code session_id} cookie,
 * session info, destroy, {@code call_kw}, version routes, and code 100 for expired sessions
 * (addons/web/controllers/session.py, dataset.py, webclient.py).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(VertxExtension.class)
class WebSessionProtocolTest {
  private final Map<String, OdooSandbox> sandboxes = new HashMap<>();
  private final Map<String, OdooWire> wires = new HashMap<>();

  @BeforeAll
  void start(Vertx vertx) {
    for (String version : List.of("17.0", "18.0", "19.0")) {
      OdooSandbox sandbox = OdooSandbox.start(vertx, SandboxFixture.options(version)).await();
      sandboxes.put(version, sandbox);
      wires.put(version, new OdooWire(vertx, sandbox.port()));
    }
  }

  @AfterAll
  void stop() {
    wires.values().forEach(OdooWire::close);
    sandboxes.values().forEach(s -> s.close().await());
  }

  private String login(String version, SandboxUser user) {
    HttpResponse<Buffer> r = wires.get(version).jsonRpc("/web/session/authenticate", 1, new JsonObject()
        .put("db", "demo").put("login", user.login()).put("password", user.password()));
    String setCookie = r.getHeader("Set-Cookie");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private HttpResponse<Buffer> withCookie(String version, String path, JsonObject params, String cookie) {
    return wires.get(version).post(path, "application/json", OdooWire.envelope(5, params), cookie);
  }

  @Test
  void authenticateSetsTheSessionCookieAndReturnsSessionInfo() {
    HttpResponse<Buffer> r = wires.get("19.0").jsonRpc("/web/session/authenticate", 1, new JsonObject()
        .put("db", "demo").put("login", "gateway").put("password", SERVICE.password()));
    // werkzeug set_cookie as odoo calls it: Expires in a year, Max-Age = SESSION_LIFETIME, HttpOnly, Path=/
    assertThat(r.getHeader("Set-Cookie")).matches("session_id=[0-9a-f]{40}; Expires=[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2}"
        + " \\d{4} \\d{2}:\\d{2}:\\d{2} GMT; Max-Age=604800; HttpOnly; Path=/");
    JsonObject info = r.bodyAsJsonObject().getJsonObject("result");
    assertThat(info.getLong("uid")).isEqualTo(6L);
    assertThat(info.getString("db")).isEqualTo("demo");
    assertThat(info.getString("username")).isEqualTo("gateway");
    assertThat(info.getString("name")).isEqualTo("Gateway Service");
    assertThat(info.getString("server_version")).isEqualTo("19.0");
    assertThat(info.getJsonArray("server_version_info")).containsExactly(19, 0, 0, "final", 0, "");
    assertThat(info.getJsonObject("user_context").getLong("uid")).isEqualTo(6L);
    JsonObject companies = info.getJsonObject("user_companies");
    assertThat(companies.getLong("current_company")).isEqualTo(1L);
    assertThat(companies.getJsonObject("allowed_companies").fieldNames()).containsExactly("1");
  }

  @Test
  void wrongPasswordOnAuthenticateIsAccessDenied() {
    JsonObject r = wires.get("18.0").jsonRpc("/web/session/authenticate", 1, new JsonObject().put("db", "demo")
        .put("login", "admin").put("password", "wrong")).bodyAsJsonObject();
    assertThat(r.getJsonObject("error").getInteger("code")).isEqualTo(200);
    assertThat(r.getJsonObject("error").getJsonObject("data").getString("name")).isEqualTo("odoo.exceptions.AccessDenied");
  }

  @ParameterizedTest
  @ValueSource(strings = {"17.0", "18.0", "19.0"})
  void callKwWorksWithTheSessionCookieOnBothPaths(String version) {
    String cookie = login(version, ADMIN);
    JsonObject params = new JsonObject().put("model", "res.currency").put("method", "search_read")
        .put("args", new JsonArray().add(new JsonArray().add(new JsonArray().add("name").add("=").add("CHF"))))
        .put("kwargs", new JsonObject().put("fields", new JsonArray().add("name").add("decimal_places")));
    String plain = withCookie(version, "/web/dataset/call_kw", params, cookie).bodyAsString();
    String withPath = withCookie(version, "/web/dataset/call_kw/res.currency/search_read", params, cookie)
        .bodyAsString();
    assertThat(plain).isEqualTo("{\"jsonrpc\": \"2.0\", \"id\": 5, \"result\": [{\"id\": 4, \"name\": \"CHF\","
        + " \"decimal_places\": 2}]}");
    assertThat(withPath).isEqualTo(plain);
  }

  @ParameterizedTest
  @ValueSource(strings = {"17.0", "19.0"})
  void sessionRoutesWithoutSessionAnswerCode100WithNullId(String version) {
    HttpResponse<Buffer> r = withCookie(version, "/web/session/get_session_info", new JsonObject(), null);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(body.containsKey("id")).isTrue();
    assertThat(body.getValue("id")).isNull();
    assertThat(body.getJsonObject("error").getInteger("code")).isEqualTo(100);
    assertThat(body.getJsonObject("error").getString("message")).isEqualTo("Odoo Session Expired");
    JsonObject data = body.getJsonObject("error").getJsonObject("data");
    assertThat(data.getString("name")).isEqualTo("odoo.http.SessionExpiredException");
    assertThat(data.getString("message")).isEqualTo("Session expired");
    assertThat(data.getJsonArray("arguments")).containsExactly("Session expired");
  }

  @Test
  void destroyReturnsNoResultAndEndsTheSession() {
    String cookie = login("19.0", ADMIN);
    HttpResponse<Buffer> info = withCookie("19.0", "/web/session/get_session_info", new JsonObject(), cookie);
    HttpResponse<Buffer> destroy = withCookie("19.0", "/web/session/destroy", new JsonObject(), cookie);
    HttpResponse<Buffer> after = withCookie("19.0", "/web/session/get_session_info", new JsonObject(), cookie);
    assertThat(info.bodyAsJsonObject().getJsonObject("result").getLong("uid")).isEqualTo(2L);
    assertThat(destroy.bodyAsString()).isEqualTo("{\"jsonrpc\": \"2.0\", \"id\": 5}");
    assertThat(after.bodyAsJsonObject().getJsonObject("error").getInteger("code")).isEqualTo(100);
  }

  @Test
  void expiredSessionsAnswerCode100OnCallKw() {
    String cookie = login("18.0", ADMIN);
    sandboxes.get("18.0").expireSessions();
    JsonObject params = new JsonObject().put("model", "res.partner").put("method", "search_count")
        .put("args", new JsonArray().add(new JsonArray())).put("kwargs", new JsonObject());
    JsonObject body = withCookie("18.0", "/web/dataset/call_kw", params, cookie).bodyAsJsonObject();
    assertThat(body.getJsonObject("error").getInteger("code")).isEqualTo(100);
  }

  @Test
  void unknownModelOnCallKwIsNotFoundFrom18AndKeyErrorOn17() {
    JsonObject params = new JsonObject().put("model", "x.nope").put("method", "search")
        .put("args", new JsonArray().add(new JsonArray())).put("kwargs", new JsonObject());
    JsonObject v19 = withCookie("19.0", "/web/dataset/call_kw", params, login("19.0", ADMIN)).bodyAsJsonObject();
    JsonObject v17 = withCookie("17.0", "/web/dataset/call_kw", params, login("17.0", ADMIN)).bodyAsJsonObject();
    assertThat(v19.getJsonObject("error").getInteger("code")).isEqualTo(404);
    assertThat(v19.getJsonObject("error").getString("message")).isEqualTo("404: Not Found");
    assertThat(v19.getJsonObject("error").getJsonObject("data").getString("name"))
        .isEqualTo("werkzeug.exceptions.NotFound");
    assertThat(v17.getJsonObject("error").getInteger("code")).isEqualTo(200);
    assertThat(v17.getJsonObject("error").getJsonObject("data").getString("name")).isEqualTo("builtins.KeyError");
    assertThat(v17.getJsonObject("error").getJsonObject("data").getString("message")).isEqualTo("x.nope");
  }

  @Test
  void versionInfoIsRpcVersion1() {
    HttpResponse<Buffer> r = wires.get("17.0").jsonRpc("/web/webclient/version_info", 3, new JsonObject());
    assertThat(r.bodyAsString()).isEqualTo("{\"jsonrpc\": \"2.0\", \"id\": 3, \"result\": {\"server_version\":"
        + " \"17.0\", \"server_version_info\": [17, 0, 0, \"final\", 0, \"\"], \"server_serie\": \"17.0\","
        + " \"protocol_version\": 1}}");
  }

  @Test
  void webVersionIsAnHttpJsonRouteOnlyIn19() {
    HttpResponse<Buffer> v19 = wires.get("19.0").request(HttpMethod.GET, "/web/version").send().await();
    HttpResponse<Buffer> v17 = wires.get("17.0").request(HttpMethod.GET, "/web/version").send().await();
    assertThat(v19.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(v19.bodyAsString()).isEqualTo("{\"version_info\": [19, 0, 0, \"final\", 0, \"\"], \"version\": \"19.0\"}");
    assertThat(v17.statusCode()).isEqualTo(404);
  }
}
