package dev.ofg.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigLoaderTest {
  private static final String MINIMAL = String.join("\n",
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
      "");

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("ODOO_PASSWORD", "s3cret");
    env.put("SHOP_KEY", "shop-key-1");
    return env;
  }

  @Test
  void loadsMinimalConfigurationWithDefaults() {
    GatewayConfig config = new GatewayConfigLoader(env()).parse(MINIMAL, "test.yaml");

    assertThat(config.server().publicPort()).isEqualTo(8080);
    assertThat(config.server().managementPort()).isEqualTo(9090);
    assertThat(config.odoo().protocol()).isEqualTo(OdooConfig.OdooProtocol.JSON_RPC);
    assertThat(config.odoo().rpcSecret().reveal()).isEqualTo("s3cret");
    assertThat(config.odoo().retry()).isEqualTo(OdooConfig.RetryConfig.DEFAULT);
    assertThat(config.policy().roles().get("finance").models().get("res.partner"))
        .contains("read", "search_read", "create").doesNotContain("write", "unlink");
    ClientConfig shop = config.policy().clients().get(0);
    assertThat(shop.apiKeySha256()).containsExactly(ClientConfig.sha256Hex("shop-key-1"));
  }

  @Test
  void environmentOverridesThroughPlaceholdersWithDefaults() {
    String yaml = MINIMAL + "server:\n  publicPort: ${PORT:-8181}\n  shutdownGrace: ${GRACE:-250ms}\n";
    GatewayConfig defaults = new GatewayConfigLoader(env()).parse(yaml, "test.yaml");
    Map<String, String> env = env();
    env.put("PORT", "9999");
    GatewayConfig overridden = new GatewayConfigLoader(env).parse(yaml, "test.yaml");

    assertThat(defaults.server().publicPort()).isEqualTo(8181);
    assertThat(defaults.server().shutdownGrace()).isEqualTo(Duration.ofMillis(250));
    assertThat(overridden.server().publicPort()).isEqualTo(9999);
  }

  @Test
  void refusesLiteralSecrets() {
    String yaml = MINIMAL.replace("password: ${ODOO_PASSWORD}", "password: hunter2");

    assertThatThrownBy(() -> new GatewayConfigLoader(env()).parse(yaml, "test.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("odoo.password: a literal secret (expected: ${ENV_VAR} or passwordFile");
  }

  @Test
  void readsSecretsFromFiles(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("odoo_password");
    Files.writeString(secret, "from-file\n");
    String yaml = MINIMAL.replace("password: ${ODOO_PASSWORD}", "passwordFile: " + secret);

    GatewayConfig config = new GatewayConfigLoader(env()).parse(yaml, "test.yaml");

    assertThat(config.odoo().rpcSecret().reveal()).isEqualTo("from-file");
    assertThat(config.odoo().rpcSecret().toString()).doesNotContain("from-file");
  }

  @Test
  void reportsEveryProblemWithItsPathAndExpectation() {
    String yaml = MINIMAL + String.join("\n",
        "server:",
        "  publcPort: 1",
        "  managementPort: 70000",
        "  shutdownGrace: soon",
        "");

    assertThatThrownBy(() -> new GatewayConfigLoader(env()).parse(yaml, "test.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "server.managementPort: 70000 (expected: 0..65535)",
            "server.shutdownGrace: \"soon\" (expected: a duration such as 250ms, 30s, 5m, 24h or PT30S)",
            "server.publcPort: unknown key (expected one of: host, publicPort, managementPort, instances, "
                + "maxBodyBytes, shutdownGrace)"));
  }

  @Test
  void reportsMissingEnvironmentVariableByKey() {
    Map<String, String> env = env();
    env.remove("SHOP_KEY");

    assertThatThrownBy(() -> new GatewayConfigLoader(env).parse(MINIMAL, "test.yaml"))
        .hasMessageContaining("clients[0].apiKeys[0].key: environment variable SHOP_KEY is not set");
  }

  @Test
  void rejectsClientWithUnknownRole() {
    String yaml = MINIMAL.replace("roles: [finance]", "roles: [finance, admin]");

    assertThatThrownBy(() -> new GatewayConfigLoader(env()).parse(yaml, "test.yaml"))
        .hasMessageContaining("clients.shop.roles: \"admin\" (expected one of: [finance])");
  }

  @Test
  void rejectsOneApiKeySharedByTwoClients() {
    String yaml = MINIMAL + "  - id: other\n    roles: [finance]\n    apiKeys:\n      - key: ${SHOP_KEY}\n";

    assertThatThrownBy(() -> new GatewayConfigLoader(env()).parse(yaml, "test.yaml"))
        .hasMessageContaining("one API key is shared by shop and other");
  }

  @Test
  void rejectsPrivateMethodsInRoles() {
    String yaml = MINIMAL.replace("['@read', create]", "['@read', _compute_amount]");

    assertThatThrownBy(() -> new GatewayConfigLoader(env()).parse(yaml, "test.yaml"))
        .hasMessageContaining("\"_compute_amount\" (expected: a public method name");
  }

  @Test
  void json2NeedsAnApiKey() {
    String yaml = MINIMAL.replace("  login: gateway\n", "  login: gateway\n  protocol: json-2\n");

    assertThatThrownBy(() -> new GatewayConfigLoader(env()).parse(yaml, "test.yaml"))
        .hasMessageContaining("apiKey: missing (expected: an API key when protocol is json-2)");
  }

  @Test
  void rejectsYamlThatIsNotAMapping() {
    assertThatThrownBy(() -> new GatewayConfigLoader(env()).parse("- just\n- a list\n", "test.yaml"))
        .hasMessageContaining("the top level is not a mapping");
  }

  @Test
  void shippedConfigurationsLoad() {
    Map<String, String> env = new HashMap<>();
    env.put("ODOO_URL", "https://erp.example.com");
    env.put("ODOO_DB", "prod");
    env.put("ODOO_LOGIN", "gateway");
    env.put("ODOO_PASSWORD", "x");
    env.put("WEBSHOP_API_KEY", "k1");
    env.put("PARTNER_WEBHOOK_SECRET", "partner-secret");
    GatewayConfig production = new GatewayConfigLoader(env).load("conf/gateway.yaml");
    Map<String, String> demoEnv = new HashMap<>(Map.of("DEMO_ODOO_PASSWORD", "p", "DEMO_API_KEY", "k",
        "DEMO_JWT_SECRET", "0123456789abcdef0123456789abcdef"));
    demoEnv.put("DEMO_WEBHOOK_SECRET_STRIPE", "whsec_demo");
    demoEnv.put("DEMO_WEBHOOK_SECRET_STANDARD_WEBHOOKS", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    demoEnv.put("DEMO_WEBHOOK_SECRET_ADYEN", "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056");
    demoEnv.put("DEMO_WEBHOOK_SECRET_GOCARDLESS", "gc-demo");
    demoEnv.put("DEMO_WEBHOOK_SECRET_BANK_STATEMENTS", "statements-demo");
    demoEnv.put("DEMO_TREASURY_SECRET", "whsec_c2VjcmV0");
    GatewayConfig demo = new GatewayConfigLoader(demoEnv).load("conf/demo.yaml");

    assertThat(production.policy().clients()).extracting(ClientConfig::id).containsExactly("webshop", "bi-reader");
    assertThat(demo.sandbox().enabled()).isTrue();
    assertThat(demo.policy().clients()).extracting(ClientConfig::id).containsExactly("demo-erp", "demo-ops");
    assertThat(demo.jwt()).isNotNull();
    assertThat(production.webhooks().sources()).containsOnlyKeys("partner-bank");
    assertThat(demo.webhooks().sources()).containsOnlyKeys("stripe", "standard-webhooks", "adyen", "gocardless",
        "bank-statements");
    assertThat(demo.webhooks().sources().get("bank-statements").statementImport().journal()).isEqualTo("BNK1");
    assertThat(demo.delivery().configuredTargets()).containsExactly("treasury", "bank", "analytics", "statements");
    assertThat(demo.delivery().delivers(WebhookConfig.StatementImport.EVENT_TYPE, "statements")).isTrue();
    assertThat(demo.delivery().delivers(WebhookConfig.StatementImport.EVENT_TYPE, "analytics")).isTrue();
  }

  private static final String STATEMENT_SOURCE = String.join("\n",
      "webhooks:",
      "  sources:",
      "    bank-statements:",
      "      type: hmac",
      "      secrets: [{value: '${STATEMENT_SECRET}'}]",
      "      settings: {signatureHeader: X-Statement-Signature, eventId: 'body:sha256', eventType: 'const:file'}",
      "      statementImport: {journal: BNK1}",
      "");

  @Test
  void refusesAStatementSourceWhoseFilesNoRouteImports() {
    Map<String, String> env = env();
    env.put("STATEMENT_SECRET", "statement-secret");
    String toAnalyticsOnly = MINIMAL + STATEMENT_SOURCE + String.join("\n",
        "delivery:",
        "  routes:",
        "    - events: [bank.statement.*]",
        "      targets: [analytics]",
        "  targets:",
        "    analytics: {mode: postgres}",
        "");
    String imported = MINIMAL + STATEMENT_SOURCE + String.join("\n",
        "delivery:",
        "  routes:",
        "    - events: [bank.statement.file.received]",
        "      targets: [statements]",
        "  targets:",
        "    statements: {timeout: 2m}",
        "");

    assertThatThrownBy(() -> new GatewayConfigLoader(env).parse(toAnalyticsOnly, "test.yaml"))
        .hasMessageContaining("webhooks.sources.bank-statements.statementImport: set, but no delivery route sends "
            + "bank.statement.file.received to the statements target (expected: delivery.targets.statements and a "
            + "route {events: [bank.statement.file.received], targets: [statements]}");
    assertThat(new GatewayConfigLoader(env).parse(imported, "test.yaml").delivery().statements().policy().timeout())
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(new GatewayConfigLoader(env).parse(MINIMAL + STATEMENT_SOURCE, "test.yaml").delivery().enabled())
        .as("without delivery (e.g. an ingestion-only gateway) nothing is delivered anyway").isFalse();
  }
}
