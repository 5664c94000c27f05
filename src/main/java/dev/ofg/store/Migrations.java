package dev.ofg.store;

import dev.ofg.config.StoreConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the SQL migrations in {@code db/migration} to the store's schema with Flyway.
 *
 * <p>Runs over JDBC and blocks, so it is called once at start-up from a worker thread, before any
 * verticle takes traffic.
 */
public final class Migrations {
  private Migrations() {
  }

  /** Migrates the schema and returns the number of migrations applied by this call. */
  public static int migrate(StoreConfig store) {
    Flyway flyway = Flyway.configure()
        .dataSource(store.jdbcUrl(), store.user(), store.password() == null ? null : store.password().reveal())
        .schemas(store.schema())
        .createSchemas(true)
        .locations("classpath:db/migration")
        .loggers("slf4j")
        .load();
    MigrateResult result = flyway.migrate();
    return result.migrationsExecuted;
  }
}
