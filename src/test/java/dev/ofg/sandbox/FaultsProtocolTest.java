package dev.ofg.sandbox;

import static dev.ofg.sandbox.SandboxFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fault modes over real HTTP, switched through the Java API and through {@code /sandbox/faults}. */
@ExtendWith(VertxExtension.class)
class FaultsProtocolTest {
  private OdooSandbox sandbox;
  private OdooWire wire;

  @BeforeEach
  void start(Vertx vertx) {
    sandbox = OdooSandbox.start(vertx, SandboxFixture.options("19.0")).await();
    wire = new OdooWire(vertx, sandbox.port());
  }

  @AfterEach
  void stop() {
    wire.close();
    sandbox.close().await();
  }

  private HttpResponse<Buffer> version() {
    return wire.jsonRpc("/jsonrpc", 1, OdooWire.service("common", "version"));
  }

  private JsonObject createPartner(String name) {
    return wire.executeKw(ADMIN, "res.partner", "create", new JsonArray().add(new JsonObject().put("name", name)),
        new JsonObject());
  }

  @Test
  void addsLatency() {
    sandbox.faults().latencyMs(300);
    long start = System.nanoTime();
    HttpResponse<Buffer> r = version();
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(300);
  }

  @Test
  void errorRateAnswersWerkzeugInternalServerError() {
    sandbox.faults().errorRate(1.0);
    HttpResponse<Buffer> r = version();
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
    // werkzeug 3.1 InternalServerError().get_response() body, printed by CPython
    assertThat(r.bodyAsString()).isEqualTo("<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
        + "<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your"
        + " request. Either the server is overloaded or there is an error in the application.</p>\n");
    sandbox.faults().errorRate(0);
    assertThat(version().statusCode()).isEqualTo(200);
  }

  @Test
  void downClosesConnectionsWithoutAnswer() {
    sandbox.faults().down(true);
    assertThatThrownBy(this::version).hasMessageContaining("closed");
    sandbox.faults().down(false);
    assertThat(version().statusCode()).isEqualTo(200);
  }

  @Test
  void hangNeverAnswers() {
    sandbox.faults().hang(true);
    assertThatThrownBy(() -> wire.request(HttpMethod.POST, "/jsonrpc").timeout(300)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(OdooWire.envelope(1, OdooWire.service("common", "version")))).await())
        .hasMessageContaining("timeout");
  }

  @Test
  void serializationFailuresHitTheNextCallsThenClear() {
    sandbox.faults().serializationFailures(2);
    JsonObject first = createPartner("Contended");
    JsonObject second = createPartner("Contended");
    JsonObject third = createPartner("Contended");
    JsonObject data = first.getJsonObject("error").getJsonObject("data");
    assertThat(data.getString("name")).isEqualTo("psycopg2.errors.SerializationFailure");
    assertThat(data.getString("message")).isEqualTo("could not serialize access due to concurrent update\n");
    assertThat(second.containsKey("error")).isTrue();
    assertThat(third.getLong("result")).isPositive();
    assertThat(sandbox.callCount("res.partner", "create")).isEqualTo(3);
    assertThat(sandbox.committedCallCount("res.partner", "create")).isEqualTo(1);
    assertThat(sandbox.count("res.partner", new JsonArray().add(new JsonArray().add("name").add("=")
        .add("Contended")))).isEqualTo(1);
  }

  @Test
  void serializationFailureIsA500OnJson2() {
    sandbox.faults().serializationFailureRate(1.0);
    HttpResponse<Buffer> r = wire.json2("res.partner", "search_count", ADMIN.apiKey(), "{\"domain\": []}");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.bodyAsJsonObject().getString("name")).isEqualTo("psycopg2.errors.SerializationFailure");
  }

  @Test
  void faultsAreSwitchableOverHttp() {
    HttpResponse<Buffer> put = wire.request(HttpMethod.PUT, "/sandbox/faults")
        .sendBuffer(Buffer.buffer("{\"errorRate\": 1, \"serializationFailures\": 3}")).await();
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(sandbox.faults().errorRate()).isEqualTo(1.0);
    assertThat(sandbox.faults().serializationFailures()).isEqualTo(3);
    HttpResponse<Buffer> get = wire.request(HttpMethod.GET, "/sandbox/faults").send().await();
    assertThat(get.bodyAsJsonObject().getDouble("errorRate")).isEqualTo(1.0);
    assertThat(version().statusCode()).isEqualTo(500);

    HttpResponse<Buffer> invalid = wire.request(HttpMethod.PUT, "/sandbox/faults")
        .sendBuffer(Buffer.buffer("{\"errorRate\": 0, \"latencyMs\": -5}")).await();
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.bodyAsJsonObject().getString("error")).isEqualTo("latencyMs: -5 (expected: 0..600000)");
    assertThat(sandbox.faults().errorRate()).isEqualTo(1.0);

    HttpResponse<Buffer> reset = wire.request(HttpMethod.POST, "/sandbox/reset").send().await();
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(sandbox.faults().errorRate()).isZero();
    assertThat(version().statusCode()).isEqualTo(200);
  }

  @Test
  void resetRestoresTheInitialData() {
    createPartner("Temporary");
    long before = sandbox.count("res.partner", new JsonArray());
    sandbox.reset();
    assertThat(sandbox.count("res.partner", new JsonArray())).isEqualTo(before - 1);
    assertThat(sandbox.callCount("res.partner", "create")).isZero();
  }

  @Test
  void mountedRoutesShareThePortAndIgnoreFaults() {
    sandbox.router().get("/sinks/ping").handler(rc -> rc.response().end("pong"));
    sandbox.faults().down(true);
    HttpResponse<Buffer> r = wire.request(HttpMethod.GET, "/sinks/ping").send().await();
    assertThat(r.bodyAsString()).isEqualTo("pong");
  }
}
