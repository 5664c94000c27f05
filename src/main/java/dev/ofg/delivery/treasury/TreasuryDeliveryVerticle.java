package dev.ofg.delivery.treasury;

import dev.ofg.config.DeliveryConfig;
import dev.ofg.delivery.AttemptOutcome;
import dev.ofg.delivery.DeliveryAttempt;
import dev.ofg.delivery.http.EventMessages;
import dev.ofg.delivery.http.SignedHttpSender;
import dev.ofg.delivery.http.StandardWebhooksSigner;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * Delivers events to the treasury endpoint: AR/AP exposure changes (invoice posted, paid, cancelled) and payment
 * status, POSTed as JSON and signed as Standard Webhooks with the gateway as the sender ({@code webhook-id} is the
 * event id, stable across retries and replays, so the receiver can dedupe).
 */
public final class TreasuryDeliveryVerticle extends VerticleBase {
  private final DeliveryConfig.HttpTarget config;
  private final Clock clock;
  private SignedHttpSender sender;
  private MessageConsumer<JsonObject> consumer;

  public TreasuryDeliveryVerticle(DeliveryConfig.HttpTarget config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    StandardWebhooksSigner signer = config.secret() == null ? null : StandardWebhooksSigner.of(config.secret());
    sender = new SignedHttpSender(vertx, config.url(), signer, config.policy().timeout(), config.policy().window(),
        clock);
    consumer = vertx.eventBus().localConsumer(DeliveryAttempt.address(DeliveryConfig.TREASURY), this::deliver);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister().eventually(sender::close);
  }

  private void deliver(Message<JsonObject> message) {
    DeliveryAttempt attempt = DeliveryAttempt.fromJson(message.body());
    sender.send(EventMessages.json(attempt.event()))
        .map(SignedHttpSender.Sent::outcome)
        .otherwise(failure -> new AttemptOutcome.Technical(null, failure.toString(), null))
        .onSuccess(outcome -> message.reply(outcome.toJson()));
  }
}
