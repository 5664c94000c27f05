package dev.ofg.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class RetentionConfigTest {
  private final List<String> problems = new ArrayList<>();

  private RetentionConfig read(JsonObject raw) {
    return RetentionConfig.read(new ConfigReader(raw, raw, "retention", problems));
  }

  /** Reads the {@code retention:} section of a shipped configuration file. */
  private RetentionConfig shipped(String file) throws IOException {
    Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(Files.readString(Path.of(file), StandardCharsets.UTF_8));
    return read(new JsonObject(Json.encode(document)).getJsonObject("retention"));
  }

  @Test
  void defaultsKeepAuditNinetyDaysInboxAndDeliveredEventsThirtyAndLineageForever() {
    RetentionConfig config = read(new JsonObject());

    assertThat(problems).isEmpty();
    assertThat(config).isEqualTo(RetentionConfig.DEFAULT);
    assertThat(config.enabled()).isTrue();
    assertThat(config.interval()).isEqualTo(Duration.ofHours(1));
    assertThat(config.batchSize()).isEqualTo(5000);
    assertThat(config.audit()).isEqualTo(Duration.ofDays(400));
    assertThat(config.webhookInbox()).isEqualTo(Duration.ofDays(35));
    assertThat(config.deliveredEvents()).isEqualTo(Duration.ofDays(30));
    assertThat(config.analyticsLineage()).isNull();
  }

  @Test
  void readsEveryKeyAndNeverAsKeptForever() {
    RetentionConfig config = read(new JsonObject().put("enabled", false).put("interval", "15m")
        .put("batchSize", 1000).put("maxRowsPerRun", 50000).put("audit", "never").put("webhookInbox", "7d")
        .put("deliveredEvents", "P14D").put("analyticsLineage", "400d"));

    assertThat(problems).isEmpty();
    assertThat(config).isEqualTo(new RetentionConfig(false, Duration.ofMinutes(15), 1000, 50000, null,
        Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(400)));
  }

  @Test
  void refusesAWebhookInboxShorterThanTheProvidersRetryWindow() {
    read(new JsonObject().put("webhookInbox", "3d"));

    assertThat(problems).containsExactly("retention.webhookInbox: \"3d\" (expected: >= 7d or never; the inbox is"
        + " the webhook dedupe memory and must outlast the providers' retries, up to 3 days at Stripe, or a late"
        + " re-send is taken for a new event)");
    assertThatThrownBy(() -> new RetentionConfig(true, Duration.ofHours(1), 10, 10, null, Duration.ofDays(6), null,
        null)).hasMessageStartingWith("retention.webhookInbox: PT144H (expected: >= 7d or never; the inbox is");
  }

  @Test
  void refusesAnAgeBelowItsFloorAsWritten() {
    read(new JsonObject().put("audit", "90m").put("analyticsLineage", "30d"));

    assertThat(problems).containsExactlyInAnyOrder("retention.audit: \"90m\" (expected: >= 1d or never)",
        "retention.analyticsLineage: \"30d\" (expected: >= 400d or never)");
  }

  @Test
  void refusesAgesThatAreNotDurationsNamingTheKey() {
    read(new JsonObject().put("audit", "forever").put("deliveredEvents", "-1d").put("interval", "hourly"));

    assertThat(problems).containsExactlyInAnyOrder(
        "retention.audit: \"forever\" (expected: a duration such as 30d or 720h, or never)",
        "retention.deliveredEvents: \"-1d\" (expected: a duration such as 30d or 720h, or never)",
        "retention.interval: \"hourly\" (expected: a duration such as 250ms, 30s, 5m, 24h or PT30S)");
  }

  @Test
  void refusesAnUnknownKey() {
    read(new JsonObject().put("auditt", "90d"));

    assertThat(problems).containsExactly("retention.auditt: unknown key (expected one of: enabled, interval, "
        + "batchSize, maxRowsPerRun, audit, webhookInbox, deliveredEvents, analyticsLineage)");
  }

  @Test
  void refusesABatchSizeOfZero() {
    read(new JsonObject().put("batchSize", 0));

    assertThat(problems).containsExactly("retention.batchSize: 0 (expected: 1..100000)");
  }

  @Test
  void validatesEveryValueNamingTheExpectation() {
    Duration day = Duration.ofDays(1);
    Duration week = Duration.ofDays(7);
    assertThatThrownBy(() -> new RetentionConfig(true, Duration.ofSeconds(30), 10, 10, day, week, day, null))
        .hasMessage("retention.interval: PT30S (expected: >= 1m)");
    assertThatThrownBy(() -> new RetentionConfig(true, Duration.ofHours(1), 10, 9, day, week, day, null))
        .hasMessage("retention.maxRowsPerRun: 9 (expected: >= batchSize 10)");
    assertThatThrownBy(() -> new RetentionConfig(true, Duration.ofHours(1), 10, 10, Duration.ofMinutes(90), week,
        day, null)).hasMessage("retention.audit: PT1H30M (expected: >= 1d or never)");
    assertThatThrownBy(() -> new RetentionConfig(true, Duration.ofHours(1), 10, 10, day, week, Duration.ZERO, null))
        .hasMessage("retention.deliveredEvents: PT0S (expected: >= 1d or never)");
    assertThatThrownBy(() -> new RetentionConfig(true, Duration.ofHours(1), 10, 10, day, week, day,
        Duration.ofDays(30))).hasMessage("retention.analyticsLineage: PT720H (expected: >= 400d or never)");
  }

  @Test
  void warnsWhenAnAdyenSourceMayResendAfterTheInboxForgotTheEvent() {
    RetentionConfig thirtyDays = read(new JsonObject().put("webhookInbox", "30d"));
    RetentionConfig longer = RetentionConfig.DEFAULT;

    assertThat(thirtyDays.inboxRetentionWarning(List.of("stripe", "adyen"))).hasValueSatisfying(warning ->
        assertThat(warning).startsWith("retention.webhookInbox is 30d, but Adyen re-sends an unacknowledged"
            + " notification for up to 30 days"));
    assertThat(thirtyDays.inboxRetentionWarning(List.of("stripe", "gocardless"))).isEmpty();
    assertThat(longer.inboxRetentionWarning(List.of("adyen"))).isEmpty();
  }

  @Test
  void theShippedConfigurationsAreValid() throws IOException {
    RetentionConfig production = shipped("conf/gateway.yaml");
    RetentionConfig demo = shipped("conf/demo.yaml");

    assertThat(problems).isEmpty();
    assertThat(production).isEqualTo(RetentionConfig.DEFAULT);
    assertThat(demo.webhookInbox()).isEqualTo(Duration.ofDays(35));
    assertThat(demo.interval()).isEqualTo(Duration.ofMinutes(10));
  }
}
