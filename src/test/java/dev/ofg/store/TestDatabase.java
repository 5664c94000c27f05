package dev.ofg.store;

import dev.ofg.config.StoreConfig;
import io.vertx.core.Future;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * Creates a fresh PostgreSQL database for one test class and drops it afterwards.
 *
 * <p>Uses the server on 127.0.0.1:5432 that every machine of this project runs; when it is not
 * reachable, one embedded server is started for the whole JVM.
 */
public final class TestDatabase implements AutoCloseable {
  private static final String HOST = "127.0.0.1";
  private static EmbeddedPostgres embedded;

  private final StoreConfig config;
  private final String adminUrl;

  private TestDatabase(StoreConfig config, String adminUrl) {
    this.config = config;
    this.adminUrl = adminUrl;
  }

  public static TestDatabase create() {
    int port = serverPort();
    String adminUrl = "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
    String name = "ofg_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute(adminUrl, "CREATE DATABASE " + name);
    StoreConfig config = new StoreConfig(HOST, port, name, "postgres", null, "gateway", 8, Duration.ofSeconds(5), false);
    return new TestDatabase(config, adminUrl);
  }

  public StoreConfig config() {
    return config;
  }

  @Override
  public void close() {
    execute(adminUrl, "DROP DATABASE IF EXISTS " + config.database() + " WITH (FORCE)");
  }

  /** Closes a pool opened on this database, then drops the database. */
  public Future<Void> close(Database database) {
    return database.close().map(v -> {
      close();
      return null;
    });
  }

  private static synchronized int serverPort() {
    if (reachable(5432)) {
      return 5432;
    }
    try {
      if (embedded == null) {
        embedded = EmbeddedPostgres.builder().start();
      }
      return embedded.getPort();
    } catch (IOException e) {
      throw new IllegalStateException("no PostgreSQL on 127.0.0.1:5432 and the embedded one did not start", e);
    }
  }

  private static boolean reachable(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void execute(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url, "postgres", null);
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
    }
  }
}
