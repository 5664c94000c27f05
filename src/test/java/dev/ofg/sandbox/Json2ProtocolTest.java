package dev.ofg.sandbox;

import static dev.ofg.sandbox.SandboxFixture.ADMIN;
import static dev.ofg.sandbox.SandboxFixture.READER;
import static dev.ofg.sandbox.SandboxFixture.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Odoo 19's JSON-2 API over HTTP. Expectations follow addons/rpc/controllers/json2.py,
 * Json2Dispatcher in odoo/http.py, odoo/exceptions.py http_status and Odoo's own
 * test_http/tests/test_webjson2.py (body keys name, message, arguments, context, debug).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(VertxExtension.class)
class Json2ProtocolTest {
  private OdooSandbox sandbox;
  private OdooSandbox legacy;
  private OdooWire wire;
  private OdooWire legacyWire;

  @BeforeAll
  void start(Vertx vertx) {
    sandbox = OdooSandbox.start(vertx, SandboxFixture.options("19.0")).await();
    legacy = OdooSandbox.start(vertx, SandboxFixture.options("18.0")).await();
    wire = new OdooWire(vertx, sandbox.port());
    legacyWire = new OdooWire(vertx, legacy.port());
  }

  @AfterAll
  void stop() {
    wire.close();
    legacyWire.close();
    sandbox.close().await();
    legacy.close().await();
  }

  private static JsonObject assertError(HttpResponse<Buffer> r, int status, String name, String message) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
    JsonObject body = r.bodyAsJsonObject();
    assertThat(new ArrayList<>(body.fieldNames())).containsExactly("name", "message", "arguments", "context", "debug");
    assertThat(body.getString("name")).isEqualTo(name);
    assertThat(body.getString("message")).isEqualTo(message);
    return body;
  }

  @Test
  void answersTheBareJsonResult() {
    HttpResponse<Buffer> r = wire.json2("res.currency", "search", SERVICE.apiKey(),
        "{\"domain\": [[\"name\", \"in\", [\"EUR\", \"USD\"]]], \"order\": \"name\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(r.bodyAsString()).isEqualTo("[1, 2]");
  }

  @Test
  void createTakesValsListAndReturnsIds() {
    HttpResponse<Buffer> r = wire.json2("res.partner", "create", SERVICE.apiKey(),
        "{\"vals_list\": [{\"name\": \"J2 One\", \"ref\": \"J2-1\"}, {\"name\": \"J2 Two\"}]}");
    JsonArray ids = r.bodyAsJsonArray();
    assertThat(ids).hasSize(2);
    HttpResponse<Buffer> read = wire.json2("res.partner", "read", SERVICE.apiKey(),
        "{\"ids\": [" + ids.getLong(0) + "], \"fields\": [\"ref\"]}");
    assertThat(read.bodyAsString()).isEqualTo("[{\"id\": " + ids.getLong(0) + ", \"ref\": \"J2-1\"}]");
  }

  @Test
  void noneIsAnsweredAsNull() {
    long move = wire.json2("account.move", "create", ADMIN.apiKey(), "{\"vals_list\": [{\"move_type\": \"entry\"}]}")
        .bodyAsJsonArray().getLong(0);
    HttpResponse<Buffer> r = wire.json2("account.move", "button_cancel", ADMIN.apiKey(), "{\"ids\": [" + move + "]}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).isEqualTo("null");
  }

  @Test
  void missingAndInvalidKeysAre401WithBearerChallenge() {
    HttpResponse<Buffer> missing = wire.json2("res.partner", "search", null, "{\"domain\": []}");
    String m = "User not authenticated, use an API Key with a Bearer Authorization header.";
    JsonObject body = assertError(missing, 401, "werkzeug.exceptions.Unauthorized", m);
    assertThat(body.getJsonArray("arguments")).containsExactly(m, 401);
    assertThat(missing.getHeader("WWW-Authenticate")).isEqualToIgnoringCase("bearer");
    assertError(wire.json2("res.partner", "search", "not-a-key", "{\"domain\": []}"), 401,
        "werkzeug.exceptions.Unauthorized", "Invalid apikey");
  }

  @Test
  void unknownModelAndMethodAre404() {
    assertError(wire.json2("x.nope", "search", SERVICE.apiKey(), "{\"domain\": []}"), 404,
        "werkzeug.exceptions.NotFound", "the model 'x.nope' does not exist");
    assertError(wire.json2("res.partner", "frobnicate", SERVICE.apiKey(), "{}"), 404,
        "werkzeug.exceptions.NotFound", "The method 'res.partner.frobnicate' does not exist");
  }

  @Test
  void accessErrorsAre403() {
    JsonObject body = assertError(wire.json2("account.move", "search", READER.apiKey(), "{\"domain\": []}"), 403,
        "odoo.exceptions.AccessError", "You are not allowed to access 'Journal Entry' (account.move) records.\n\n"
            + "No group currently allows this operation.\n\nContact your administrator to request access if necessary.");
    assertThat(body.getJsonArray("arguments")).hasSize(1);
    assertError(wire.json2("res.partner", "_read", SERVICE.apiKey(), "{}"), 403, "odoo.exceptions.AccessError",
        "Private methods (such as 'res.partner._read') cannot be called remotely.");
  }

  @Test
  void userAndValidationErrorsAre422() {
    String line = "{\"vals_list\": [{\"amount\": 5.0, \"payment_ref\": \"J2\", \"unique_import_id\": \"J2-UNIQ-1\"}]}";
    assertThat(wire.json2("account.bank.statement.line", "create", SERVICE.apiKey(), line).statusCode()).isEqualTo(200);
    assertError(wire.json2("account.bank.statement.line", "create", SERVICE.apiKey(), line), 422,
        "odoo.exceptions.ValidationError",
        "The operation cannot be completed: A bank account transactions can be imported only once!");
    long move = wire.json2("account.move", "create", ADMIN.apiKey(), "{\"vals_list\": [{\"move_type\": \"entry\"}]}")
        .bodyAsJsonArray().getLong(0);
    assertError(wire.json2("account.move", "action_post", ADMIN.apiKey(), "{\"ids\": [" + move + "]}"), 422,
        "odoo.exceptions.UserError", "Even magicians can't post nothing!");
  }

  @Test
  void badArgumentsAre422() {
    JsonObject missing = assertError(wire.json2("res.partner", "search", SERVICE.apiKey(), "{}"), 422,
        "werkzeug.exceptions.UnprocessableEntity", "missing a required argument: 'domain'");
    assertThat(missing.getJsonArray("arguments")).containsExactly("missing a required argument: 'domain'", 422);
    assertError(wire.json2("res.partner", "search", SERVICE.apiKey(), "null"), 422,
        "werkzeug.exceptions.UnprocessableEntity", "missing a required argument: 'domain'");
    assertError(wire.json2("res.partner", "create", SERVICE.apiKey(), "{\"ids\": [1], \"vals_list\": []}"), 422,
        "werkzeug.exceptions.UnprocessableEntity", "cannot call res.partner.create with ids");
    assertError(wire.json2("res.partner", "search", SERVICE.apiKey(), "{\"domain\": [], \"foo\": 1}"), 422,
        "werkzeug.exceptions.UnprocessableEntity", "got an unexpected keyword argument 'foo'");
  }

  @Test
  void missingRecordsAre404MissingError() {
    assertError(wire.json2("res.partner", "write", ADMIN.apiKey(), "{\"ids\": [987654], \"vals\": {\"ref\": \"x\"}}"),
        404, "odoo.exceptions.MissingError",
        "Record does not exist or has been deleted.\n(Record: res.partner(987654,), User: 2)");
  }

  @Test
  void invalidDomainsAre500ValueErrors() {
    String m = "Invalid field res.partner.bad field in condition ('bad field', '=', 'foo')";
    JsonObject body = assertError(wire.json2("res.partner", "search", SERVICE.apiKey(),
        "{\"domain\": [[\"bad field\", \"=\", \"foo\"]]}"), 500, "builtins.ValueError", m);
    assertThat(body.getJsonArray("arguments")).containsExactly(m);
  }

  @Test
  void wrongContentTypeIs415WithAccept() {
    HttpResponse<Buffer> r = wire.request(HttpMethod.POST, "/json/2/res.partner/search")
        .putHeader("Authorization", "bearer " + SERVICE.apiKey())
        .sendBuffer(Buffer.buffer("bad content type")).await();
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(r.getHeader("Accept")).isEqualTo("application/json");
    assertThat(r.bodyAsString()).contains("Please verify the Content-Type request header and try again.")
        .contains("Request inferred type is compatible with [&#39;http&#39;]");
  }

  @Test
  void unparsableBodyIs400() {
    String m = "could not parse the body as json: Expecting value: line 1 column 1 (char 0)";
    JsonObject body = assertError(wire.json2("res.partner", "search", SERVICE.apiKey(), "not json"), 400,
        "werkzeug.exceptions.BadRequest", m);
    assertThat(body.getJsonArray("arguments")).containsExactly(m, 400);
  }

  @Test
  void unknownDatabaseHeaderIsTheNoDatabase404Page() {
    HttpResponse<Buffer> r = wire.request(HttpMethod.POST, "/json/2/res.partner/search")
        .putHeader("Content-Type", "application/json").putHeader("X-Odoo-Database", "other")
        .putHeader("Authorization", "bearer " + SERVICE.apiKey()).sendBuffer(Buffer.buffer("{\"domain\": []}")).await();
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(r.bodyAsString()).contains("URL was not found in the server-wide controllers.</p>");
  }

  @Test
  void matchingDatabaseHeaderIsAccepted() {
    HttpResponse<Buffer> r = wire.request(HttpMethod.POST, "/json/2/res.users/read")
        .putHeader("Content-Type", "application/json").putHeader("X-Odoo-Database", "demo")
        .putHeader("Authorization", "bearer " + SERVICE.apiKey()).sendBuffer(Buffer.buffer("{}")).await();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).isEqualTo("[]");
  }

  @Test
  void otherJson2UrlsPointToThePostRoute() {
    HttpResponse<Buffer> get = wire.request(HttpMethod.GET, "/json/2/res.partner/search").send().await();
    assertError(get, 404, "werkzeug.exceptions.NotFound", "Did you mean POST /json/2/<model>/<method>?");
  }

  @Test
  void json2DoesNotExistBefore19() {
    HttpResponse<Buffer> r = legacyWire.json2("res.partner", "search", SERVICE.apiKey(), "{\"domain\": []}");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
  }

  @Test
  void contextRestrictsCompanies() {
    HttpResponse<Buffer> r = wire.json2("account.journal", "search_count", ADMIN.apiKey(),
        "{\"domain\": [], \"context\": {\"allowed_company_ids\": [2]}}");
    assertThat(r.bodyAsString()).isEqualTo("4");
    assertError(wire.json2("account.journal", "search_count", SERVICE.apiKey(),
        "{\"domain\": [], \"context\": {\"allowed_company_ids\": [2]}}"), 403, "odoo.exceptions.AccessError",
        "Access to unauthorized or invalid companies.");
  }

  @Test
  void countsCallsPerModelAndMethod() {
    long before = sandbox.callCount("res.country.unused", "search");
    wire.json2("res.company", "search_read", SERVICE.apiKey(), "{\"domain\": [], \"fields\": [\"name\"]}");
    wire.json2("res.company", "search_read", SERVICE.apiKey(), "{\"domain\": [], \"fields\": [\"name\"]}");
    assertThat(before).isZero();
    assertThat(sandbox.callCount("res.company", "search_read")).isEqualTo(2);
    assertThat(sandbox.committedCallCount("res.company", "search_read")).isEqualTo(2);
    assertThat(sandbox.records("res.company")).extracting(o -> o.getString("name"))
        .containsExactly("OFG Europe SA", "OFG Americas Inc");
    assertThat(sandbox.count("res.partner", new JsonArray(List.of(new JsonArray(List.of("ref", "=", "AZURE"))))))
        .isEqualTo(1);
  }
}
