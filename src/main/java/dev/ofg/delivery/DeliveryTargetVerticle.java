package dev.ofg.delivery;

import dev.ofg.finance.FinanceEvent;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * Serves one target's delivery attempts on the event bus ({@code ofg.delivery.<target>}): applies each attempt's
 * event and answers the relay with the outcome. A failed application is turned into an outcome by
 * {@link #classify}, so the relay always gets an answer it can record.
 */
public abstract class DeliveryTargetVerticle extends VerticleBase {
  private final String target;
  private MessageConsumer<JsonObject> consumer;

  protected DeliveryTargetVerticle(String target) {
    this.target = target;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().localConsumer(DeliveryAttempt.address(target), this::deliver);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  private void deliver(Message<JsonObject> message) {
    Future<AttemptOutcome> applied;
    try {
      applied = apply(DeliveryAttempt.fromJson(message.body()).event());
    } catch (RuntimeException thrown) {
      // A bug that throws instead of failing the future still gets an answer, not the relay's reply timeout.
      applied = Future.failedFuture(thrown);
    }
    applied.otherwise(this::classify).onSuccess(outcome -> message.reply(outcome.toJson()))
        .onFailure(unclassifiable -> message.fail(500, unclassifiable.toString()));
  }

  /** Delivers one event; the future may fail with anything {@link #classify} turns into an outcome. */
  protected abstract Future<AttemptOutcome> apply(FinanceEvent event);

  /** Returns the outcome of an attempt whose {@link #apply} failed. */
  protected abstract AttemptOutcome classify(Throwable failure);
}
