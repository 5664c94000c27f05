package dev.ofg.policy.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.ClientConfig;
import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the gateway with {@code policy.watch} on: a changed file is picked up without any call, and a broken one is
 * refused while the configuration in force keeps serving.
 */
@ExtendWith(VertxExtension.class)
class PolicyFileWatchTest {
  private static final String LATE_KEY = "late-" + UUID.randomUUID();
  private static final GatewayTestKit.Options WATCHED = GatewayTestKit.Options.defaults().withJwt()
      .withYaml("policy:\n  watch: true\n  watchInterval: 100ms\n");
  private static final GatewayTestKit.Options WITH_LATE = GatewayTestKit.Options.defaults().withJwt()
      .withYaml(String.join("\n",
          "  - id: late",
          "    uid: 200601",
          "    roles: [reader]",
          "    apiKeys: [{ sha256: " + ClientConfig.sha256Hex(LATE_KEY) + " }]",
          "policy:",
          "  watch: true",
          "  watchInterval: 100ms",
          ""));
  private static GatewayTestKit kit;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    GatewayTestKit.start(vertx, WATCHED).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static Future<HttpResponse<Buffer>> readPartner(String apiKey) {
    return kit.http().get("/api/v1/partners/WATCH-NOBODY").putHeader("Authorization", "Bearer " + apiKey).send();
  }

  private static Future<JsonObject> lastReload() {
    return kit.management().get("/admin/reload").putHeader("Authorization", "Bearer " + kit.adminToken()).send()
        .map(response -> response.statusCode() == 200 ? response.bodyAsJsonObject() : new JsonObject());
  }

  @Test
  void aChangedFileIsAppliedAndABrokenOneIsRefusedWithoutAnyCall(VertxTestContext test) {
    readPartner(LATE_KEY)
        .compose(before -> kit.writeConfig(WITH_LATE)
            .compose(v -> kit.eventually(() -> readPartner(LATE_KEY), response -> response.statusCode() != 401,
                Duration.ofSeconds(10)))
            .compose(after -> lastReload().compose(applied -> kit.writeConfigText("clients: [unclosed\n")
                .compose(v -> kit.eventually(PolicyFileWatchTest::lastReload,
                    report -> "refused".equals(report.getString("outcome")), Duration.ofSeconds(10)))
                .compose(refused -> readPartner(LATE_KEY).map(stillServing -> {
                  test.verify(() -> {
                    assertThat(before.statusCode()).isEqualTo(401);
                    assertThat(after.statusCode()).isEqualTo(404);
                    assertThat(applied.getString("trigger")).isEqualTo("watch");
                    assertThat(applied.getJsonArray("changed")).containsExactly("clients (added [late])");
                    assertThat(refused.getString("trigger")).isEqualTo("watch");
                    assertThat(refused.getJsonArray("problems").getString(0)).contains("not valid YAML");
                    assertThat(stillServing.statusCode()).isEqualTo(404);
                  });
                  return null;
                })))))
        .onComplete(test.succeedingThenComplete());
  }
}
