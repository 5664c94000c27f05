package dev.ofg.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.ClientConfig;
import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Floods the gateway over HTTP with a bulk client while a critical client sends its normal traffic at the same
 * time: the bulk client is held to its share of the global budget (429, the tier named), every critical request is
 * served from the share reserved for it.
 */
@ExtendWith(VertxExtension.class)
class TiersUnderHttpFloodTest {
  private static final String IMPORTER_KEY = "importer-" + UUID.randomUUID();
  private static final String TREASURY_KEY = "treasury-" + UUID.randomUUID();
  private static final int BURST = 20;
  private static final double CRITICAL_SHARE = 0.5;
  private static final int FLOOD = 40;
  private static final int CRITICAL = 8;
  private static GatewayTestKit kit;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    GatewayTestKit.Options options = GatewayTestKit.Options.defaults().withYaml(String.join("\n",
        "  - id: importer",
        "    uid: 200401",
        "    roles: [reader]",
        "    tier: bulk",
        "    apiKeys: [{ sha256: " + ClientConfig.sha256Hex(IMPORTER_KEY) + " }]",
        "  - id: treasury",
        "    uid: 200402",
        "    roles: [reader]",
        "    tier: critical",
        "    apiKeys: [{ sha256: " + ClientConfig.sha256Hex(TREASURY_KEY) + " }]",
        "rateLimits:",
        "  global:",
        "    ratePerSecond: 1",
        "    burst: " + BURST,
        "    reserved:",
        "      critical: " + CRITICAL_SHARE,
        "  clients:",
        "    importer:",
        // The importer's own bucket is generous on purpose: only its tier's share stands in its way.
        "      finance-read: { ratePerSecond: 1000, burst: 1000 }",
        ""));
    GatewayTestKit.start(vertx, options).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static Future<HttpResponse<Buffer>> read(String key) {
    return kit.http().get("/api/v1/partners/FLOOD-NOBODY").putHeader("Authorization", "Bearer " + key).send();
  }

  @Test
  void criticalRequestsAreAllServedWhileABulkClientFloods(VertxTestContext test) {
    long started = System.nanoTime();
    List<Future<HttpResponse<Buffer>>> bulk = new ArrayList<>();
    List<Future<HttpResponse<Buffer>>> critical = new ArrayList<>();
    for (int i = 0; i < FLOOD; i++) {
      bulk.add(read(IMPORTER_KEY));
      if (i % (FLOOD / CRITICAL) == 0) {
        critical.add(read(TREASURY_KEY));
      }
    }
    List<Future<HttpResponse<Buffer>>> everything = new ArrayList<>(bulk);
    everything.addAll(critical);
    Future.join(everything).onComplete(test.succeeding(all -> test.verify(() -> {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      assertThat(critical).hasSize(CRITICAL);
      assertThat(critical).allSatisfy(response -> assertThat(response.result().statusCode()).isEqualTo(404));

      List<HttpResponse<Buffer>> refused = new ArrayList<>();
      bulk.forEach(response -> {
        if (response.result().statusCode() == 429) {
          refused.add(response.result());
        }
      });
      // Bulk may take the unreserved half of the burst plus what refills meanwhile (1 token/s).
      long refill = elapsed.toSeconds() + 1;
      assertThat(FLOOD - refused.size()).isLessThanOrEqualTo((int) (BURST * (1 - CRITICAL_SHARE) + refill));
      assertThat(refused).allSatisfy(response -> {
        assertThat(response.getHeader("Retry-After")).isNotNull();
        assertThat(response.getHeader("RateLimit-Limit")).isNotNull();
        assertThat(response.bodyAsJsonObject().getString("detail")).contains("capacity for bulk traffic");
      });
      assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
      test.completeNow();
    })));
  }
}
