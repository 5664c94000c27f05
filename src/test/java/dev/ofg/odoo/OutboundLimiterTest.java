package dev.ofg.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboundLimiterTest {
  private static final class Overloaded extends RuntimeException {
  }

  @Test
  void neverRunsMoreThanTheLimitAndRunsQueuedTasksInOrder() {
    OutboundLimiter limiter = new OutboundLimiter(2, 10, Overloaded::new);
    List<Promise<String>> running = new ArrayList<>();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxSeen = new AtomicInteger();
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      results.add(limiter.submit(() -> {
        maxSeen.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        Promise<String> promise = Promise.promise();
        running.add(promise);
        return promise.future().andThen(r -> concurrent.decrementAndGet());
      }));
    }

    assertThat(running).hasSize(2);
    assertThat(limiter.queued()).isEqualTo(3);
    for (int i = 0; i < 5; i++) {
      running.get(i).complete("r" + i);
    }

    assertThat(maxSeen.get()).isEqualTo(2);
    assertThat(results).allMatch(Future::succeeded);
    assertThat(results.get(4).result()).isEqualTo("r4");
    assertThat(limiter.inFlight()).isZero();
    assertThat(limiter.queued()).isZero();
  }

  @Test
  void rejectsAtOnceWhenTheQueueIsFull() {
    OutboundLimiter limiter = new OutboundLimiter(1, 1, Overloaded::new);
    Promise<String> blocker = Promise.promise();
    limiter.submit(blocker::future);
    Future<String> queued = limiter.submit(() -> Future.succeededFuture("queued"));
    Future<String> rejected = limiter.submit(() -> Future.succeededFuture("never"));

    assertThat(rejected.failed()).isTrue();
    assertThat(rejected.cause()).isInstanceOf(Overloaded.class);
    blocker.complete("done");
    assertThat(queued.result()).isEqualTo("queued");
  }

  @Test
  void releasesTheSlotWhenATaskThrows() {
    OutboundLimiter limiter = new OutboundLimiter(1, 0, Overloaded::new);
    Future<String> failed = limiter.submit(() -> {
      throw new IllegalStateException("boom");
    });
    Future<String> next = limiter.submit(() -> Future.succeededFuture("ok"));

    assertThat(failed.cause()).hasMessage("boom");
    assertThat(next.result()).isEqualTo("ok");
  }
}
