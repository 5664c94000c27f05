package dev.ofg.webhook.ingest;

import dev.ofg.config.WebhookConfig.GroupCommit;
import dev.ofg.finance.FinanceEvent;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.store.InboxRecords;
import dev.ofg.store.OutboxRecords;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes webhook deliveries to the inbox by group commit: concurrent requests are collected (for at most
 * {@code maxDelay}, or until {@code maxBatch} are waiting) and written in one transaction with one multi-row
 * insert and one commit; only then is every waiter completed. While {@code maxConcurrentBatches} commits are in
 * flight, new requests queue and go together as soon as one finishes, so batches grow with the load instead of
 * throughput collapsing to one commit per request.
 *
 * <p>Failure modes: a full queue (by count or bytes) fails at once with {@code OVERLOADED} (503, Retry-After);
 * a batch that fails fails its waiters with {@code STORE_UNAVAILABLE} (503, Retry-After), except that a batch
 * the database refused because of its data (or a deadlock), not because it is unreachable, is retried request by
 * request, so that one unstorable request cannot fail the others. No waiter is ever completed successfully before its
 * transaction committed.
 *
 * <p>Threading: {@link #submit} may be called from any event loop; the queue lives on one context and each
 * waiter is completed back on the context it submitted from.
 */
public final class InboxGroupCommit {
  private static final Logger LOG = LoggerFactory.getLogger(InboxGroupCommit.class);

  /** Writes one batch in one transaction; returns the inbox rows it created (duplicates have none). */
  @FunctionalInterface
  public interface BatchWriter {
    Future<List<InboxRecords.Stored>> write(List<PendingDelivery> batch);
  }

  private final Vertx vertx;
  private final Context context;
  private final GroupCommit options;
  private final BatchWriter writer;
  private final WebhookMetrics metrics;
  private final long retryAfterSeconds;
  private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
  private final Object admission = new Object();
  private int queuedCount;
  private long queuedBytes;
  private volatile boolean closed;
  private int inFlight;
  private long timerId = -1;
  private Promise<Void> drained;

  /**
   * Creates a group commit that runs its queue on {@code context}.
   *
   * @param retryAfter what a refused sender is told to wait
   */
  public InboxGroupCommit(Vertx vertx, Context context, GroupCommit options, BatchWriter writer,
      WebhookMetrics metrics, Duration retryAfter) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.context = Objects.requireNonNull(context, "context");
    this.options = Objects.requireNonNull(options, "options");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    metrics.queueDepth(this::queued);
  }

  /**
   * Returns the writer used in production: the inbox insert and the outbox events of the new items, in one
   * transaction of {@code pool}.
   */
  public static BatchWriter transactional(Pool pool) {
    return batch -> pool.withTransaction(tx -> {
      List<InboxRecords.Delivery> deliveries = batch.stream().map(PendingDelivery::delivery).toList();
      return InboxRecords.insert(tx, deliveries)
          .compose(stored -> OutboxRecords.append(tx, outboxEvents(batch, stored)).map(stored));
    });
  }

  private static List<FinanceEvent> outboxEvents(List<PendingDelivery> batch, List<InboxRecords.Stored> stored) {
    List<FinanceEvent> events = new ArrayList<>();
    for (InboxRecords.Stored row : stored) {
      for (PendingDelivery pending : batch) {
        if (pending.delivery().id().equals(row.deliveryId())) {
          FinanceEvent event = pending.eventFor(row);
          if (event != null) {
            events.add(event);
          }
        }
      }
    }
    return events;
  }

  /**
   * Queues a delivery for the next commit.
   *
   * @return the inbox rows created for it once committed; a failed future carries a {@link GatewayException}
   *     (503 with Retry-After) when the queue is full or the write failed
   */
  public Future<List<InboxRecords.Stored>> submit(PendingDelivery delivery) {
    if (closed) {
      return Future.failedFuture(unavailable("the inbox is shutting down"));
    }
    long bytes = delivery.bytes();
    if (!admit(bytes)) {
      return Future.failedFuture(GatewayException.withRetryAfter(ProblemCode.OVERLOADED,
          "the webhook inbox queue is full; retry after " + retryAfterSeconds + " s", retryAfterSeconds));
    }
    Waiter waiter = new Waiter(delivery, bytes, Promise.promise(), Vertx.currentContext());
    context.runOnContext(v -> enqueue(waiter));
    return waiter.promise.future();
  }

  /** Returns how many requests wait for a commit (not counting those being committed). */
  public int queued() {
    synchronized (admission) {
      return queuedCount;
    }
  }

  /** Stops taking requests, commits what is queued, and completes once no commit is in flight. */
  public Future<Void> close() {
    closed = true;
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      drained = done;
      flush();
      completeIfDrained();
    });
    return done.future();
  }

  private boolean admit(long bytes) {
    synchronized (admission) {
      boolean fits = queuedCount < options.maxQueued()
          && (queuedCount == 0 || queuedBytes + bytes <= options.maxQueuedBytes());
      if (fits) {
        queuedCount++;
        queuedBytes += bytes;
      }
      return fits;
    }
  }

  private void release(List<Waiter> batch) {
    synchronized (admission) {
      for (Waiter waiter : batch) {
        queuedCount--;
        queuedBytes -= waiter.bytes;
      }
    }
  }

  private void enqueue(Waiter waiter) {
    queue.add(waiter);
    if (inFlight >= options.maxConcurrentBatches()) {
      return; // the commit in flight flushes the queue when it completes
    }
    if (closed || queue.size() >= options.maxBatch() || options.maxDelay().toMillis() < 1) {
      flush();
    } else if (timerId < 0) {
      timerId = vertx.setTimer(options.maxDelay().toMillis(), id -> {
        timerId = -1;
        flush();
      });
    }
  }

  private void flush() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    while (!queue.isEmpty() && inFlight < options.maxConcurrentBatches()) {
      List<Waiter> batch = new ArrayList<>(Math.min(queue.size(), options.maxBatch()));
      while (!queue.isEmpty() && batch.size() < options.maxBatch()) {
        batch.add(queue.poll());
      }
      release(batch);
      inFlight++;
      write(batch).onComplete(done -> {
        inFlight--;
        flush();
        completeIfDrained();
      });
    }
  }

  private Future<Void> write(List<Waiter> batch) {
    List<PendingDelivery> deliveries = batch.stream().map(waiter -> waiter.delivery).toList();
    metrics.batch(batch.size(), deliveries.stream().mapToInt(d -> d.delivery().items().size()).sum());
    long start = System.nanoTime();
    Future<List<InboxRecords.Stored>> written;
    try {
      written = writer.write(deliveries);
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    return written.transform(result -> {
      metrics.commit(result.succeeded()).record(Duration.ofNanos(System.nanoTime() - start));
      if (result.succeeded()) {
        distribute(batch, result.result());
        return Future.succeededFuture();
      }
      if (batch.size() > 1 && isRefusalOfTheData(result.cause())) {
        LOG.warn("inbox batch of {} refused ({}); retrying its requests one by one", batch.size(),
            describe(result.cause()));
        return retryOneByOne(batch);
      }
      LOG.warn("inbox batch of {} failed: {}", batch.size(), describe(result.cause()));
      batch.forEach(waiter -> fail(waiter, unavailable("the inbox store is unavailable")));
      return Future.succeededFuture();
    });
  }

  /**
   * Returns true for errors a smaller batch may not hit: data exceptions (22), integrity violations (23),
   * deadlocks and serialization failures (40), program limits (54). Connection and server-state errors (08, 53,
   * 55, 57) would fail every request alike, so they are not retried.
   */
  private static boolean isRefusalOfTheData(Throwable failure) {
    if (!(failure instanceof PgException pg) || pg.getSqlState() == null) {
      return false;
    }
    String errorClass = pg.getSqlState().length() < 2 ? "" : pg.getSqlState().substring(0, 2);
    return errorClass.equals("22") || errorClass.equals("23") || errorClass.equals("40") || errorClass.equals("54");
  }

  private Future<Void> retryOneByOne(List<Waiter> batch) {
    List<Future<Void>> singles = new ArrayList<>(batch.size());
    for (Waiter waiter : batch) {
      singles.add(write(List.of(waiter)));
    }
    return Future.join(singles).mapEmpty();
  }

  private void distribute(List<Waiter> batch, List<InboxRecords.Stored> stored) {
    for (Waiter waiter : batch) {
      UUID id = waiter.delivery.delivery().id();
      complete(waiter, stored.stream().filter(row -> row.deliveryId().equals(id)).toList());
    }
  }

  private void completeIfDrained() {
    if (drained != null && inFlight == 0 && queue.isEmpty()) {
      // After the waiters' completions, which were handed to their contexts first.
      Promise<Void> done = drained;
      context.runOnContext(v -> done.tryComplete());
    }
  }

  private static void complete(Waiter waiter, List<InboxRecords.Stored> rows) {
    if (waiter.caller == null) {
      waiter.promise.complete(rows);
    } else {
      waiter.caller.runOnContext(v -> waiter.promise.complete(rows));
    }
  }

  private static void fail(Waiter waiter, Throwable failure) {
    if (waiter.caller == null) {
      waiter.promise.fail(failure);
    } else {
      waiter.caller.runOnContext(v -> waiter.promise.fail(failure));
    }
  }

  private GatewayException unavailable(String detail) {
    return GatewayException.withRetryAfter(ProblemCode.STORE_UNAVAILABLE,
        detail + "; nothing was stored, retry after " + retryAfterSeconds + " s", retryAfterSeconds);
  }

  /** Describes a store failure for a log line: SQLSTATE and the server's message, never parameter values. */
  static String describe(Throwable failure) {
    if (failure instanceof PgException pg) {
      // SQLSTATE and the server's message: neither carries parameter values.
      return "SQLSTATE " + pg.getSqlState() + " " + pg.getErrorMessage();
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  /** Holds one queued request, the promise its handler waits on, and where to complete it. */
  private record Waiter(PendingDelivery delivery, long bytes, Promise<List<InboxRecords.Stored>> promise,
      Context caller) {
  }
}
