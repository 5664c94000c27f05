package dev.ofg.webhook.ingest;

import static dev.ofg.webhook.ingest.WebhookTestKit.GOCARDLESS;
import static dev.ofg.webhook.ingest.WebhookTestKit.STRIPE;
import static dev.ofg.webhook.ingest.WebhookTestKit.goCardlessSignature;
import static dev.ofg.webhook.ingest.WebhookTestKit.newId;
import static dev.ofg.webhook.ingest.WebhookTestKit.stripeEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Applies the {@code webhook} rate limit per source after the signature check: a provider's own requests use
 * its bucket, forged ones never do, and another source keeps its own bucket.
 */
@ExtendWith(VertxExtension.class)
class WebhookRateLimitTest {
  private static WebhookTestKit kit;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    WebhookTestKit.start(vertx, "", "{ratePerSecond: 0.001, burst: 2}").onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  @Test
  void limitsEachSourceByItsSignedRequestsOnly(VertxTestContext test) {
    String forged = stripeEvent(newId("evt_"), "payment_intent.succeeded", 1, "eur", "R");
    String gcBody = "{\"events\":[]}";
    kit.post(STRIPE, forged, "Stripe-Signature", "t=1,v1=" + "0".repeat(64))
        .compose(f1 -> kit.post(STRIPE, forged, "Stripe-Signature", "t=1,v1=" + "0".repeat(64)))
        .compose(f2 -> kit.postStripe(stripeEvent(newId("evt_"), "payout.paid", 1, "eur", "R")))
        .compose(first -> kit.postStripe(stripeEvent(newId("evt_"), "payout.paid", 1, "eur", "R"))
            .compose(second -> kit.postStripe(stripeEvent(newId("evt_"), "payout.paid", 1, "eur", "R"))
                .compose(third -> kit.post(GOCARDLESS, gcBody, "Webhook-Signature",
                        goCardlessSignature(kit.goCardlessSecret, gcBody))
                    .map(other -> new int[] {first.statusCode(), second.statusCode(), third.statusCode(),
                        other.statusCode(), Integer.parseInt(third.getHeader("Retry-After"))}))))
        .onComplete(test.succeeding(statuses -> test.verify(() -> {
          assertThat(statuses[0]).as("forged requests spent no quota").isEqualTo(200);
          assertThat(statuses[1]).isEqualTo(200);
          assertThat(statuses[2]).isEqualTo(429);
          assertThat(statuses[3]).as("another source, another bucket").isEqualTo(200);
          assertThat(statuses[4]).isPositive();
          assertThat(kit.counter("gateway_webhook_received", "source", STRIPE, "outcome", "rate_limited"))
              .isEqualTo(1);
          test.completeNow();
        })));
  }
}
