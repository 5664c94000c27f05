package dev.ofg.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.AuditConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PgAuditTrailTest {
  private static TestDatabase testDatabase;

  @BeforeAll
  static void createDatabase() {
    testDatabase = TestDatabase.create();
  }

  @AfterAll
  static void dropDatabase() {
    testDatabase.close();
  }

  @Test
  void closeWritesEveryQueuedRecord(Vertx vertx, VertxTestContext test) {
    // A flush interval longer than the test: only close() can write the rows.
    AuditConfig config = new AuditConfig(100, Duration.ofHours(1), 10_000);
    Database.open(vertx, testDatabase.config()).compose(database -> {
      PgAuditTrail trail = new PgAuditTrail(vertx, database.pool(), config, new SimpleMeterRegistry());
      for (int i = 0; i < 1234; i++) {
        trail.record(record("close-" + i));
      }
      return trail.close()
          .compose(v -> database.pool().query("SELECT count(*) FROM audit_log WHERE correlation_id LIKE 'close-%'")
              .execute())
          .map(rows -> rows.iterator().next().getLong(0))
          .eventually(database::close);
    }).onComplete(test.succeeding(count -> test.verify(() -> {
      assertThat(count).isEqualTo(1234L);
      test.completeNow();
    })));
  }

  @Test
  void dropsOldestWhenQueueIsFull(Vertx vertx, VertxTestContext test) {
    AuditConfig config = new AuditConfig(10, Duration.ofHours(1), 50);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Database.open(vertx, testDatabase.config()).compose(database -> {
      PgAuditTrail trail = new PgAuditTrail(vertx, database.pool(), config, registry);
      for (int i = 0; i < 80; i++) {
        trail.record(record("full-" + i));
      }
      return trail.close()
          .compose(v -> database.pool().query(
              "SELECT min(substring(correlation_id from 6)::int), count(*) FROM audit_log WHERE correlation_id LIKE 'full-%'")
              .execute())
          .map(rows -> rows.iterator().next())
          .map(row -> new long[] {row.getLong(0), row.getLong(1)})
          .eventually(database::close);
    }).onComplete(test.succeeding(minAndCount -> test.verify(() -> {
      assertThat(minAndCount[1]).isEqualTo(50L);
      assertThat(minAndCount[0]).isEqualTo(30L);
      assertThat(registry.get("gateway_audit_dropped").counter().count()).isEqualTo(30.0);
      test.completeNow();
    })));
  }

  private static AuditRecord record(String correlationId) {
    return new AuditRecord(Instant.now(), correlationId, "client-a", "/jsonrpc", "POST", "res.partner", "read",
        "ok", 200, 3, null);
  }
}
