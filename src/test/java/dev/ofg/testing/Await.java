package dev.ofg.testing;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Waits for a Vert.x future from a test thread (never an event loop), for set-up outside VertxExtension. */
public final class Await {
  private Await() {
  }

  public static <T> T result(Future<T> future, Duration timeout) {
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<AsyncResult<T>> outcome = new AtomicReference<>();
    future.onComplete(result -> {
      outcome.set(result);
      done.countDown();
    });
    try {
      if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("not completed within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    if (outcome.get().failed()) {
      throw new AssertionError("failed: " + outcome.get().cause(), outcome.get().cause());
    }
    return outcome.get().result();
  }
}
