package dev.ofg.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.OdooConfig;
import dev.ofg.config.Secret;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.TraceContext;
import dev.ofg.sandbox.OdooSandbox;
import dev.ofg.sandbox.SandboxOptions;
import dev.ofg.sandbox.SandboxUser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Exercises the Odoo client against the sandbox over real HTTP, for both of Odoo's external APIs. */
@ExtendWith(VertxExtension.class)
class OdooClientTest {
  private static final TraceContext TRACE = TraceContext.generate();
  private final String password = "svc-" + UUID.randomUUID();
  private final String apiKey = "key-" + UUID.randomUUID();
  private OdooSandbox sandbox;

  @BeforeEach
  void startSandbox(Vertx vertx, VertxTestContext test) {
    SandboxUser service = SandboxUser.financeService(6, "svc", password, apiKey, List.of(1L));
    OdooSandbox.start(vertx, new SandboxOptions("127.0.0.1", 0, "db", "19.0", List.of(service), true))
        .onComplete(test.succeeding(started -> {
          sandbox = started;
          test.completeNow();
        }));
  }

  @AfterEach
  void stopSandbox(VertxTestContext test) {
    sandbox.close().onComplete(test.succeedingThenComplete());
  }

  private OdooClient client(Vertx vertx, OdooConfig.OdooProtocol protocol, Duration timeout, int retries) {
    OdooConfig config = new OdooConfig(URI.create(sandbox.baseUrl()), protocol, "db", "svc", Secret.of(password),
        Secret.of(apiKey), timeout, Duration.ofSeconds(1), 4, 16,
        new OdooConfig.RetryConfig(retries, Duration.ofMillis(5), Duration.ofMillis(20)),
        new OdooConfig.BreakerConfig(3, Duration.ofSeconds(10), Duration.ofSeconds(30)), new JsonObject());
    return ResilientOdooClient.create(vertx, config, new SimpleMeterRegistry());
  }

  private static OdooCall create(String model, JsonObject values) {
    return OdooCall.of(model, "create", values);
  }

  @ParameterizedTest
  @EnumSource(OdooConfig.OdooProtocol.class)
  void createsAndReadsAsTheServiceAccount(OdooConfig.OdooProtocol protocol, Vertx vertx, VertxTestContext test) {
    OdooClient odoo = client(vertx, protocol, Duration.ofSeconds(2), 3);
    odoo.execute(create("res.partner", new JsonObject().put("name", "Client Test").put("ref", "CT-1")), TRACE)
        .compose(id -> odoo.execute(new OdooCall("res.partner", "read", new JsonArray().add(new JsonArray().add(id)),
            new JsonObject().put("fields", new JsonArray().add("name").add("ref"))), TRACE)
            .map(rows -> new Object[] {id, rows}))
        .onComplete(test.succeeding(pair -> test.verify(() -> {
          assertThat(pair[0]).isInstanceOf(Number.class);
          JsonObject row = ((JsonArray) pair[1]).getJsonObject(0);
          assertThat(row.getString("name")).isEqualTo("Client Test");
          assertThat(row.getString("ref")).isEqualTo("CT-1");
          assertThat(sandbox.committedCallCount("res.partner", "create")).isEqualTo(1);
          test.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(OdooConfig.OdooProtocol.class)
  void mapsEachOdooErrorClass(OdooConfig.OdooProtocol protocol, Vertx vertx, VertxTestContext test) {
    OdooClient odoo = client(vertx, protocol, Duration.ofSeconds(2), 3);
    JsonObject line = new JsonObject().put("date", "2026-11-20").put("amount", 10.0).put("payment_ref", "x")
        .put("unique_import_id", "dup-1").put("journal_id", journal(odoo));
    Future<OdooFault> validation = odoo.execute(create("account.bank.statement.line", line), TRACE)
        .compose(first -> odoo.execute(create("account.bank.statement.line", line), TRACE))
        .transform(result -> Future.succeededFuture((OdooFault) result.cause()));
    // Odoo's read() silently skips missing ids; write() raises MissingError.
    Future<OdooFault> missing = odoo.execute(OdooCall.of("res.partner", "write",
            new JsonArray().add(987654), new JsonObject().put("name", "x")), TRACE)
        .transform(result -> Future.succeededFuture((OdooFault) result.cause()));
    Future<OdooFault> access = odoo.execute(OdooCall.of("res.partner", "unlink", new JsonArray().add(1)), TRACE)
        .transform(result -> Future.succeededFuture((OdooFault) result.cause()));
    Future<OdooFault> user = odoo.execute(create("account.move", new JsonObject().put("move_type", "out_invoice")), TRACE)
        .compose(id -> odoo.execute(OdooCall.of("account.move", "action_post", new JsonArray().add(id)), TRACE))
        .transform(result -> Future.succeededFuture((OdooFault) result.cause()));
    Future.all(validation, missing, access, user).onComplete(test.succeeding(all -> test.verify(() -> {
      assertThat(validation.result().code()).isEqualTo(ProblemCode.ODOO_VALIDATION_ERROR);
      assertThat(missing.result().code()).isEqualTo(ProblemCode.ODOO_MISSING_RECORD);
      assertThat(access.result().code()).isEqualTo(ProblemCode.ODOO_ACCESS_ERROR);
      assertThat(user.result().code()).isEqualTo(ProblemCode.ODOO_USER_ERROR);
      assertThat(List.of(validation.result(), missing.result(), access.result(), user.result()))
          .allSatisfy(fault -> assertThat(fault.kind()).isEqualTo(OdooFault.Kind.BUSINESS));
      test.completeNow();
    })));
  }

  @ParameterizedTest
  @EnumSource(OdooConfig.OdooProtocol.class)
  void retriesSerializationFailuresUntilOdooSucceeds(OdooConfig.OdooProtocol protocol, Vertx vertx,
      VertxTestContext test) {
    OdooClient odoo = client(vertx, protocol, Duration.ofSeconds(2), 3);
    sandbox.faults().serializationFailures(2);
    odoo.execute(create("res.partner", new JsonObject().put("name", "Retried")), TRACE)
        .onComplete(test.succeeding(id -> test.verify(() -> {
          assertThat(sandbox.committedCallCount("res.partner", "create")).isEqualTo(1);
          assertThat(sandbox.callCount("res.partner", "create")).isEqualTo(3);
          test.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(OdooConfig.OdooProtocol.class)
  void givesUpOnPersistentConflictsAsATechnicalFailure(OdooConfig.OdooProtocol protocol, Vertx vertx,
      VertxTestContext test) {
    OdooClient odoo = client(vertx, protocol, Duration.ofSeconds(2), 3);
    sandbox.faults().serializationFailures(10);
    odoo.execute(create("res.partner", new JsonObject().put("name", "Never")), TRACE)
        .onComplete(test.failing(failure -> test.verify(() -> {
          OdooFault fault = (OdooFault) failure;
          assertThat(fault.code()).isEqualTo(ProblemCode.ODOO_CONCURRENCY_CONFLICT);
          assertThat(fault.toProblem().retryAfterSeconds()).isNotNull();
          assertThat(sandbox.callCount("res.partner", "create")).isEqualTo(3);
          assertThat(sandbox.committedCallCount("res.partner", "create")).isZero();
          test.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(OdooConfig.OdooProtocol.class)
  void timesOutOnAHangingOdoo(OdooConfig.OdooProtocol protocol, Vertx vertx, VertxTestContext test) {
    OdooClient odoo = client(vertx, protocol, Duration.ofMillis(300), 3);
    sandbox.faults().hang(true);
    odoo.execute(OdooCall.of("res.partner", "search_count", new JsonArray()), TRACE)
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(((OdooFault) failure).code()).isEqualTo(ProblemCode.ODOO_TIMEOUT);
          assertThat(((OdooFault) failure).outcomeUncertain()).isTrue();
          test.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(OdooConfig.OdooProtocol.class)
  void reportsServerErrorsAsBadGateway(OdooConfig.OdooProtocol protocol, Vertx vertx, VertxTestContext test) {
    OdooClient odoo = client(vertx, protocol, Duration.ofSeconds(2), 3);
    sandbox.faults().errorRate(1.0);
    odoo.execute(OdooCall.of("res.partner", "search_count", new JsonArray()), TRACE)
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(((OdooFault) failure).kind()).isEqualTo(OdooFault.Kind.TECHNICAL);
          assertThat(((OdooFault) failure).toProblem().status()).isIn(502, 503);
          test.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(OdooConfig.OdooProtocol.class)
  void opensTheBreakerAfterTechnicalFailuresButNotBusinessOnes(OdooConfig.OdooProtocol protocol, Vertx vertx,
      VertxTestContext test) {
    OdooClient odoo = client(vertx, protocol, Duration.ofSeconds(2), 1);
    OdooCall missing = OdooCall.of("res.partner", "write", new JsonArray().add(99999), new JsonObject().put("name", "x"));
    OdooCall count = OdooCall.of("res.partner", "search_count", new JsonArray());
    Future<Void> businessFailures = Future.succeededFuture();
    for (int i = 0; i < 5; i++) {
      businessFailures = businessFailures.compose(v -> odoo.execute(missing, TRACE).otherwiseEmpty().mapEmpty());
    }
    businessFailures
        .compose(v -> {
          assertThat(odoo.breakerOpen()).as("business errors do not open the breaker").isFalse();
          sandbox.faults().down(true);
          Future<Void> technical = Future.succeededFuture();
          for (int i = 0; i < 3; i++) {
            technical = technical.compose(x -> odoo.execute(count, TRACE).otherwiseEmpty().mapEmpty());
          }
          return technical;
        })
        .compose(v -> {
          sandbox.faults().down(false);
          long callsBefore = sandbox.callCount("res.partner", "search_count");
          return odoo.execute(count, TRACE).transform(result -> Future.succeededFuture(
              new Object[] {result.cause(), callsBefore}));
        })
        .onComplete(test.succeeding(outcome -> test.verify(() -> {
          assertThat(odoo.breakerOpen()).isTrue();
          OdooFault fault = (OdooFault) outcome[0];
          assertThat(fault.code()).isEqualTo(ProblemCode.ODOO_UNAVAILABLE);
          assertThat(fault.toProblem().retryAfterSeconds()).isEqualTo(30L);
          assertThat(sandbox.callCount("res.partner", "search_count")).isEqualTo((long) outcome[1]);
          test.completeNow();
        })));
  }

  @ParameterizedTest
  @EnumSource(OdooConfig.OdooProtocol.class)
  void sendsTheCorrelationIdAndTraceparentToOdoo(OdooConfig.OdooProtocol protocol, Vertx vertx,
      VertxTestContext test) {
    List<String> correlationIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> traceparents = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.vertx.core.http.HttpClient upstream = vertx.createHttpClient();
    // A recording proxy in front of the sandbox: the gateway talks to it as if it were Odoo.
    vertx.createHttpServer().requestHandler(request -> request.body().compose(body -> {
      correlationIds.add(String.valueOf(request.getHeader("X-Correlation-Id")));
      traceparents.add(String.valueOf(request.getHeader("traceparent")));
      io.vertx.core.http.RequestOptions options = new io.vertx.core.http.RequestOptions()
          .setMethod(request.method()).setHost("127.0.0.1").setPort(sandbox.port()).setURI(request.uri())
          .setHeaders(request.headers());
      return upstream.request(options).compose(out -> out.send(body)).compose(answer -> answer.body()
          .map(bytes -> request.response().setStatusCode(answer.statusCode()).putHeader("Content-Type",
              String.valueOf(answer.getHeader("Content-Type"))).end(bytes)));
    })).listen(0, "127.0.0.1").compose(proxy -> {
      OdooConfig config = new OdooConfig(URI.create("http://127.0.0.1:" + proxy.actualPort()), protocol, "db", "svc",
          Secret.of(password), Secret.of(apiKey), Duration.ofSeconds(2), Duration.ofSeconds(1), 4, 16,
          OdooConfig.RetryConfig.DEFAULT, OdooConfig.BreakerConfig.DEFAULT, new JsonObject());
      OdooClient odoo = ResilientOdooClient.create(vertx, config, new SimpleMeterRegistry());
      TraceContext trace = TraceContext.from("order-4711", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
      return odoo.execute(OdooCall.of("res.partner", "search_count", new JsonArray()), trace);
    }).onComplete(test.succeeding(count -> test.verify(() -> {
      assertThat(correlationIds).isNotEmpty().containsOnly("order-4711");
      assertThat(traceparents).isNotEmpty()
          .allSatisfy(header -> assertThat(header).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01"));
      test.completeNow();
    })));
  }

  private long journal(OdooClient odoo) {
    return sandbox.records("account.journal").stream().filter(j -> "bank".equals(j.getString("type")))
        .findFirst().orElseThrow().getLong("id");
  }
}
