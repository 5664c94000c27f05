package dev.ofg.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class DeliveryConfigTest {
  private static final String FULL = String.join("\n",
      "relay:",
      "  pollInterval: 100ms",
      "  batchSize: 20",
      "  leaseMargin: 5s",
      "retry:",
      "  schedule: [1s, 10s, 1m]",
      "  jitter: none",
      "breaker:",
      "  failureThreshold: 3",
      "window: 16",
      "timeout: 5s",
      "routes:",
      "  - events: [payment.*]",
      "    targets: [bank, treasury]",
      "    priority: high",
      "  - events: [invoice.posted, invoice.paid]",
      "    targets: [treasury]",
      "targets:",
      "  treasury:",
      "    url: https://treasury.example.com/hooks",
      "    secret: ${TREASURY_SECRET}",
      "    window: 4",
      "  bank:",
      "    journalCode: BNK1",
      "    park:",
      "      deadline: 2h",
      "  analytics:",
      "    mode: postgres",
      "    interval: 1m",
      "    cutoffLag: 2s",
      "    since: 2026-01-01T00:00:00",
      "");

  private final List<String> problems = new ArrayList<>();

  private DeliveryConfig read(String yaml) {
    Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    JsonObject raw = new JsonObject(Json.encode(document));
    JsonObject resolved = new Placeholders(Map.of("TREASURY_SECRET", "whsec_c2VjcmV0c2VjcmV0c2VjcmV0",
        "TREASURY_URL", "https://treasury.example.com/hooks/odoo",
        "TREASURY_WEBHOOK_SECRET", "whsec_c2VjcmV0c2VjcmV0c2VjcmV0")).resolve(raw, "delivery", problems);
    return DeliveryConfig.read(new ConfigReader(resolved, raw, "delivery", problems));
  }

  private void assertProblem(String yaml, String expected) {
    assertThat(read(yaml)).isNull();
    assertThat(problems).anySatisfy(problem -> assertThat(problem).contains(expected));
  }

  @Test
  void readsRelayPolicyRoutesAndTargetsWithPerTargetOverrides() {
    DeliveryConfig config = read(FULL);

    assertThat(problems).isEmpty();
    assertThat(config.relay().batchSize()).isEqualTo(20);
    assertThat(config.configuredTargets()).containsExactly("treasury", "bank", "analytics");
    assertThat(config.policy("treasury").window()).isEqualTo(4);
    assertThat(config.policy("treasury").retry().schedule()).containsExactly(Duration.ofSeconds(1),
        Duration.ofSeconds(10), Duration.ofMinutes(1));
    assertThat(config.policy("bank").window()).isEqualTo(16);
    assertThat(config.policy("bank").park().deadline()).isEqualTo(Duration.ofHours(2));
    assertThat(config.policy("bank").park().recheck()).isEqualTo(DeliveryConfig.Park.DEFAULT.recheck());
    assertThat(config.bank().journalCode()).isEqualTo("BNK1");
    assertThat(config.treasury().secret().reveal()).startsWith("whsec_");
    assertThat(config.analytics().mode()).isEqualTo(DeliveryConfig.AnalyticsMode.POSTGRES);
    assertThat(config.analytics().since()).isEqualTo(LocalDateTime.of(2026, 1, 1, 0, 0));
    assertThat(config.routes().get(0).priority()).isEqualTo(DeliveryConfig.Priority.HIGH);
    assertThat(config.routes().get(1).priority()).isEqualTo(DeliveryConfig.Priority.NORMAL);
  }

  @Test
  void theDocumentedExampleInGatewayYamlIsValid() throws IOException {
    String file = Files.readString(Path.of("conf/gateway.yaml"), StandardCharsets.UTF_8);
    String example = file.substring(file.indexOf("# --- delivery example ---"),
        file.indexOf("# --- end of delivery example ---"));
    // Skip the marker and the "delivery:" line; "#   " off the rest leaves the section's own content.
    String yaml = example.lines().skip(2).map(line -> line.startsWith("# ") ? line.substring(4) : "")
        .collect(Collectors.joining("\n"));

    DeliveryConfig config = read(yaml);

    assertThat(problems).isEmpty();
    assertThat(config.configuredTargets()).containsExactly("treasury", "bank", "analytics", "statements");
    assertThat(config.policy("treasury").timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.policy("statements").timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.delivers("bank.statement.file.received", "statements")).isTrue();
    assertThat(config.defaults().retry()).isEqualTo(DeliveryConfig.Retry.DEFAULT);
  }

  @Test
  void readsTheStatementsTargetWithItsPolicyOverrides() {
    DeliveryConfig config = read(String.join("\n",
        "timeout: 5s",
        "routes:",
        "  - events: [bank.statement.file.received]",
        "    targets: [statements]",
        "targets:",
        "  statements:",
        "    timeout: 3m",
        "    window: 2",
        ""));

    assertThat(problems).isEmpty();
    assertThat(config.configuredTargets()).containsExactly("statements");
    assertThat(config.policy("statements").timeout()).isEqualTo(Duration.ofMinutes(3));
    assertThat(config.policy("statements").window()).isEqualTo(2);
    assertThat(config.delivers("bank.statement.file.received", "statements")).isTrue();
    assertThat(config.delivers("bank.statement.line.imported", "statements")).isFalse();
  }

  @Test
  void refusesOtherEventsOnARouteToStatements() {
    assertProblem("routes:\n  - events: [bank.statement.*]\n    targets: [statements, analytics]\n"
            + "targets:\n  statements: {}\n  analytics: {mode: postgres}",
        "delivery.routes[0]: events: [bank.statement.*] (expected: only bank.statement.file.received on a route to "
            + "statements)");
  }

  @Test
  void refusesAnUnknownKeyOfTheStatementsTarget() {
    assertProblem("targets:\n  statements:\n    journal: BNK1", "delivery.targets.statements.journal: unknown key");
  }

  @Test
  void refusesALiteralSecret() {
    assertProblem("targets:\n  treasury:\n    url: http://t.example\n    secret: whsec_literal",
        "delivery.targets.treasury.secret: a literal secret");
  }

  @Test
  void requiresASigningSecretForTreasury() {
    assertProblem("targets:\n  treasury:\n    url: http://t.example", "delivery.targets.treasury.secret: missing");
  }

  @Test
  void refusesANonHttpUrl() {
    assertProblem("targets:\n  treasury:\n    url: ftp://t.example\n    secret: ${TREASURY_SECRET}",
        "delivery.targets.treasury.url: \"ftp://t.example\" (expected: an http:// or https:// URL)");
  }

  @Test
  void refusesARouteToATargetThatIsNotConfigured() {
    assertProblem("routes:\n  - events: [ledger.*]\n    targets: [analytics]",
        "delivery.routes[0].targets: analytics (expected: a target configured under delivery.targets)");
  }

  @Test
  void namesTheBadDelayInTheSchedule() {
    assertProblem("retry:\n  schedule: [1s, soon]", "delivery.retry.schedule[1]: \"soon\"");
  }

  @Test
  void refusesAnUnknownKey() {
    assertProblem("widow: 3", "delivery.widow: unknown key");
  }

  @Test
  void refusesAWindowOfZero() {
    assertProblem("window: 0", "delivery.window: 0 (expected: 1..100000)");
  }
}
