package dev.ofg.webhook.adyen;

import dev.ofg.webhook.HmacAlgorithm;
import dev.ofg.webhook.PayloadFields;
import dev.ofg.webhook.ProviderEvent;
import dev.ofg.webhook.SignatureEncoding;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies Adyen standard notifications, {@code {"live": "...", "notificationItems":
 * [{"NotificationRequestItem": {...}}]}}, whose HMAC is per item: {@code
 * additionalData.hmacSignature} is the base64 HMAC-SHA256, keyed with the hex HMAC key, of the
 * item's signed fields (see {@link AdyenSignedData}).
 *
 * <p>Batch policy: every item must verify, or the whole request is rejected with the first failing
 * item's code. Accepting the valid part would acknowledge items Adyen will never re-send alone,
 * and an unsigned item must never ride along with signed ones; a rejected batch is retried by
 * Adyen as a whole. Because the signature sits inside the payload, the JSON is parsed (under the
 * limits) before verification.
 *
 * <p>Event id: {@code pspReference:eventCode:success}. Adyen identifies a duplicate notification
 * by the same eventCode and pspReference; success is added because a notification with the same
 * pair but a different outcome (false, later true) is a different fact and must not be dropped as
 * a duplicate. The type is the eventCode, the occurrence time the eventDate.
 */
public final class AdyenHmacVerifier implements SignatureVerifier {

  public static final String TYPE = "adyen";

  private static final List<String> ITEM_PATH = List.of("notificationItems", "*", "NotificationRequestItem");

  private final AdyenVerifierOptions options;
  private final WebhookJsonReader reader;

  /** Creates a verifier. */
  public AdyenHmacVerifier(AdyenVerifierOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.reader = new WebhookJsonReader(options.limits());
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public VerifiedWebhook verify(WebhookRequest request) {
    ParsedPayload payload = reader.read(request, ITEM_PATH);
    requireItems(payload);
    for (int i = 0; i < payload.eventCount(); i++) {
      verifyItem(payload.event(i), i);
    }
    List<ProviderEvent> events = new ArrayList<>(payload.eventCount());
    for (int i = 0; i < payload.eventCount(); i++) {
      events.add(toEvent(payload.event(i), i, payload.rawEvent(i)));
    }
    return new VerifiedWebhook(events, null);
  }

  private static void requireItems(ParsedPayload payload) {
    if (!(payload.root().getValue("notificationItems") instanceof JsonArray items) || items.isEmpty()) {
      throw new WebhookPayloadException("notificationItems is missing, empty or not an array");
    }
    if (items.size() != payload.eventCount()) {
      throw new WebhookPayloadException("an element of notificationItems has no NotificationRequestItem");
    }
  }

  private void verifyItem(JsonObject item, int index) {
    String where = "notificationItems[" + index + "].";
    byte[] received = receivedSignature(item, where);
    byte[] signedData = AdyenSignedData.of(item, where).getBytes(StandardCharsets.UTF_8);
    List<byte[]> expected = new ArrayList<>();
    for (WebhookSecret secret : options.secrets()) {
      expected.add(secret.hmac(HmacAlgorithm.HMAC_SHA256, signedData));
    }
    if (!SignatureMatcher.anyMatch(expected, List.of(received))) {
      throw new WebhookSignatureException(
          WebhookFailureCode.SIGNATURE_INVALID, where + "hmacSignature matches no configured key");
    }
  }

  private static byte[] receivedSignature(JsonObject item, String where) {
    Object signature = item.getValue("additionalData") instanceof JsonObject additionalData
        ? additionalData.getValue("hmacSignature") : null;
    if (!(signature instanceof String text) || text.isBlank()) {
      throw new WebhookSignatureException(
          WebhookFailureCode.SIGNATURE_MISSING, where + "additionalData.hmacSignature missing");
    }
    byte[] mac = SignatureEncoding.BASE64.decodeOrNull(text.strip());
    if (mac == null || mac.length != HmacAlgorithm.HMAC_SHA256.macLength()) {
      throw new WebhookSignatureException(
          WebhookFailureCode.SIGNATURE_MALFORMED, where + "hmacSignature is not a base64 HMAC-SHA256");
    }
    return mac;
  }

  @Override
  public Optional<Instant> occurredAt(JsonObject item, WebhookRequest request) {
    return Optional.ofNullable(PayloadFields.optionalInstant(item.getValue("eventDate")));
  }

  private ProviderEvent toEvent(JsonObject item, int index, byte[] rawJson) {
    String where = "notificationItems[" + index + "].";
    String pspReference = PayloadFields.requireToken(item.getValue("pspReference"), where + "pspReference");
    String eventCode = PayloadFields.requireToken(item.getValue("eventCode"), where + "eventCode");
    String success = AdyenSignedData.text(item, "success", where);
    String id = PayloadFields.requireToken(pspReference + ":" + eventCode + ":" + success, where + "id");
    return new ProviderEvent(id, eventCode, occurredAt(item, null).orElse(null), index, rawJson);
  }
}
