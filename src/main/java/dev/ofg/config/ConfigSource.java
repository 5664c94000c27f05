package dev.ofg.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Names where the running configuration was read from (its location and the environment its placeholders were
 * resolved with), so that a reload reads it again exactly the same way.
 */
public final class ConfigSource {
  private final String location;
  private final Map<String, String> env;

  public ConfigSource(String location, Map<String, String> env) {
    this.location = Objects.requireNonNull(location, "location");
    this.env = Map.copyOf(env);
  }

  public String location() {
    return location;
  }

  /** Reads and validates the configuration; blocking (file I/O), so callers on an event loop use a worker. */
  public GatewayConfig load() {
    return new GatewayConfigLoader(env).load(location);
  }

  /** Returns the location as a path, for watching; a classpath resource has no file behind it. */
  public Path path() {
    return Path.of(location);
  }

  /** Shows the location only: the environment holds secrets. */
  @Override
  public String toString() {
    return "ConfigSource[" + location + "]";
  }
}
