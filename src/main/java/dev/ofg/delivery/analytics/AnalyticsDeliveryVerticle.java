package dev.ofg.delivery.analytics;

import dev.ofg.config.DeliveryConfig;
import dev.ofg.delivery.AttemptOutcome;
import dev.ofg.delivery.DeliveryAttempt;
import dev.ofg.http.TraceContext;
import dev.ofg.odoo.OdooClient;
import dev.ofg.store.AnalyticsBatchRecords;
import dev.ofg.store.DeliveryRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the analytics target: routed events as they come, and on a schedule, batches of ledger lines changed in
 * Odoo since the watermark. A batch covers {@code [watermark, cut-off)} of write_date, where the cut-off lies
 * {@code cutoffLag} behind now at a whole second; it is recorded as pending (id and window) before anything is read,
 * so a crash or a failure resumes the same batch; the watermark moves only when the target has taken the batch and
 * its totals reconciled. Batches wait while payment status or alerts are due (at most {@link #MAX_DEFERRALS} times
 * in a row), and read Odoo at the bulk priority tier.
 */
public final class AnalyticsDeliveryVerticle extends VerticleBase {
  /** Event-bus address that runs a batch now and answers with its result (admin API, tests). */
  public static final String RUN_BATCH_ADDRESS = "ofg.delivery.analytics.batch";
  static final int MAX_DEFERRALS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsDeliveryVerticle.class);
  private static final String TARGET = DeliveryConfig.ANALYTICS;

  private final DeliveryConfig.Analytics config;
  private final OdooClient odoo;
  private final Pool pool;
  private final MeterRegistry registry;
  private final String owner;
  private final Clock clock;
  private final AnalyticsBatchRecords records;
  private final DeliveryRecords deliveries;
  private final LedgerReader reader;
  private final AtomicReference<LocalDateTime> watermark = new AtomicReference<>();
  private AnalyticsSink sink;
  private List<MessageConsumer<JsonObject>> consumers;
  private long timer = -1;
  private boolean running;
  private int deferrals;

  public AnalyticsDeliveryVerticle(DeliveryConfig.Analytics config, OdooClient odoo, Pool pool,
      MeterRegistry registry, String owner, Clock clock) {
    this.config = config;
    this.odoo = odoo;
    this.pool = pool;
    this.registry = registry;
    this.owner = owner;
    this.clock = clock;
    this.records = new AnalyticsBatchRecords(pool);
    this.deliveries = new DeliveryRecords(pool);
    this.reader = new LedgerReader(odoo, config.pageSize());
  }

  @Override
  public Future<?> start() {
    sink = config.mode() == DeliveryConfig.AnalyticsMode.HTTP
        ? new HttpAnalyticsSink(vertx, config, pool, clock) : new PostgresAnalyticsSink(pool);
    Gauge.builder("gateway_analytics_watermark_lag_seconds", watermark, this::watermarkLag)
        .description("How far the analytics watermark is behind now").register(registry);
    consumers = List.of(
        vertx.eventBus().localConsumer(DeliveryAttempt.address(TARGET), this::deliverEvent),
        vertx.eventBus().localConsumer(RUN_BATCH_ADDRESS, message -> runBatch().onSuccess(message::reply)));
    timer = vertx.setPeriodic(config.interval().toMillis(), id -> runBatch());
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).eventually(sink::close);
  }

  private void deliverEvent(Message<JsonObject> message) {
    sink.sendEvent(DeliveryAttempt.fromJson(message.body()).event())
        .onSuccess(outcome -> message.reply(outcome.toJson()));
  }

  /** Runs one batch (unless one is running or must wait) and describes what happened; never fails. */
  Future<JsonObject> runBatch() {
    if (running) {
      return Future.succeededFuture(result("skipped", "a batch is already running in this gateway"));
    }
    running = true;
    return yieldToPriority()
        .compose(yield -> yield
            ? Future.succeededFuture(result("deferred", "high-priority deliveries are due"))
            : underLease())
        .otherwise(failure -> result("failed", failure.toString()))
        .onComplete(done -> running = false)
        .onSuccess(result -> count(result.getString("status")));
  }

  private Future<Boolean> yieldToPriority() {
    return deliveries.highPriorityBacklog().map(due -> {
      boolean yield = due > 0 && deferrals < MAX_DEFERRALS;
      deferrals = yield ? deferrals + 1 : 0;
      return yield;
    });
  }

  private Future<JsonObject> underLease() {
    int pages = config.maxRows() / config.pageSize() + 3;
    Duration lease = config.policy().timeout().multipliedBy(pages);
    return records.acquire(TARGET, owner, lease, config.since()).compose(acquired -> {
      if (acquired.isEmpty()) {
        return Future.succeededFuture(result("skipped", "another gateway holds the analytics lease"));
      }
      watermark.set(acquired.get());
      return nextBatch(acquired.get()).eventually(() -> records.release(TARGET, owner));
    });
  }

  private Future<JsonObject> nextBatch(LocalDateTime from) {
    return records.pending(TARGET).compose(pending -> pending.isPresent()
        ? Future.succeededFuture(pending)
        : newWindow(from)).compose(batch -> batch.isEmpty()
            ? Future.succeededFuture(result("up_to_date", "no completed second since the watermark " + from))
            : deliver(batch.get()));
  }

  /** Opens a batch from the watermark to the cut-off, halved while it holds more than {@code maxRows} lines. */
  private Future<Optional<AnalyticsBatchRecords.Batch>> newWindow(LocalDateTime from) {
    LocalDateTime cutoff = LocalDateTime.ofInstant(clock.instant().minus(config.cutoffLag()), ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.SECONDS);
    if (!cutoff.isAfter(from)) {
      return Future.succeededFuture(Optional.empty());
    }
    return fit(from, cutoff).compose(to -> records.create(TARGET, from, to)).map(Optional::of);
  }

  private Future<LocalDateTime> fit(LocalDateTime from, LocalDateTime to) {
    return reader.count(from, to, trace("window")).compose(count -> {
      long seconds = Duration.between(from, to).getSeconds();
      if (count <= config.maxRows() || seconds <= 1) {
        return Future.succeededFuture(to);
      }
      return fit(from, from.plusSeconds(seconds / 2));
    });
  }

  private Future<JsonObject> deliver(AnalyticsBatchRecords.Batch batch) {
    TraceContext trace = trace(batch.batchId().toString());
    return reader.read(batch.from(), batch.to(), trace)
        .compose(lines -> reader.count(batch.from(), batch.to(), trace).map(n -> LedgerBatch.of(batch, lines, n)))
        .compose(content -> send(content).compose(outcome -> settle(batch, content, outcome)),
            failure -> settle(batch, null,
                new AttemptOutcome.Technical(null, "reading Odoo failed: " + failure, null)));
  }

  private Future<AttemptOutcome> send(LedgerBatch content) {
    if (content.rows() == 0 && content.sourceCount() == 0) {
      return pool.withTransaction(tx -> AnalyticsBatchRecords.complete(tx, content.batch().batchId(),
              content.lineage(true, "empty window: Odoo counted 0 lines")))
          .map(done -> new AttemptOutcome.Delivered(null, "empty window"));
    }
    if (content.sourceCount() != content.rows()) {
      return Future.succeededFuture(new AttemptOutcome.Technical(null, "lines changed while the batch was read ("
          + content.rows() + " read, " + content.sourceCount() + " counted); read again next time", null));
    }
    return sink.sendBatch(content);
  }

  private Future<JsonObject> settle(AnalyticsBatchRecords.Batch batch, LedgerBatch content, AttemptOutcome outcome) {
    if (outcome instanceof AttemptOutcome.Delivered) {
      watermark.set(batch.to());
      Counter.builder("gateway_analytics_rows").description("Ledger lines delivered to analytics").register(registry)
          .increment(content.rows());
      return Future.succeededFuture(result(content.rows() == 0 ? "empty" : "delivered", outcome.detail())
          .put("batch", describe(batch, content)));
    }
    boolean last = batch.attempts() + 1 >= config.policy().retry().maxAttempts();
    if (outcome.detail() != null && outcome.detail().startsWith("reconciliation failed")) {
      Counter.builder("gateway_analytics_reconciliation_failures")
          .description("Analytics batches whose totals the target did not confirm").register(registry).increment();
    }
    if (last) {
      LOG.error("analytics batch {} ({} .. {}) given up after {} attempts: {}; its window is redone in a new batch",
          batch.batchId(), batch.from(), batch.to(), batch.attempts() + 1, outcome.detail());
    }
    return records.failed(batch.batchId(), outcome.detail(), last)
        .map(v -> result(last ? "failed" : "retry", outcome.detail()).put("batch", describe(batch, content)));
  }

  private static JsonObject describe(AnalyticsBatchRecords.Batch batch, LedgerBatch content) {
    JsonObject json = new JsonObject().put("batchId", batch.batchId().toString())
        .put("watermarkFrom", batch.from().toString()).put("watermarkTo", batch.to().toString());
    if (content != null) {
      json.put("rows", content.rows()).put("checksum", content.checksum())
          .put("debit", content.debit().toPlainString()).put("credit", content.credit().toPlainString())
          .put("balance", content.balance().toPlainString());
    }
    return json;
  }

  private static JsonObject result(String status, String detail) {
    return new JsonObject().put("status", status).put("detail", detail);
  }

  private void count(String status) {
    Counter.builder("gateway_analytics_batches").description("Analytics batch runs by result")
        .tag("outcome", status).register(registry).increment();
  }

  private double watermarkLag(AtomicReference<LocalDateTime> holder) {
    LocalDateTime value = holder.get();
    return value == null ? 0 : Math.max(0, Duration.between(value.toInstant(ZoneOffset.UTC), clock.instant())
        .toMillis() / 1000.0);
  }

  private static TraceContext trace(String what) {
    return TraceContext.from("analytics-" + what, null);
  }
}
