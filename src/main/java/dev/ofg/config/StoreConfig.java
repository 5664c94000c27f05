package dev.ofg.config;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configures the PostgreSQL store; {@code embeddedFallback} lets the demo start an embedded server
 * when the configured one is unreachable.
 */
public record StoreConfig(
    String host,
    int port,
    String database,
    String user,
    Secret password,
    String schema,
    int poolSize,
    Duration connectTimeout,
    boolean embeddedFallback) {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public StoreConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    if (!IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException("schema: \"" + schema + "\" (expected: a lower-case SQL identifier)");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize: " + poolSize + " (expected: >= 1)");
    }
  }

  /** Returns a copy pointing at another server (used when falling back to an embedded one). */
  public StoreConfig withServer(String newHost, int newPort, String newDatabase, String newUser) {
    return new StoreConfig(newHost, newPort, newDatabase, newUser, null, schema, poolSize, connectTimeout,
        embeddedFallback);
  }

  public StoreConfig withDatabase(String newDatabase) {
    return new StoreConfig(host, port, newDatabase, user, password, schema, poolSize, connectTimeout,
        embeddedFallback);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  static StoreConfig read(ConfigReader in) {
    String host = in.string("host", "127.0.0.1");
    int port = in.integer("port", 5432, 1, 65535);
    String database = in.string("database", "postgres");
    String user = in.string("user", "postgres");
    Secret password = in.secret("password", false);
    String schema = in.string("schema", "gateway");
    int poolSize = in.integer("poolSize", 16, 1, 1024);
    Duration connectTimeout = in.duration("connectTimeout", Duration.ofSeconds(5));
    boolean embedded = in.bool("embeddedFallback", false);
    in.rejectUnknownKeys();
    return in.build(() -> new StoreConfig(host, port, database, user, password, schema, poolSize, connectTimeout,
        embedded));
  }
}
