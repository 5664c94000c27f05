package dev.ofg.config;

import java.util.Objects;

/** Holds the whole validated configuration of one gateway process. */
public record GatewayConfig(
    ServerConfig server,
    StoreConfig store,
    OdooConfig odoo,
    AuditConfig audit,
    PolicyConfig policy,
    SandboxConfig sandbox) {

  public GatewayConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(odoo, "odoo");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(sandbox, "sandbox");
  }

  public GatewayConfig withStore(StoreConfig newStore) {
    return new GatewayConfig(server, newStore, odoo, audit, policy, sandbox);
  }

  public GatewayConfig withPolicy(PolicyConfig newPolicy) {
    return new GatewayConfig(server, store, odoo, audit, newPolicy, sandbox);
  }

  static GatewayConfig read(ConfigReader root) {
    ServerConfig server = ServerConfig.read(root.section("server"));
    StoreConfig store = StoreConfig.read(root.section("store"));
    OdooConfig odoo = OdooConfig.read(root.section("odoo"));
    AuditConfig audit = AuditConfig.read(root.section("audit"));
    SandboxConfig sandbox = root.has("sandbox") ? SandboxConfig.read(root.section("sandbox")) : SandboxConfig.DISABLED;
    PolicyConfig policy = PolicyConfig.read(root);
    root.rejectUnknownKeys();
    if (root.hasProblems()) {
      return null;
    }
    return root.build(() -> new GatewayConfig(server, store, odoo, audit, policy, sandbox));
  }
}
