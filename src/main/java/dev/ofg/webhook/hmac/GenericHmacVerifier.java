package dev.ofg.webhook.hmac;

import dev.ofg.webhook.PayloadFields;
import dev.ofg.webhook.ProviderEvent;
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
import io.vertx.core.json.pointer.JsonPointer;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies webhooks from senders with their own HMAC convention, described by {@link
 * GenericHmacVerifierOptions}: one signature in one header (optionally after a prefix such as
 * GitHub's {@code sha256=}), over the raw body or a template of timestamp and body. The body is one
 * JSON event whose id and type come from headers or JSON pointers.
 */
public final class GenericHmacVerifier implements SignatureVerifier {

  public static final String TYPE = "hmac";

  private final GenericHmacVerifierOptions options;
  private final WebhookJsonReader reader;
  private final CompiledSource eventId;
  private final CompiledSource eventType;
  private final CompiledSource occurredAt;
  private final boolean needsJson;

  /** Creates a verifier; JSON pointers are compiled once, here. */
  public GenericHmacVerifier(GenericHmacVerifierOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.reader = new WebhookJsonReader(options.limits());
    this.eventId = CompiledSource.of(options.eventId());
    this.eventType = CompiledSource.of(options.eventType());
    this.occurredAt = options.occurredAt() == null ? null : CompiledSource.of(options.occurredAt());
    // Payloads are JSON, except for senders of files (bank statements) that are identified by the body's digest
    // and whose type and time come from headers or constants.
    this.needsJson = options.eventId().kind() != FieldSource.Kind.BODY_SHA256 || options.eventType().needsJson()
        || options.occurredAt() != null && options.occurredAt().needsJson();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public VerifiedWebhook verify(WebhookRequest request) {
    options.limits().requireBodyWithin(request);
    byte[] received = receivedSignature(request);
    String timestamp = null;
    long epochSeconds = 0;
    if (options.timestampHeader() != null) {
      timestamp = SignatureHeaders.requireSingle(request, options.timestampHeader());
      epochSeconds = TimestampTolerance.parseEpochSeconds(timestamp, options.timestampHeader());
    }
    SignedPayloadTemplate template = options.signedPayload();
    ByteBuffer prefix = ByteBuffer.wrap(template.prefix(timestamp));
    ByteBuffer suffix = ByteBuffer.wrap(template.suffix(timestamp));
    List<byte[]> expected = new ArrayList<>();
    for (WebhookSecret secret : options.secrets()) {
      expected.add(secret.hmac(options.algorithm(), prefix, request.bodyView(), suffix));
    }
    if (!SignatureMatcher.anyMatch(expected, List.of(received))) {
      throw new WebhookSignatureException(
          WebhookFailureCode.SIGNATURE_INVALID, "signature matches no configured secret");
    }
    Instant signedAt = timestamp == null
        ? null : options.tolerance().requireWithin(epochSeconds, request.receivedAt());
    // Senders of files (bank statements) identify events by header, digest or constant: no JSON to parse.
    JsonObject body = needsJson ? reader.readObject(request) : null;
    return new VerifiedWebhook(List.of(toEvent(body, request)), signedAt);
  }

  private byte[] receivedSignature(WebhookRequest request) {
    String header = SignatureHeaders.requireSingle(request, options.signatureHeader());
    if (!header.startsWith(options.signaturePrefix())) {
      throw new WebhookSignatureException(WebhookFailureCode.SIGNATURE_MALFORMED,
          options.signatureHeader() + " lacks the configured prefix");
    }
    byte[] mac = options.encoding().decodeOrNull(header.substring(options.signaturePrefix().length()));
    if (mac == null || mac.length != options.algorithm().macLength()) {
      throw new WebhookSignatureException(WebhookFailureCode.SIGNATURE_MALFORMED,
          options.signatureHeader() + " is not a " + options.encoding() + " " + options.algorithm().jcaName());
    }
    return mac;
  }

  private static String sha256Hex(java.nio.ByteBuffer body) {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      digest.update(body.duplicate());
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
    }
  }

  @Override
  public Optional<Instant> occurredAt(JsonObject body, WebhookRequest request) {
    return occurredAt == null ? Optional.empty()
        : Optional.ofNullable(PayloadFields.optionalInstant(occurredAt.lookUp(body, request)));
  }

  private ProviderEvent toEvent(JsonObject body, WebhookRequest request) {
    String id = PayloadFields.requireToken(eventId.lookUp(body, request), "event id");
    String type = PayloadFields.requireToken(eventType.lookUp(body, request), "event type");
    return new ProviderEvent(id, type, occurredAt(body, request).orElse(null), 0, request.body());
  }

  /** Pairs a field source with its compiled JSON pointer (null for headers). */
  private record CompiledSource(FieldSource source, JsonPointer pointer) {

    static CompiledSource of(FieldSource source) {
      boolean json = source.kind() == FieldSource.Kind.JSON_POINTER;
      return new CompiledSource(source, json ? JsonPointer.from(source.name()) : null);
    }

    /** Returns the value, or null when absent; a repeated header counts as absent (ambiguous). */
    Object lookUp(JsonObject body, WebhookRequest request) {
      if (pointer != null) {
        return pointer.queryJson(body);
      }
      if (source.kind() == FieldSource.Kind.CONSTANT) {
        return source.name();
      }
      if (source.kind() == FieldSource.Kind.BODY_SHA256) {
        return sha256Hex(request.bodyView());
      }
      List<String> values = request.headerValues(source.name());
      return values.size() == 1 ? values.get(0).strip() : null;
    }
  }
}
