package dev.ofg.sandbox;

import static dev.ofg.sandbox.SandboxFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
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
 * {@code POST /jsonrpc} over real HTTP against sandboxes imitating 17.0, 18.0 and 19.0. Expected
 * bytes follow odoo/http.py JsonRPCDispatcher and odoo/service/{common,db,model}.py of each series.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(VertxExtension.class)
class JsonRpcProtocolTest {
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

  private JsonObject call(String version, Object... args) {
    return wires.get(version).jsonRpc("/jsonrpc", 7, OdooWire.service("object", "execute_kw", args))
        .bodyAsJsonObject();
  }

  @ParameterizedTest
  @ValueSource(strings = {"17.0", "18.0", "19.0"})
  void versionAnswersRpcVersion1ByteForByte(String version) {
    HttpResponse<Buffer> r = wires.get(version).jsonRpc("/jsonrpc", 1, OdooWire.service("common", "version"));
    String major = version.substring(0, 2);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(r.bodyAsString()).isEqualTo("{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": {\"server_version\": \""
        + version + "\", \"server_version_info\": [" + major + ", 0, 0, \"final\", 0, \"\"], \"server_serie\": \""
        + version + "\", \"protocol_version\": 1}}");
  }

  @Test
  void authenticateReturnsTheUidOrFalseAndAcceptsApiKeys() {
    OdooWire wire = wires.get("19.0");
    JsonObject ok = wire.jsonRpc("/jsonrpc", 1, OdooWire.service("common", "authenticate", "demo", "admin",
        ADMIN.password(), new JsonObject())).bodyAsJsonObject();
    JsonObject withKey = wire.jsonRpc("/jsonrpc", 2, OdooWire.service("common", "login", "demo", "admin",
        ADMIN.apiKey())).bodyAsJsonObject();
    HttpResponse<Buffer> wrong = wire.jsonRpc("/jsonrpc", 3, OdooWire.service("common", "authenticate", "demo",
        "admin", "wrong", new JsonObject()));
    assertThat(ok.getLong("result")).isEqualTo(2L);
    assertThat(withKey.getLong("result")).isEqualTo(2L);
    assertThat(wrong.bodyAsString()).isEqualTo("{\"jsonrpc\": \"2.0\", \"id\": 3, \"result\": false}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"17.0", "18.0", "19.0"})
  void errorsUseTheSeriesErrorCodeAndKeyOrder(String version) {
    HttpResponse<Buffer> r = wires.get(version).jsonRpc("/jsonrpc", "abc", OdooWire.service("object",
        "execute_kw", "demo", 2, ADMIN.password(), "x.nope", "search", new JsonArray().add(new JsonArray()),
        new JsonObject()));
    JsonObject body = r.bodyAsJsonObject();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new ArrayList<>(body.fieldNames())).containsExactly("jsonrpc", "id", "error");
    assertThat(body.getString("id")).isEqualTo("abc");
    JsonObject error = body.getJsonObject("error");
    assertThat(error.getInteger("code")).isEqualTo("19.0".equals(version) ? 0 : 200);
    assertThat(error.getString("message")).isEqualTo("Odoo Server Error");
    JsonObject data = error.getJsonObject("data");
    assertThat(new ArrayList<>(data.fieldNames())).containsExactlyElementsOf("19.0".equals(version)
        ? List.of("name", "message", "arguments", "context", "debug")
        : List.of("name", "debug", "message", "arguments", "context"));
    assertThat(data.getString("name")).isEqualTo("odoo.exceptions.UserError");
    assertThat(data.getString("message")).isEqualTo("Object x.nope doesn't exist");
    assertThat(data.getJsonArray("arguments")).containsExactly("Object x.nope doesn't exist");
    assertThat(data.getString("debug")).startsWith("Traceback (most recent call last):\n")
        .endsWith("odoo.exceptions.UserError: Object x.nope doesn't exist\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"17.0", "19.0"})
  void eachOdooErrorClassTravelsInTheEnvelope(String version) {
    JsonArray noIds = new JsonArray().add(new JsonArray());
    JsonObject line = new JsonObject().put("amount", 1.0).put("unique_import_id", "RPC-DUP-" + version);
    call(version, "demo", 6, SandboxFixture.SERVICE.password(), "account.bank.statement.line", "create",
        new JsonArray().add(line), new JsonObject());
    assertThat(errorName(call(version, "demo", 6, SandboxFixture.SERVICE.password(), "account.bank.statement.line",
        "create", new JsonArray().add(line), new JsonObject()))).isEqualTo("odoo.exceptions.ValidationError");
    assertThat(errorName(call(version, "demo", 7, SandboxFixture.READER.password(), "res.partner", "create",
        new JsonArray().add(new JsonObject().put("name", "x")), new JsonObject())))
        .isEqualTo("odoo.exceptions.AccessError");
    assertThat(errorName(call(version, "demo", 2, ADMIN.password(), "res.partner", "write",
        new JsonArray().add(new JsonArray().add(424242)).add(new JsonObject().put("ref", "x")), new JsonObject())))
        .isEqualTo("odoo.exceptions.MissingError");
    assertThat(errorName(call(version, "demo", 2, ADMIN.password(), "res.partner", "search",
        new JsonArray().add(new JsonArray().add(new JsonArray().add("nope").add("=").add(1))), new JsonObject())))
        .isEqualTo("builtins.ValueError");
    assertThat(errorName(call(version, "demo", 2, ADMIN.password(), "res.partner", "frobnicate", noIds,
        new JsonObject()))).isEqualTo("builtins.AttributeError");
    assertThat(errorName(call(version, "demo", 2, ADMIN.password(), "res.partner", "search", new JsonArray(),
        new JsonObject()))).isEqualTo("builtins.TypeError");
  }

  private static String errorName(JsonObject response) {
    return response.getJsonObject("error").getJsonObject("data").getString("name");
  }

  @Test
  void wrongPasswordIsAccessDeniedWithoutTraceback() {
    JsonObject data = call("19.0", "demo", 2, "wrong", "res.partner", "search", new JsonArray().add(new JsonArray()),
        new JsonObject()).getJsonObject("error").getJsonObject("data");
    assertThat(data.getString("name")).isEqualTo("odoo.exceptions.AccessDenied");
    assertThat(data.getString("message")).isEqualTo("Access Denied");
    assertThat(data.getString("debug")).isEqualTo("odoo.exceptions.AccessDenied: Access Denied\n");
  }

  @Test
  void aMethodReturningNoneHasNoResultMember() {
    JsonObject created = call("19.0", "demo", 2, ADMIN.password(), "account.move", "create",
        new JsonArray().add(new JsonObject().put("move_type", "entry")), new JsonObject());
    HttpResponse<Buffer> r = wires.get("19.0").jsonRpc("/jsonrpc", 9, OdooWire.service("object", "execute_kw",
        "demo", 2, ADMIN.password(), "account.move", "button_cancel",
        new JsonArray().add(new JsonArray().add(created.getLong("result"))), new JsonObject()));
    assertThat(r.bodyAsString()).isEqualTo("{\"jsonrpc\": \"2.0\", \"id\": 9}");
  }

  @Test
  void executeTakesPositionalArguments() {
    HttpResponse<Buffer> r = wires.get("18.0").jsonRpc("/jsonrpc", 1, OdooWire.service("object", "execute", "demo",
        2, ADMIN.password(), "res.currency", "search_count", new JsonArray().add(new JsonArray().add("name")
            .add("=").add("EUR"))));
    assertThat(r.bodyAsString()).isEqualTo("{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": 1}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"17.0", "19.0"})
  void badBodiesAreRejectedBeforeDispatch(String version) {
    OdooWire wire = wires.get(version);
    HttpResponse<Buffer> notJson = wire.post("/jsonrpc", "application/json", "{not json");
    HttpResponse<Buffer> notObject = wire.post("/jsonrpc", "application/json", "[1, 2]");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.bodyAsString()).isEqualTo("Invalid JSON data");
    assertThat(notJson.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(notObject.statusCode()).isEqualTo(400);
    assertThat(notObject.bodyAsString()).isEqualTo("Invalid JSON-RPC data");
  }

  @Test
  void wrongContentTypeIs415WithAcceptOn19() {
    HttpResponse<Buffer> r = wires.get("19.0").post("/jsonrpc", "text/plain", "{}");
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.getHeader("Accept")).isEqualTo("application/json, application/json-rpc");
    // werkzeug 3 HTTPException.get_body around odoo 19 Request._set_request_dispatcher's message
    assertThat(r.bodyAsString()).isEqualTo("<!doctype html>\n<html lang=en>\n<title>415 Unsupported Media Type</title>\n"
        + "<h1>Unsupported Media Type</h1>\n<p>Request inferred type is compatible with [&#39;http&#39;] but"
        + " &#39;/jsonrpc&#39; is type=&#39;jsonrpc&#39;.<br><br>Please verify the Content-Type request header and"
        + " try again.</p>\n");
  }

  @Test
  void wrongContentTypeIs400Before19() {
    HttpResponse<Buffer> r = wires.get("17.0").post("/jsonrpc", "text/plain", "{}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsString()).isEqualTo("<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n"
        + "<h1>Bad Request</h1>\n<p>Request inferred type is compatible with [&#39;http&#39;] but &#39;/jsonrpc&#39;"
        + " is type=&#39;json&#39;.</p>\n");
  }

  @Test
  void dbServiceListsTheDatabaseAndVersion() {
    OdooWire wire = wires.get("18.0");
    assertThat(wire.jsonRpc("/jsonrpc", 1, OdooWire.service("db", "list")).bodyAsString())
        .isEqualTo("{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": [\"demo\"]}");
    assertThat(wire.jsonRpc("/jsonrpc", 2, OdooWire.service("db", "server_version")).bodyAsString())
        .isEqualTo("{\"jsonrpc\": \"2.0\", \"id\": 2, \"result\": \"18.0\"}");
    JsonObject drop = wire.jsonRpc("/jsonrpc", 3, OdooWire.service("db", "drop", "admin", "demo")).bodyAsJsonObject();
    assertThat(drop.getJsonObject("error").getJsonObject("data").getString("name"))
        .isEqualTo("odoo.exceptions.AccessDenied");
  }

  @Test
  void unknownServiceIsAKeyError() {
    JsonObject data = wires.get("19.0").jsonRpc("/jsonrpc", 1, OdooWire.service("nope", "x")).bodyAsJsonObject()
        .getJsonObject("error").getJsonObject("data");
    assertThat(data.getString("name")).isEqualTo("builtins.KeyError");
    assertThat(data.getString("message")).isEqualTo("nope");
  }

  @Test
  void missingEndpointArgumentsAreTypeErrors() {
    JsonObject data = wires.get("17.0").jsonRpc("/jsonrpc", 1, new JsonObject().put("service", "common"))
        .bodyAsJsonObject().getJsonObject("error").getJsonObject("data");
    assertThat(data.getString("message"))
        .isEqualTo("RPC.jsonrpc() missing 2 required positional arguments: 'method' and 'args'");
  }

  @Test
  void unknownPathsAreWerkzeugNotFoundPages() {
    HttpResponse<Buffer> r = wires.get("19.0").post("/nope", "application/json", "{}");
    assertThat(r.statusCode()).isEqualTo(404);
    // werkzeug 3.1 NotFound().get_response() body, printed by CPython
    assertThat(r.bodyAsString()).isEqualTo("<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n"
        + "<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually"
        + " please check your spelling and try again.</p>\n");
  }
}
