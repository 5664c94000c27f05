package dev.ofg.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.svix.Webhook;
import com.svix.exceptions.EmptyWebhookSecretException;
import com.svix.exceptions.WebhookSigningException;
import dev.ofg.delivery.DeliveryTestKit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class DeliverySinksTest {
  private static final String SECRET = "whsec_" + Base64.getEncoder()
      .encodeToString("sink test secret of 32 bytes!!!!".getBytes(StandardCharsets.UTF_8));
  private static DeliverySinks sinks;
  private static HttpServer server;
  private static WebClient http;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    Map<String, String> secrets = new HashMap<>();
    secrets.put("treasury", SECRET);
    secrets.put("analytics", null);
    sinks = DeliverySinks.create(vertx, secrets);
    Router router = Router.router(vertx);
    sinks.mount(router);
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onComplete(test.succeeding(s -> {
      server = s;
      http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(s.actualPort()));
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    server.close().onComplete(test.succeedingThenComplete());
  }

  @BeforeEach
  void reset() {
    sinks.sink("treasury").clear();
    sinks.sink("treasury").mode(SinkMode.ACCEPT);
    sinks.sink("analytics").clear();
    sinks.sink("analytics").mode(SinkMode.ACCEPT);
  }

  /** Signs with Svix's library, the independent Standard Webhooks peer. */
  private static Future<HttpResponse<Buffer>> signed(String id, String body) {
    long now = Instant.now().getEpochSecond();
    String signature;
    try {
      signature = new Webhook(SECRET).sign(id, now, body);
    } catch (WebhookSigningException | EmptyWebhookSecretException e) {
      return Future.failedFuture(e);
    }
    return http.post("/sinks/treasury").putHeader("Content-Type", "application/json").putHeader("webhook-id", id)
        .putHeader("webhook-timestamp", Long.toString(now)).putHeader("webhook-signature", signature)
        .putHeader("Ofg-Event-Type", "invoice.posted").putHeader("Ofg-Aggregate", "invoice:SO-1")
        .sendBuffer(Buffer.buffer(body));
  }

  @Test
  void recordsOneEntryPerIdCountingRedeliveries(VertxTestContext test) {
    String id = UUID.randomUUID().toString();
    signed(id, "{\"type\":\"invoice.posted\"}")
        .compose(first -> signed(id, "{\"type\":\"invoice.posted\"}"))
        .compose(second -> http.get("/sinks/treasury/events").send())
        .onComplete(test.succeeding(listing -> test.verify(() -> {
          JsonObject body = listing.bodyAsJsonObject();
          assertThat(body.getInteger("distinct")).isEqualTo(1);
          assertThat(body.getInteger("accepted")).isEqualTo(2);
          JsonObject event = body.getJsonArray("events").getJsonObject(0);
          assertThat(event.getString("id")).isEqualTo(id);
          assertThat(event.getString("type")).isEqualTo("invoice.posted");
          assertThat(event.getString("aggregate")).isEqualTo("invoice:SO-1");
          assertThat(event.getInteger("timesReceived")).isEqualTo(2);
          assertThat(event.getString("signature")).isEqualTo("valid");
          assertThat(event.getJsonObject("body").getString("type")).isEqualTo("invoice.posted");
          test.completeNow();
        })));
  }

  @Test
  void refusesABadSignatureAndAMissingIdAndRecordsNeither(VertxTestContext test) {
    http.post("/sinks/treasury").putHeader("webhook-id", "x-1").putHeader("webhook-timestamp", "1")
        .putHeader("webhook-signature", "v1,AAAA").sendBuffer(Buffer.buffer("{}"))
        .compose(bad -> http.post("/sinks/analytics").sendBuffer(Buffer.buffer("{}")).map(noId -> new int[] {
            bad.statusCode(), noId.statusCode()}))
        .onComplete(test.succeeding(statuses -> test.verify(() -> {
          assertThat(statuses).containsExactly(401, 400);
          assertThat(sinks.sink("treasury").received()).isEmpty();
          assertThat(sinks.sink("analytics").received()).isEmpty();
          test.completeNow();
        })));
  }

  @Test
  void answersAnNdjsonBatchWithAReceipt(VertxTestContext test) throws Exception {
    String body = "{\"debit\":\"100.50\",\"credit\":\"0\"}\n{\"debit\":\"0\",\"credit\":\"100.50\"}\n";
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(body.getBytes(StandardCharsets.UTF_8)));
    http.post("/sinks/analytics").putHeader("Content-Type", "application/x-ndjson").putHeader("webhook-id", "b-1")
        .sendBuffer(Buffer.buffer(body))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          JsonObject receipt = response.bodyAsJsonObject();
          assertThat(receipt.getInteger("rows")).isEqualTo(2);
          assertThat(receipt.getString("sha256")).isEqualTo(sha);
          assertThat(receipt.getString("debit")).isEqualTo("100.50");
          assertThat(receipt.getString("credit")).isEqualTo("100.50");
          test.completeNow();
        })));
  }

  @Test
  void failsOnDemandInEveryMode(VertxTestContext test) {
    Future<Integer> error = mode("{\"mode\":\"error\"}").compose(v -> status());
    error.compose(e -> mode("{\"mode\":\"gone\"}").compose(v -> status()).map(g -> new int[] {e, g}))
        .compose(two -> mode("{\"mode\":\"reject\"}").compose(v -> status()).map(r -> new int[] {two[0], two[1], r}))
        .compose(three -> mode("{\"mode\":\"unavailable\",\"retryAfterSeconds\":7}")
            .compose(v -> http.post("/sinks/analytics").putHeader("webhook-id", "u").send())
            .map(unavailable -> {
              test.verify(() -> {
                assertThat(three).containsExactly(500, 410, 400);
                assertThat(unavailable.statusCode()).isEqualTo(503);
                assertThat(unavailable.getHeader("Retry-After")).isEqualTo("7");
              });
              return null;
            }))
        .compose(v -> mode("{\"mode\":\"down\"}"))
        .compose(v -> http.post("/sinks/analytics").putHeader("webhook-id", "d").send())
        .onComplete(down -> test.verify(() -> {
          assertThat(down.failed()).as("the connection is closed without an answer").isTrue();
          assertThat(sinks.sink("analytics").received()).isEmpty();
          assertThat(sinks.sink("analytics").requests()).isEqualTo(5);
          test.completeNow();
        }));
  }

  @Test
  void recordsOnArrivalAndAnswersAfterTheLatency(Vertx vertx, VertxTestContext test) {
    long started = System.nanoTime();
    mode("{\"mode\":\"accept\",\"latencyMs\":300}")
        .compose(v -> {
          Future<HttpResponse<Buffer>> answer = http.post("/sinks/analytics").putHeader("webhook-id", "slow").send();
          return DeliveryTestKit.awaitTrue(vertx, "recorded before the answer",
              Duration.ofSeconds(5), () -> sinks.sink("analytics").received("slow").isPresent())
              .map(v2 -> answer.isComplete()).compose(completedEarly -> answer.map(r -> completedEarly));
        })
        .onComplete(test.succeeding(answeredBeforeRecording -> test.verify(() -> {
          assertThat(answeredBeforeRecording).isFalse();
          assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(300_000_000L);
          test.completeNow();
        })));
  }

  @Test
  void refusesAnUnknownMode(VertxTestContext test) {
    http.put("/sinks/treasury/mode").sendBuffer(Buffer.buffer("{\"mode\":\"sulk\"}"))
        .compose(bad -> http.get("/sinks/nope/events").send().map(missing -> new int[] {bad.statusCode(),
            missing.statusCode()}))
        .onComplete(test.succeeding(statuses -> test.verify(() -> {
          assertThat(statuses).containsExactly(400, 404);
          test.completeNow();
        })));
  }

  private static Future<Void> mode(String json) {
    return http.put("/sinks/analytics/mode").sendBuffer(Buffer.buffer(json)).mapEmpty();
  }

  private static Future<Integer> status() {
    return http.post("/sinks/analytics").putHeader("webhook-id", UUID.randomUUID().toString()).send()
        .map(HttpResponse::statusCode);
  }
}
