package dev.ofg.odoo;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds how many calls are in flight to one upstream, with a bounded queue behind them.
 *
 * <p>Shared by every event loop; a queued task resumes on the context that submitted it. When the queue
 * is full the call fails at once, so overload shows as a fast 503 rather than growing memory and latency.
 */
public final class OutboundLimiter {
  private final int maxConcurrency;
  private final int maxQueued;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger queued = new AtomicInteger();
  private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
  private final Supplier<RuntimeException> rejection;

  public OutboundLimiter(int maxConcurrency, int maxQueued, Supplier<RuntimeException> rejection) {
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency: " + maxConcurrency + " (expected: >= 1)");
    }
    if (maxQueued < 0) {
      throw new IllegalArgumentException("maxQueued: " + maxQueued + " (expected: >= 0)");
    }
    this.maxConcurrency = maxConcurrency;
    this.maxQueued = maxQueued;
    this.rejection = rejection;
  }

  /** Runs the task now if a slot is free, later if the queue has room, or fails it with the rejection. */
  public <T> Future<T> submit(Supplier<Future<T>> task) {
    if (tryAcquire()) {
      return run(task);
    }
    if (queued.incrementAndGet() > maxQueued) {
      queued.decrementAndGet();
      return Future.failedFuture(rejection.get());
    }
    Context context = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    waiting.add(() -> {
      Runnable start = () -> run(task).onComplete(promise);
      if (context != null) {
        context.runOnContext(v -> start.run());
      } else {
        start.run();
      }
    });
    // A slot may have been released between the failed acquire and the enqueue.
    drain();
    return promise.future();
  }

  public int inFlight() {
    return inFlight.get();
  }

  public int queued() {
    return queued.get();
  }

  private <T> Future<T> run(Supplier<Future<T>> task) {
    Future<T> result;
    try {
      result = task.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.andThen(done -> release());
  }

  private void release() {
    inFlight.decrementAndGet();
    drain();
  }

  private void drain() {
    while (!waiting.isEmpty() && tryAcquire()) {
      Runnable next = waiting.poll();
      if (next == null) {
        inFlight.decrementAndGet();
        return;
      }
      queued.decrementAndGet();
      next.run();
    }
  }

  private boolean tryAcquire() {
    while (true) {
      int current = inFlight.get();
      if (current >= maxConcurrency) {
        return false;
      }
      if (inFlight.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }
}
