package dev.ofg.config;

import java.time.Duration;
import java.util.Objects;

/** Configures the public and management HTTP listeners. */
public record ServerConfig(
    String host,
    int publicPort,
    int managementPort,
    int instances,
    int maxBodyBytes,
    Duration shutdownGrace) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PUBLIC_PORT = 8080;
  public static final int DEFAULT_MANAGEMENT_PORT = 9090;
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    if (publicPort != 0 && publicPort == managementPort) {
      throw new IllegalArgumentException(
          "managementPort: " + managementPort + " (expected: a port different from publicPort)");
    }
    if (instances < 1) {
      throw new IllegalArgumentException("instances: " + instances + " (expected: >= 1)");
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: >= 1024)");
    }
  }

  static ServerConfig read(ConfigReader in) {
    String host = in.string("host", DEFAULT_HOST);
    int publicPort = in.integer("publicPort", DEFAULT_PUBLIC_PORT, 0, 65535);
    int managementPort = in.integer("managementPort", DEFAULT_MANAGEMENT_PORT, 0, 65535);
    int instances = in.integer("instances", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, 256);
    int maxBodyBytes = in.integer("maxBodyBytes", DEFAULT_MAX_BODY_BYTES, 1024, 512 * 1024 * 1024);
    Duration grace = in.duration("shutdownGrace", DEFAULT_SHUTDOWN_GRACE);
    in.rejectUnknownKeys();
    return in.build(() -> new ServerConfig(host, publicPort, managementPort, instances, maxBodyBytes, grace));
  }
}
