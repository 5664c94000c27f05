package dev.ofg.delivery.treasury;

import dev.ofg.config.DeliveryConfig;
import dev.ofg.delivery.AttemptOutcome;
import dev.ofg.delivery.DeliveryTargetVerticle;
import dev.ofg.delivery.http.EventMessages;
import dev.ofg.delivery.http.SignedHttpSender;
import dev.ofg.delivery.http.StandardWebhooksSigner;
import dev.ofg.finance.FinanceEvent;
import io.vertx.core.Future;
import java.time.Clock;

/**
 * Delivers events to the treasury endpoint: AR/AP exposure changes (invoice posted, paid, cancelled) and payment
 * status, POSTed as JSON and signed as Standard Webhooks with the gateway as the sender ({@code webhook-id} is the
 * event id, stable across retries and replays, so the receiver can dedupe).
 */
public final class TreasuryDeliveryVerticle extends DeliveryTargetVerticle {
  private final DeliveryConfig.HttpTarget config;
  private final Clock clock;
  private SignedHttpSender sender;

  public TreasuryDeliveryVerticle(DeliveryConfig.HttpTarget config, Clock clock) {
    super(DeliveryConfig.TREASURY);
    this.config = config;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    StandardWebhooksSigner signer = config.secret() == null ? null : StandardWebhooksSigner.of(config.secret());
    sender = new SignedHttpSender(vertx, config.url(), signer, config.policy().timeout(), config.policy().window(),
        clock);
    return super.start();
  }

  @Override
  public Future<?> stop() {
    return super.stop().eventually(sender::close);
  }

  @Override
  protected Future<AttemptOutcome> apply(FinanceEvent event) {
    return sender.send(EventMessages.json(event)).map(SignedHttpSender.Sent::outcome);
  }

  @Override
  protected AttemptOutcome classify(Throwable failure) {
    return new AttemptOutcome.Technical(null, failure.toString(), null);
  }
}
