package dev.ofg.store;

import dev.ofg.config.AuditConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit records to PostgreSQL in batches, off the request path.
 *
 * <p>Records wait in a bounded in-memory queue and are written with one multi-row INSERT per batch
 * (unnest of arrays), at most one batch in flight. When the store is down, batches are put back and
 * retried; only when the queue is full is the oldest record dropped, and that is counted in
 * {@code gateway_audit_dropped_total}. {@link #close()} drains the queue, so a clean shutdown loses nothing.
 */
public final class PgAuditTrail implements AuditTrail {
  private static final Logger LOG = LoggerFactory.getLogger(PgAuditTrail.class);
  private static final String INSERT = "INSERT INTO audit_log (occurred_at, correlation_id, client_id, route, "
      + "http_method, odoo_model, odoo_method, outcome, status, duration_ms, reason) "
      + "SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
      + "$7::text[], $8::text[], $9::int[], $10::int[], $11::text[])";

  private final Vertx vertx;
  private final Pool pool;
  private final AuditConfig config;
  private final ConcurrentLinkedDeque<AuditRecord> queue = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Counter written;
  private final Counter dropped;
  private final Counter failures;
  private final long timerId;

  public PgAuditTrail(Vertx vertx, Pool pool, AuditConfig config, MeterRegistry registry) {
    this.vertx = vertx;
    this.pool = pool;
    this.config = config;
    this.written = Counter.builder("gateway_audit_written").description("Audit rows written").register(registry);
    this.dropped = Counter.builder("gateway_audit_dropped")
        .description("Audit rows dropped because the queue was full").register(registry);
    this.failures = Counter.builder("gateway_audit_flush_failures")
        .description("Audit batches that failed to write and were re-queued").register(registry);
    Gauge.builder("gateway_audit_queue_depth", size, AtomicInteger::get)
        .description("Audit rows waiting to be written").register(registry);
    this.timerId = vertx.setPeriodic(config.flushInterval().toMillis(), id -> flush());
  }

  @Override
  public void record(AuditRecord record) {
    if (closed.get()) {
      LOG.warn("audit record after close, correlationId={}", record.correlationId());
    }
    queue.addLast(record);
    if (size.incrementAndGet() > config.queueCapacity() && queue.pollFirst() != null) {
      size.decrementAndGet();
      dropped.increment();
    }
  }

  /** Writes up to one batch; resolves when that batch is written (or immediately if another is in flight). */
  Future<Void> flush() {
    if (!flushing.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    List<AuditRecord> batch = drain(config.batchSize());
    if (batch.isEmpty()) {
      flushing.set(false);
      return Future.succeededFuture();
    }
    return pool.preparedQuery(INSERT).execute(toTuple(batch))
        .<Void>mapEmpty()
        .onSuccess(done -> written.increment(batch.size()))
        .recover(failure -> {
          failures.increment();
          requeue(batch);
          LOG.warn("audit batch of {} rows not written, will retry: {}", batch.size(), failure.toString());
          return Future.failedFuture(failure);
        })
        .eventually(() -> {
          flushing.set(false);
          return Future.succeededFuture();
        });
  }

  @Override
  public Future<Void> close() {
    closed.set(true);
    vertx.cancelTimer(timerId);
    Promise<Void> done = Promise.promise();
    drainAll(done, 0);
    return done.future();
  }

  private void drainAll(Promise<Void> done, int failuresInARow) {
    if (size.get() == 0 && !flushing.get()) {
      done.complete();
      return;
    }
    if (failuresInARow >= 3) {
      done.fail(new IllegalStateException(size.get() + " audit rows could not be written at shutdown"));
      return;
    }
    flush().onComplete(result -> {
      if (flushing.get()) {
        vertx.setTimer(10, id -> drainAll(done, failuresInARow));
      } else {
        drainAll(done, result.succeeded() ? 0 : failuresInARow + 1);
      }
    });
  }

  public int queued() {
    return size.get();
  }

  private List<AuditRecord> drain(int max) {
    List<AuditRecord> batch = new ArrayList<>(Math.min(max, size.get()));
    AuditRecord next;
    while (batch.size() < max && (next = queue.pollFirst()) != null) {
      size.decrementAndGet();
      batch.add(next);
    }
    return batch;
  }

  private void requeue(List<AuditRecord> batch) {
    for (int i = batch.size() - 1; i >= 0; i--) {
      queue.addFirst(batch.get(i));
      size.incrementAndGet();
    }
  }

  private static Tuple toTuple(List<AuditRecord> batch) {
    int n = batch.size();
    OffsetDateTime[] at = new OffsetDateTime[n];
    String[] correlation = new String[n];
    String[] client = new String[n];
    String[] route = new String[n];
    String[] httpMethod = new String[n];
    String[] model = new String[n];
    String[] method = new String[n];
    String[] outcome = new String[n];
    Integer[] status = new Integer[n];
    Integer[] duration = new Integer[n];
    String[] reason = new String[n];
    for (int i = 0; i < n; i++) {
      AuditRecord r = batch.get(i);
      at[i] = r.occurredAt().atOffset(ZoneOffset.UTC);
      correlation[i] = r.correlationId();
      client[i] = r.clientId();
      route[i] = r.route();
      httpMethod[i] = r.httpMethod();
      model[i] = r.odooModel();
      method[i] = r.odooMethod();
      outcome[i] = r.outcome();
      status[i] = r.status();
      duration[i] = r.durationMs();
      reason[i] = r.reason();
    }
    return Tuple.of(at, correlation, client, route, httpMethod, model, method, outcome, status, duration)
        .addArrayOfString(reason);
  }
}
