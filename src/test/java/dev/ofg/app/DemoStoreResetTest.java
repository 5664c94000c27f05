package dev.ofg.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.StoreConfig;
import dev.ofg.store.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo empties its own schema before it starts a new sandbox (what the schema holds describes the previous
 * sandbox's Odoo), never a schema with another name, and goes on when no server answers.
 */
@ExtendWith(VertxExtension.class)
class DemoStoreResetTest {
  private static TestDatabase database;
  private static Pool pool;

  @BeforeAll
  static void start(Vertx vertx) {
    database = TestDatabase.create();
    StoreConfig store = database.config();
    pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(store.host()).setPort(store.port())
        .setDatabase(store.database()).setUser(store.user())).using(vertx).build();
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    pool.close().onComplete(result -> {
      database.close();
      test.completeNow();
    });
  }

  private static StoreConfig schema(String name, int port) {
    StoreConfig store = database.config();
    return new StoreConfig(store.host(), port, store.database(), store.user(), null, name, 1, Duration.ofSeconds(1),
        true);
  }

  private static Future<Void> createWithTable(String schema) {
    return pool.query("CREATE SCHEMA " + schema).execute()
        .compose(v -> pool.query("CREATE TABLE " + schema + ".external_refs (ref text)").execute())
        .compose(v -> pool.query("INSERT INTO " + schema + ".external_refs VALUES ('PAY-1')").execute())
        .mapEmpty();
  }

  private static Future<List<String>> schemas() {
    return pool.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'ofg_demo_reset%' "
        + "OR nspname = 'customer_data' ORDER BY 1").execute()
        .map(rows -> {
          List<String> names = new ArrayList<>();
          rows.forEach(row -> names.add(row.getString(0)));
          return names;
        });
  }

  @Test
  void resetsOnlyTheDemosOwnSchemaAndToleratesAnUnreachableServer(Vertx vertx, VertxTestContext test) {
    int port = database.config().port();
    createWithTable("ofg_demo_reset")
        .compose(v -> createWithTable("customer_data"))
        .compose(v -> DemoLauncher.resetDemoStore(vertx, schema("ofg_demo_reset", port)))
        .compose(v -> DemoLauncher.resetDemoStore(vertx, schema("customer_data", port)))
        .compose(v -> DemoLauncher.resetDemoStore(vertx, schema("ofg_demo_reset", 1)))
        .compose(v -> schemas())
        .onComplete(test.succeeding(left -> test.verify(() -> {
          assertThat(left).containsExactly("customer_data");
          test.completeNow();
        })));
  }
}
