package dev.ofg.webhook.stripe;

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
 * Verifies Stripe webhooks: {@code Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...]}, each
 * {@code v1} an HMAC-SHA256 over {@code t + "." + rawBody}. Other schemes ({@code v0}, test-mode
 * signatures) are ignored. The body is one event: {@code id} ({@code evt_...}), {@code type},
 * {@code created}.
 *
 * <p>Unlike Stripe's libraries, timestamps too far in the future are rejected as well as stale
 * ones, so that a captured request cannot be replayed for longer than the tolerance.
 */
public final class StripeSignatureVerifier implements SignatureVerifier {

  public static final String TYPE = "stripe";
  public static final String SIGNATURE_HEADER = "Stripe-Signature";

  private static final String SCHEME = "v1";
  private static final String TIMESTAMP_KEY = "t";

  private final StripeVerifierOptions options;
  private final WebhookJsonReader reader;

  /** Creates a verifier. */
  public StripeSignatureVerifier(StripeVerifierOptions options) {
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
    SignatureHeader header = SignatureHeader.parse(SignatureHeaders.requireSingle(request, SIGNATURE_HEADER));
    byte[] signedPrefix = (header.timestamp + ".").getBytes(StandardCharsets.US_ASCII);
    List<byte[]> expected = new ArrayList<>();
    for (WebhookSecret secret : options.secrets()) {
      expected.add(secret.hmac(HmacAlgorithm.HMAC_SHA256, ByteBuffer.wrap(signedPrefix), request.bodyView()));
    }
    if (!SignatureMatcher.anyMatch(expected, header.signatures)) {
      throw new WebhookSignatureException(
          WebhookFailureCode.SIGNATURE_INVALID, "no v1 signature matches a configured secret");
    }
    Instant signedAt = options.tolerance().requireWithin(header.timestamp, request.receivedAt());
    return new VerifiedWebhook(List.of(toEvent(reader.readObject(request), request)), signedAt);
  }

  @Override
  public Optional<Instant> occurredAt(JsonObject event, WebhookRequest request) {
    return Optional.ofNullable(PayloadFields.optionalInstant(event.getValue("created")));
  }

  private ProviderEvent toEvent(JsonObject event, WebhookRequest request) {
    String id = PayloadFields.requireToken(event.getValue("id"), "id");
    String type = PayloadFields.requireToken(event.getValue("type"), "type");
    return new ProviderEvent(id, type, occurredAt(event, request).orElse(null), 0, request.body());
  }

  /** Holds the parts of a {@code Stripe-Signature} header that matter: the timestamp and v1 MACs. */
  private static final class SignatureHeader {
    final long timestamp;
    final List<byte[]> signatures;

    private SignatureHeader(long timestamp, List<byte[]> signatures) {
      this.timestamp = timestamp;
      this.signatures = signatures;
    }

    static SignatureHeader parse(String value) {
      String[] items = value.split(",", -1);
      SignatureHeaders.requireEntryCount(items.length, SIGNATURE_HEADER);
      String timestamp = null;
      int schemeEntries = 0;
      List<byte[]> signatures = new ArrayList<>();
      for (String item : items) {
        int equals = item.indexOf('=');
        String key = equals < 0 ? item.strip() : item.substring(0, equals).strip();
        String text = equals < 0 ? "" : item.substring(equals + 1).strip();
        if (TIMESTAMP_KEY.equals(key)) {
          if (timestamp != null) {
            throw malformed("Stripe-Signature carries more than one timestamp");
          }
          timestamp = text;
        } else if (SCHEME.equals(key)) {
          schemeEntries++;
          addIfWellFormed(signatures, text);
        }
      }
      return new SignatureHeader(requireTimestamp(timestamp), requireSignatures(schemeEntries, signatures));
    }

    private static void addIfWellFormed(List<byte[]> signatures, String text) {
      byte[] mac = SignatureEncoding.HEX.decodeOrNull(text);
      if (mac != null && mac.length == HmacAlgorithm.HMAC_SHA256.macLength()) {
        signatures.add(mac);
      }
    }

    private static long requireTimestamp(String timestamp) {
      if (timestamp == null) {
        throw malformed("Stripe-Signature carries no timestamp");
      }
      return TimestampTolerance.parseEpochSeconds(timestamp, "Stripe-Signature timestamp");
    }

    private static List<byte[]> requireSignatures(int schemeEntries, List<byte[]> signatures) {
      if (schemeEntries == 0) {
        throw new WebhookSignatureException(
            WebhookFailureCode.SIGNATURE_MISSING, "Stripe-Signature carries no v1 signature");
      }
      if (signatures.isEmpty()) {
        throw malformed("no v1 signature in Stripe-Signature is 64 hex digits");
      }
      return signatures;
    }

    private static WebhookSignatureException malformed(String message) {
      return new WebhookSignatureException(WebhookFailureCode.SIGNATURE_MALFORMED, message);
    }
  }
}
