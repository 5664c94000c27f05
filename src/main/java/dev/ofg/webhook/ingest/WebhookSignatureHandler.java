package dev.ofg.webhook.ingest;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RequestKeys;
import dev.ofg.webhook.VerifiedWebhook;
import dev.ofg.webhook.WebhookException;
import dev.ofg.webhook.WebhookRequest;
import dev.ofg.webhook.WebhookSignatureException;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Authenticates a webhook sender by its signature over the raw body: on success the verified events go to the
 * next handler and the source becomes the request's client (the rate-limit key); on failure the answer is
 * 401 {@code SIGNATURE_INVALID} or 400, with the verifier's client-safe detail, and nothing is stored.
 *
 * <p>It runs before the rate limit on purpose: a forged request must not spend a provider's quota.
 */
final class WebhookSignatureHandler implements AuthenticationHandler {
  /** RoutingContext key of the {@link VerifiedWebhook}. */
  static final String VERIFIED = "ofg.webhook.verified";

  private final WebhookSource source;

  WebhookSignatureHandler(WebhookSource source) {
    this.source = source;
  }

  @Override
  public void handle(RoutingContext ctx) {
    VerifiedWebhook verified;
    try {
      verified = source.verifier().verify(request(ctx));
    } catch (WebhookException e) {
      ctx.put(WebhookArrivalHandler.OUTCOME, e.code().name().toLowerCase(Locale.ROOT));
      ctx.put(RequestKeys.REASON, e.code().name() + ": " + e.getMessage());
      ctx.fail(toProblem(e));
      return;
    }
    ctx.put(VERIFIED, verified);
    ctx.put(RequestKeys.CLIENT_ID, source.name());
    ctx.next();
  }

  private static WebhookRequest request(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    WebhookRequest.Builder request = WebhookRequest.builder()
        .body(body == null ? new byte[0] : body.getBytes())
        .receivedAt(ctx.get(WebhookArrivalHandler.RECEIVED_AT, Instant.now()));
    for (Map.Entry<String, String> header : ctx.request().headers()) {
      request.header(header.getKey(), header.getValue());
    }
    return request.build();
  }

  static GatewayException toProblem(WebhookException e) {
    ProblemCode code = e instanceof WebhookSignatureException ? ProblemCode.SIGNATURE_INVALID
        : ProblemCode.WEBHOOK_PAYLOAD_INVALID;
    return GatewayException.of(code, e.publicDetail());
  }
}
