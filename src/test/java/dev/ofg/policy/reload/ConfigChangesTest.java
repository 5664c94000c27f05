package dev.ofg.policy.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.GatewayConfig;
import dev.ofg.config.GatewayConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChangesTest {
  private static final String BASE = String.join("\n",
      "odoo:",
      "  url: http://odoo.internal:8069",
      "  database: prod",
      "  login: gateway",
      "  password: ${ODOO_PASSWORD}",
      "roles:",
      "  finance:",
      "    models:",
      "      res.partner: ['@read', create]",
      "clients:",
      "  - id: shop",
      "    roles: [finance]",
      "    apiKeys:",
      "      - key: ${SHOP_KEY}",
      "  - id: bi",
      "    roles: [finance]",
      "");

  private static GatewayConfig parse(String yaml) {
    return new GatewayConfigLoader(Map.of("ODOO_PASSWORD", "s3cret", "SHOP_KEY", "k1", "OTHER_KEY", "k2"))
        .parse(yaml, "test.yaml");
  }

  @Test
  void reportsNothingForTheSameFile() {
    ConfigChanges changes = ConfigChanges.between(parse(BASE), parse(BASE), parse(BASE));

    assertThat(changes.applied()).isEmpty();
    assertThat(changes.needsRestart()).isEmpty();
  }

  @Test
  void namesClientsByIdAddedRemovedAndChangedNeverByCredentials() {
    String next = BASE.replace("  - id: bi\n    roles: [finance]\n",
        "  - id: crm\n    roles: [finance]\n").replace("${SHOP_KEY}", "${OTHER_KEY}");

    ConfigChanges changes = ConfigChanges.between(parse(BASE), parse(BASE), parse(next));

    assertThat(changes.applied()).containsExactly("clients (added [crm], removed [bi], changed [shop])");
    assertThat(String.join(" ", changes.applied())).doesNotContain("k2").doesNotContain("sha");
  }

  @Test
  void appliesPolicySectionsAndReportsOthersAsNeedingARestart() {
    String next = BASE.replace("'@read', create]", "'@read']")
        + "limits:\n  routes:\n    /jsonrpc: { maxJsonDepth: 8 }\n"
        + "rateLimits:\n  routeClasses:\n    facade: { ratePerSecond: 5 }\n  outbound: { ratePerSecond: 10 }\n"
        + "server:\n  maxBodyBytes: 2048\n"
        + "audit:\n  batchSize: 10\n"
        + "policy:\n  watch: true\n"
        + "webhooks:\n  sources:\n    shop:\n      type: stripe\n      secrets:\n        - value: ${SHOP_KEY}\n"
        + "bankImport:\n  createBatchSize: 10\n";
    String odoo = next.replace("database: prod", "database: other");

    ConfigChanges changes = ConfigChanges.between(parse(BASE), parse(BASE), parse(odoo));

    assertThat(changes.applied()).containsExactly("roles", "limits", "rateLimits.routeClasses");
    assertThat(changes.needsRestart())
        .containsExactly("server", "odoo", "audit", "policy", "webhooks", "bankImport", "rateLimits.outbound");
  }

  @Test
  void comparesRestartSectionsWithWhatTheProcessStartedWith() {
    String changedServer = BASE + "server:\n  maxBodyBytes: 2048\n";

    // Applied once already: the reloadable part is unchanged since then, the restart is still pending.
    ConfigChanges again = ConfigChanges.between(parse(BASE), parse(changedServer), parse(changedServer));
    ConfigChanges reverted = ConfigChanges.between(parse(BASE), parse(changedServer), parse(BASE));

    assertThat(again.applied()).isEmpty();
    assertThat(again.needsRestart()).containsExactly("server");
    assertThat(reverted.needsRestart()).isEmpty();
  }
}
