package dev.ofg.store;

import dev.ofg.config.RetentionConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the gateway's own finished rows once they are older than their configured age: delivered outbox events with
 * their deliveries and attempts, inbox events and raw webhook bodies, audit rows, and (when configured) analytics
 * lineage. See docs/retention.md.
 *
 * <p>A run takes a session-level advisory lock on one pooled connection, so across every gateway on the store one
 * run works at a time and the others are skipped; it then deletes in statements of at most {@code batchSize} rows
 * until nothing eligible is left or {@code maxRowsPerRun} rows of a class are gone. The statements would be safe
 * to run concurrently too (rows are picked with SKIP LOCKED and re-checked as they are deleted); the lock only keeps
 * several gateways from competing for the same pages and I/O. Counts come from the DELETE statements themselves, so
 * no row is counted twice.
 */
public final class RetentionJob {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

  /** Tables a run deletes from, in the order it reaches them; also the values of the {@code table} metric label. */
  public static final List<String> TABLES = List.of("outbox", "deliveries", "delivery_attempts", "inbox",
      "inbox_delivery", "audit_log", "analytics_batches");

  /** Nothing eligible was left. */
  public static final String COMPLETED = "completed";
  /** A class reached {@code maxRowsPerRun}, or the gateway is stopping: the rest waits for the next run. */
  public static final String PARTIAL = "partial";
  /** Another run (of this or another gateway) holds the lock. */
  public static final String SKIPPED = "skipped";
  public static final String FAILED = "failed";

  private final Vertx vertx;
  private final Pool pool;
  private final RetentionConfig config;
  private final MeterRegistry registry;
  private final Map<String, Counter> deleted = new LinkedHashMap<>();
  private final List<DataClass> classes;
  private final AtomicReference<Future<Report>> inProgress = new AtomicReference<>();
  private volatile boolean stopping;
  private long timerId = -1;

  public RetentionJob(Vertx vertx, Pool pool, RetentionConfig config, MeterRegistry registry) {
    this.vertx = vertx;
    this.pool = pool;
    this.config = config;
    this.registry = registry;
    for (String table : TABLES) {
      deleted.put(table, Counter.builder("gateway_retention_deleted")
          .description("Rows the retention job deleted").tag("table", table).register(registry));
    }
    this.classes = List.of(
        new DataClass("deliveredEvents", config.deliveredEvents(), RetentionRecords::deliveredEvents),
        new DataClass("webhookInbox", config.webhookInbox(), RetentionRecords::webhookInbox),
        new DataClass("audit", config.audit(), RetentionRecords::audit),
        new DataClass("analyticsLineage", config.analyticsLineage(), RetentionRecords::analyticsLineage));
  }

  /**
   * Describes one run: its outcome, the rows deleted per table (every table, zeros included), and the cut-off of each
   * class it purged (rows older than that were eligible).
   */
  public record Report(String outcome, Map<String, Long> deleted, Map<String, Instant> cutoffs, Duration took) {
    public Report {
      deleted = Collections.unmodifiableMap(new LinkedHashMap<>(deleted));
      cutoffs = Collections.unmodifiableMap(new LinkedHashMap<>(cutoffs));
    }

    public boolean skipped() {
      return SKIPPED.equals(outcome);
    }

    public JsonObject toJson() {
      JsonObject rows = new JsonObject();
      deleted.forEach(rows::put);
      JsonObject before = new JsonObject();
      cutoffs.forEach((name, cutoff) -> before.put(name, cutoff.toString()));
      return new JsonObject().put("outcome", outcome).put("seconds", took.toMillis() / 1000.0).put("deleted", rows)
          .put("cutoffs", before);
    }
  }

  /**
   * Schedules runs every {@code interval} when enabled. The first comes after a random delay between one minute and
   * one interval, so that gateways started together do not all try at once and a restart does not postpone runs.
   */
  public void start() {
    if (!config.enabled()) {
      return;
    }
    long interval = config.interval().toMillis();
    long first = ThreadLocalRandom.current().nextLong(RetentionConfig.MIN_INTERVAL.toMillis(), interval + 1);
    timerId = vertx.setPeriodic(first, interval, id -> run());
  }

  /** Stops scheduling; a run in progress ends after its current statement. Completes when it has ended. */
  public Future<Void> stop() {
    stopping = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    Future<Report> running = inProgress.get();
    return running == null ? Future.succeededFuture() : running.otherwiseEmpty().mapEmpty();
  }

  /**
   * Runs once now. A run already in progress in this gateway, or holding the lock in another, makes this one
   * {@link #SKIPPED}. A data class whose purge fails does not stop the others; the run then fails with the first
   * class's failure (what was deleted stays deleted and is logged).
   */
  public Future<Report> run() {
    Promise<Report> promise = Promise.promise();
    if (!inProgress.compareAndSet(null, promise.future())) {
      return Future.succeededFuture(new Report(SKIPPED, zeros(), Map.of(), Duration.ZERO));
    }
    long started = System.nanoTime();
    Tally tally = new Tally();
    pool.getConnection()
        .compose(connection -> RetentionRecords.tryLock(connection)
            .compose(now -> now == null ? Future.succeededFuture(SKIPPED)
                : purgeAll(connection, now, tally).eventually(() -> RetentionRecords.unlock(connection)))
            .eventually(connection::close))
        .onComplete(result -> {
          Duration took = Duration.ofNanos(System.nanoTime() - started);
          String outcome = result.succeeded() ? result.result() : FAILED;
          Timer.builder("gateway_retention_run").description("Retention runs by outcome")
              .tag("outcome", outcome).register(registry).record(took);
          inProgress.set(null);
          Report report = new Report(outcome, tally.deleted, tally.cutoffs, took);
          if (result.failed()) {
            LOG.warn("retention run failed after {} s, deleted {}: {}", seconds(took), tally.deleted,
                result.cause().toString());
            promise.fail(result.cause());
            return;
          }
          if (report.skipped()) {
            LOG.debug("retention run skipped: another run holds the lock");
          } else {
            LOG.info("retention run {} in {} s, deleted {}", outcome, seconds(took), tally.deleted);
          }
          promise.complete(report);
        });
    return promise.future();
  }

  private Future<String> purgeAll(SqlConnection connection, OffsetDateTime now, Tally tally) {
    Future<Boolean> complete = Future.succeededFuture(true);
    for (DataClass data : classes) {
      if (data.maxAge() == null) {
        continue;
      }
      OffsetDateTime cutoff = now.minus(data.maxAge());
      tally.cutoffs.put(data.name(), cutoff.toInstant());
      complete = complete.compose(before -> drain(connection, data, cutoff, 0, tally).map(done -> before && done)
          .recover(failure -> {
            LOG.warn("retention of {} failed, going on with the other classes: {}", data.name(), failure.toString());
            tally.failures.putIfAbsent(data.name(), failure);
            return Future.succeededFuture(false);
          }));
    }
    return complete.compose(done -> tally.failures.isEmpty() ? Future.succeededFuture(done ? COMPLETED : PARTIAL)
        : Future.failedFuture(tally.failures.values().iterator().next()));
  }

  /** Deletes batches of one class until fewer than a batch was eligible (true) or the cap or a stop came (false). */
  private Future<Boolean> drain(SqlConnection connection, DataClass data, OffsetDateTime cutoff, long sofar,
      Tally tally) {
    if (stopping) {
      return Future.succeededFuture(false);
    }
    int limit = (int) Math.min(config.batchSize(), config.maxRowsPerRun() - sofar);
    return data.purge().apply(connection, cutoff, limit).compose(purged -> {
      purged.byTable().forEach((table, rows) -> {
        tally.deleted.merge(table, rows, Long::sum);
        deleted.get(table).increment(rows);
      });
      long total = sofar + purged.leading();
      if (purged.leading() < limit) {
        return Future.succeededFuture(true);
      }
      if (total >= config.maxRowsPerRun()) {
        return Future.succeededFuture(false);
      }
      return drain(connection, data, cutoff, total, tally);
    });
  }

  private static Map<String, Long> zeros() {
    Map<String, Long> out = new LinkedHashMap<>();
    TABLES.forEach(table -> out.put(table, 0L));
    return out;
  }

  private static String seconds(Duration took) {
    return String.format(Locale.ROOT, "%.3f", took.toMillis() / 1000.0);
  }

  /** Deletes one batch of a class: at most {@code limit} rows older than {@code cutoff}. */
  @FunctionalInterface
  private interface Purge {
    Future<RetentionRecords.Purged> apply(SqlClient client, OffsetDateTime cutoff, int limit);
  }

  /** Names a data class (its configuration key), its maximum age (null: kept forever) and its purge. */
  private record DataClass(String name, Duration maxAge, Purge purge) {
  }

  /** Accumulates one run's counts; touched only from the run's own callbacks, one at a time. */
  private static final class Tally {
    final Map<String, Long> deleted = zeros();
    final Map<String, Instant> cutoffs = new LinkedHashMap<>();
    final Map<String, Throwable> failures = new LinkedHashMap<>();
  }
}
