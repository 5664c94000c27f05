package dev.ofg.store;

import dev.ofg.config.StoreConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which PostgreSQL the gateway uses: the configured server when it answers, otherwise (only
 * when {@code embeddedFallback} is set, as in the demo) an embedded server started for this process.
 */
public final class StoreLocator {
  private static final Logger LOG = LoggerFactory.getLogger(StoreLocator.class);

  private StoreLocator() {
  }

  /** Describes the chosen server and how to stop it if this process started it. */
  public record Located(StoreConfig config, boolean embedded, AutoCloseable owned) {
    public void close() {
      if (owned != null) {
        try {
          owned.close();
        } catch (Exception e) {
          LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
        }
      }
    }
  }

  public static Future<Located> locate(Vertx vertx, StoreConfig config) {
    return reachable(vertx, config).compose(up -> {
      if (up) {
        return Future.succeededFuture(new Located(config, false, null));
      }
      if (!config.embeddedFallback()) {
        return Future.failedFuture(new IllegalStateException("PostgreSQL at " + config.host() + ":" + config.port()
            + " is not reachable and store.embeddedFallback is off"));
      }
      LOG.info("PostgreSQL at {}:{} is not reachable; starting an embedded one", config.host(), config.port());
      return vertx.executeBlocking(() -> startEmbedded(config), false);
    });
  }

  private static Future<Boolean> reachable(Vertx vertx, StoreConfig config) {
    var client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(1000));
    return client.connect(config.port(), config.host())
        .compose(socket -> socket.close().map(true))
        .recover(failure -> Future.succeededFuture(false))
        .eventually(client::close);
  }

  private static Located startEmbedded(StoreConfig config) throws IOException {
    Path dataDir = Files.createTempDirectory("ofg-embedded-pg");
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(true)
        .start();
    StoreConfig embedded = config.withServer("127.0.0.1", postgres.getPort(), "postgres", "postgres");
    LOG.info("embedded PostgreSQL listening on 127.0.0.1:{}", postgres.getPort());
    return new Located(embedded, true, postgres);
  }
}
