package dev.ofg.config;

import java.util.Objects;

/** Configures the in-process Odoo sandbox that the demo, tests and load tests run against. */
public record SandboxConfig(boolean enabled, String host, int port, String database, String serverVersion) {
  public static final SandboxConfig DISABLED = new SandboxConfig(false, "127.0.0.1", 8069, "demo", "19.0");

  public SandboxConfig {
    Objects.requireNonNull(database, "database");
    if (!serverVersion.matches("1[7-9]\\.0|[2-9][0-9]\\.0")) {
      throw new IllegalArgumentException("sandbox.serverVersion: \"" + serverVersion + "\" (expected: 17.0, 18.0 or 19.0)");
    }
  }

  static SandboxConfig read(ConfigReader in) {
    boolean enabled = in.bool("enabled", false);
    String host = in.string("host", "127.0.0.1");
    int port = in.integer("port", 8069, 0, 65535);
    String database = in.string("database", "demo");
    String version = in.string("serverVersion", "19.0");
    in.rejectUnknownKeys();
    return in.build(() -> new SandboxConfig(enabled, host, port, database, version));
  }
}
