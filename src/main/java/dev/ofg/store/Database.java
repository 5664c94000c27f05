package dev.ofg.store;

import dev.ofg.config.StoreConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Owns the reactive PostgreSQL pool shared by every verticle, and knows whether migrations were applied.
 */
public final class Database {
  private final Pool pool;
  private final StoreConfig config;
  private final AtomicBoolean migrated = new AtomicBoolean();

  private Database(Pool pool, StoreConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /** Migrates the schema on a worker thread, then opens the pool. */
  public static Future<Database> open(Vertx vertx, StoreConfig config) {
    return vertx.executeBlocking(() -> Migrations.migrate(config), false)
        .map(applied -> {
          Database database = new Database(createPool(vertx, config), config);
          database.migrated.set(true);
          return database;
        });
  }

  /**
   * Drops the configured schema with everything in it (the next {@link #open} migrates it afresh); for the demo,
   * whose schema describes a sandbox Odoo that no longer exists. Fails when the server cannot be reached.
   */
  public static Future<Void> dropSchema(Vertx vertx, StoreConfig config) {
    Pool pool = createPool(vertx, config);
    // The schema is a validated lower-case identifier (StoreConfig), so quoting it is enough.
    return pool.query("DROP SCHEMA IF EXISTS \"" + config.schema() + "\" CASCADE").execute().<Void>mapEmpty()
        .eventually(pool::close);
  }

  static Pool createPool(Vertx vertx, StoreConfig config) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setDatabase(config.database())
        .setUser(config.user())
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256)
        .setProperties(Map.of("search_path", config.schema(), "application_name", "odoo-finance-gateway"));
    if (config.password() != null) {
      connect.setPassword(config.password().reveal());
    }
    PoolOptions poolOptions = new PoolOptions()
        .setMaxSize(config.poolSize())
        .setShared(true)
        .setName("gateway-store-" + config.database() + "-" + config.schema())
        .setMaxWaitQueueSize(config.poolSize() * 64)
        .setConnectionTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
    NetClientOptions net = new NetClientOptions().setConnectTimeout((int) config.connectTimeout().toMillis());
    return PgBuilder.pool().with(poolOptions).with(net).connectingTo(connect).using(vertx).build();
  }

  public Pool pool() {
    return pool;
  }

  public StoreConfig config() {
    return config;
  }

  public boolean migrated() {
    return migrated.get();
  }

  /** Checks the store answers a trivial query; used by the readiness probe. */
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  public Future<Void> close() {
    return pool.close();
  }
}
