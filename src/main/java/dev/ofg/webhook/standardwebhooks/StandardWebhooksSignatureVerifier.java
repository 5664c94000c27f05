package dev.ofg.webhook.standardwebhooks;

import dev.ofg.webhook.HmacAlgorithm;
import dev.ofg.webhook.PayloadFields;
import dev.ofg.webhook.ProviderEvent;
import dev.ofg.webhook.SignatureEncoding;
import dev.ofg.webhook.SignatureHeaders;
import dev.ofg.webhook.SignatureMatcher;
import dev.ofg.webhook.SignatureVerifier;
import dev.ofg.webhook.TimestampTolerance;
import dev.ofg.webhook.VerifiedWebhook;
import dev.ofg.webhook.WebhookFailureCode;
import dev.ofg.webhook.WebhookJsonReader;
import dev.ofg.webhook.WebhookRequest;
import dev.ofg.webhook.WebhookSecret;
import dev.ofg.webhook.WebhookSignatureException;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies Standard Webhooks (and Svix) deliveries: headers {@code webhook-id},
 * {@code webhook-timestamp} and {@code webhook-signature} (or the {@code svix-} names), the
 * signature header a space-separated list of {@code v1,<base64>} HMAC-SHA256 values over
 * {@code id + "." + timestamp + "." + rawBody}. Other versions ({@code v1a} asymmetric) are
 * ignored. The event id is the message id header, stable across retries; the type is the body's
 * {@code type}, the occurrence time its optional ISO-8601 {@code timestamp}.
 *
 * <p>Header names are taken as one set: the {@code webhook-} set when {@code webhook-signature} is
 * present, else the {@code svix-} set; the two are never mixed.
 */
public final class StandardWebhooksSignatureVerifier implements SignatureVerifier {

  public static final String TYPE = "standard-webhooks";

  private static final HeaderNames STANDARD =
      new HeaderNames("webhook-id", "webhook-timestamp", "webhook-signature");
  private static final HeaderNames SVIX = new HeaderNames("svix-id", "svix-timestamp", "svix-signature");
  private static final String SYMMETRIC_VERSION = "v1,";

  private final StandardWebhooksVerifierOptions options;
  private final WebhookJsonReader reader;

  /** Creates a verifier. */
  public StandardWebhooksSignatureVerifier(StandardWebhooksVerifierOptions options) {
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
    HeaderNames names = SignatureHeaders.isPresent(request, STANDARD.signature)
        || !SignatureHeaders.isPresent(request, SVIX.signature) ? STANDARD : SVIX;
    String messageId = SignatureHeaders.requireSingle(request, names.id);
    String timestampText = SignatureHeaders.requireSingle(request, names.timestamp);
    List<byte[]> received =
        parseSignatures(SignatureHeaders.requireSingle(request, names.signature), names.signature);
    long timestamp = TimestampTolerance.parseEpochSeconds(timestampText, names.timestamp);

    byte[] signedPrefix = (messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    List<byte[]> expected = new ArrayList<>();
    for (WebhookSecret secret : options.secrets()) {
      expected.add(secret.hmac(HmacAlgorithm.HMAC_SHA256, ByteBuffer.wrap(signedPrefix), request.bodyView()));
    }
    if (!SignatureMatcher.anyMatch(expected, received)) {
      throw new WebhookSignatureException(
          WebhookFailureCode.SIGNATURE_INVALID, "no v1 signature matches a configured secret");
    }
    Instant signedAt = options.tolerance().requireWithin(timestamp, request.receivedAt());
    return new VerifiedWebhook(List.of(toEvent(messageId, reader.readObject(request), request)), signedAt);
  }

  private static List<byte[]> parseSignatures(String header, String name) {
    String[] entries = header.split(" +");
    SignatureHeaders.requireEntryCount(entries.length, name);
    int symmetricEntries = 0;
    List<byte[]> signatures = new ArrayList<>();
    for (String entry : entries) {
      if (entry.startsWith(SYMMETRIC_VERSION)) {
        symmetricEntries++;
        byte[] mac = SignatureEncoding.BASE64.decodeOrNull(entry.substring(SYMMETRIC_VERSION.length()));
        if (mac != null && mac.length == HmacAlgorithm.HMAC_SHA256.macLength()) {
          signatures.add(mac);
        }
      }
    }
    if (symmetricEntries == 0) {
      throw new WebhookSignatureException(WebhookFailureCode.SIGNATURE_MISSING, name + " carries no v1 signature");
    }
    if (signatures.isEmpty()) {
      throw new WebhookSignatureException(
          WebhookFailureCode.SIGNATURE_MALFORMED, "no v1 signature in " + name + " is a base64 HMAC-SHA256");
    }
    return signatures;
  }

  @Override
  public Optional<Instant> occurredAt(JsonObject payload, WebhookRequest request) {
    return Optional.ofNullable(PayloadFields.optionalInstant(payload.getValue("timestamp")));
  }

  private ProviderEvent toEvent(String messageId, JsonObject payload, WebhookRequest request) {
    String id = PayloadFields.requireToken(messageId, "message id");
    String type = PayloadFields.requireToken(payload.getValue("type"), "type");
    return new ProviderEvent(id, type, occurredAt(payload, request).orElse(null), 0, request.body());
  }

  /** Names one consistent set of the three signature headers. */
  private record HeaderNames(String id, String timestamp, String signature) {}
}
