package dev.ofg.webhook.gocardless;

import dev.ofg.webhook.HmacAlgorithm;
import dev.ofg.webhook.PayloadFields;
import dev.ofg.webhook.ProviderEvent;
import dev.ofg.webhook.SignatureEncoding;
import dev.ofg.webhook.SignatureHeaders;
import dev.ofg.webhook.SignatureMatcher;
import dev.ofg.webhook.SignatureVerifier;
import dev.ofg.webhook.VerifiedWebhook;
import dev.ofg.webhook.WebhookFailureCode;
import dev.ofg.webhook.WebhookJsonReader;
import dev.ofg.webhook.WebhookJsonReader.ParsedPayload;
import dev.ofg.webhook.WebhookPayloadException;
import dev.ofg.webhook.WebhookRequest;
import dev.ofg.webhook.WebhookSecret;
import dev.ofg.webhook.WebhookSignatureException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies GoCardless webhooks: {@code Webhook-Signature} is the hex HMAC-SHA256 of the raw body.
 * The body {@code {"events":[...]}} carries a batch; each event becomes one {@link ProviderEvent}
 * with id {@code id} ({@code EV...}), type {@code resource_type + "." + action} and occurrence
 * time {@code created_at}. A signed batch with no events is accepted with no events.
 */
public final class GoCardlessSignatureVerifier implements SignatureVerifier {

  public static final String TYPE = "gocardless";
  public static final String SIGNATURE_HEADER = "Webhook-Signature";

  private static final List<String> EVENT_PATH = List.of("events", "*");

  private final GoCardlessVerifierOptions options;
  private final WebhookJsonReader reader;

  /** Creates a verifier. */
  public GoCardlessSignatureVerifier(GoCardlessVerifierOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.reader = new WebhookJsonReader(options.limits());
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public VerifiedWebhook verify(WebhookRequest request) {
    options.limits().requireBodyWithin(request);
    String header = SignatureHeaders.requireSingle(request, SIGNATURE_HEADER);
    byte[] received = SignatureEncoding.HEX.decodeOrNull(header);
    if (received == null || received.length != HmacAlgorithm.HMAC_SHA256.macLength()) {
      throw new WebhookSignatureException(
          WebhookFailureCode.SIGNATURE_MALFORMED, SIGNATURE_HEADER + " is not 64 hex digits");
    }
    List<byte[]> expected = new ArrayList<>();
    for (WebhookSecret secret : options.secrets()) {
      expected.add(secret.hmac(HmacAlgorithm.HMAC_SHA256, request.bodyView()));
    }
    if (!SignatureMatcher.anyMatch(expected, List.of(received))) {
      throw new WebhookSignatureException(
          WebhookFailureCode.SIGNATURE_INVALID, "signature matches no configured secret");
    }
    return new VerifiedWebhook(toEvents(reader.read(request, EVENT_PATH)), null);
  }

  @Override
  public Optional<Instant> occurredAt(JsonObject event, WebhookRequest request) {
    return Optional.ofNullable(PayloadFields.optionalInstant(event.getValue("created_at")));
  }

  private List<ProviderEvent> toEvents(ParsedPayload payload) {
    if (!(payload.root().getValue("events") instanceof JsonArray)) {
      throw new WebhookPayloadException("events is missing or not an array");
    }
    List<ProviderEvent> events = new ArrayList<>(payload.eventCount());
    for (int i = 0; i < payload.eventCount(); i++) {
      events.add(toEvent(payload.event(i), i, payload.rawEvent(i)));
    }
    return events;
  }

  private ProviderEvent toEvent(JsonObject event, int index, byte[] rawJson) {
    String where = "events[" + index + "].";
    String id = PayloadFields.requireToken(event.getValue("id"), where + "id");
    String resourceType = PayloadFields.requireToken(event.getValue("resource_type"), where + "resource_type");
    String action = PayloadFields.requireToken(event.getValue("action"), where + "action");
    String type = PayloadFields.requireToken(resourceType + "." + action, where + "resource_type.action");
    return new ProviderEvent(id, type, occurredAt(event, null).orElse(null), index, rawJson);
  }
}
