package dev.ofg.config;

import java.util.List;
import java.util.Objects;

/** Holds the whole validated configuration of one gateway process. */
public record GatewayConfig(
    ServerConfig server,
    StoreConfig store,
    OdooConfig odoo,
    AuditConfig audit,
    PolicyConfig policy,
    SandboxConfig sandbox,
    IdempotencyConfig idempotency,
    String schemaDirectory,
    JwtConfig jwt,
    RateLimitConfig rateLimits,
    WebhookConfig webhooks,
    BankImportConfig bankImport,
    RequestLimitsConfig limits,
    PolicyReloadConfig reload,
    DeliveryConfig delivery,
    RetentionConfig retention) {

  public GatewayConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(odoo, "odoo");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(sandbox, "sandbox");
    Objects.requireNonNull(idempotency, "idempotency");
    Objects.requireNonNull(schemaDirectory, "schemaDirectory");
    // jwt may be null: clients then authenticate with API keys only.
    Objects.requireNonNull(rateLimits, "rateLimits");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(retention, "retention");
    rateLimits.checkClients(policy.clients());
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(bankImport, "bankImport");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(reload, "reload");
    List<String> unknownClasses = limits.unknownRouteClasses(rateLimits.routeClasses().keySet());
    if (!unknownClasses.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", unknownClasses));
    }
    requireStatementDelivery(webhooks, delivery);
  }

  /**
   * Refuses statement sources whose files would be stored and acknowledged but never imported: with delivery on,
   * some route must send their event to the statements target.
   */
  private static void requireStatementDelivery(WebhookConfig webhooks, DeliveryConfig delivery) {
    String type = WebhookConfig.StatementImport.EVENT_TYPE;
    for (WebhookConfig.Source source : webhooks.sources().values()) {
      if (source.statementImport() != null && delivery.enabled()
          && !delivery.delivers(type, DeliveryConfig.STATEMENTS)) {
        throw new IllegalArgumentException("webhooks.sources." + source.name() + ".statementImport: set, but no "
            + "delivery route sends " + type + " to the " + DeliveryConfig.STATEMENTS + " target (expected: "
            + "delivery.targets.statements and a route {events: [" + type + "], targets: [statements]}; else "
            + "the files are stored and never imported)");
      }
    }
  }

  public GatewayConfig withStore(StoreConfig newStore) {
    return new GatewayConfig(server, newStore, odoo, audit, policy, sandbox, idempotency, schemaDirectory, jwt, rateLimits,
        webhooks, bankImport, limits, reload, delivery, retention);
  }

  public GatewayConfig withPolicy(PolicyConfig newPolicy) {
    return new GatewayConfig(server, store, odoo, audit, newPolicy, sandbox, idempotency, schemaDirectory, jwt, rateLimits,
        webhooks, bankImport, limits, reload, delivery, retention);
  }

  static GatewayConfig read(ConfigReader root) {
    ServerConfig server = ServerConfig.read(root.section("server"));
    StoreConfig store = StoreConfig.read(root.section("store"));
    OdooConfig odoo = OdooConfig.read(root.section("odoo"));
    AuditConfig audit = AuditConfig.read(root.section("audit"));
    SandboxConfig sandbox = root.has("sandbox") ? SandboxConfig.read(root.section("sandbox")) : SandboxConfig.DISABLED;
    IdempotencyConfig idempotency = IdempotencyConfig.read(root.section("idempotency"));
    ConfigReader schemas = root.section("schemas");
    String schemaDirectory = schemas.string("directory", "conf/schemas");
    schemas.rejectUnknownKeys();
    JwtConfig jwt = root.has("jwt") ? JwtConfig.read(root.section("jwt")) : null;
    RateLimitConfig rateLimits = RateLimitConfig.read(root.section("rateLimits"));
    WebhookConfig webhooks = root.has("webhooks") ? WebhookConfig.read(root.section("webhooks")) : WebhookConfig.NONE;
    BankImportConfig bankImport = BankImportConfig.read(root.section("bankImport"));
    DeliveryConfig delivery = root.has("delivery") ? DeliveryConfig.read(root.section("delivery"))
        : DeliveryConfig.DISABLED;
    PolicyConfig policy = PolicyConfig.read(root);
    RequestLimitsConfig limits = RequestLimitsConfig.read(root.section("limits"));
    PolicyReloadConfig reload = PolicyReloadConfig.read(root.section("policy"));
    RetentionConfig retention = RetentionConfig.read(root.section("retention"));
    root.rejectUnknownKeys();
    if (root.hasProblems()) {
      return null;
    }
    return root.build(() -> new GatewayConfig(server, store, odoo, audit, policy, sandbox, idempotency,
        schemaDirectory, jwt, rateLimits, webhooks, bankImport, limits, reload, delivery, retention));
  }
}
