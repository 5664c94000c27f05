package dev.ofg.webhook.hmac;

import dev.ofg.webhook.HmacAlgorithm;
import dev.ofg.webhook.PayloadLimits;
import dev.ofg.webhook.SignatureEncoding;
import dev.ofg.webhook.TimestampTolerance;
import dev.ofg.webhook.WebhookSecret;
import java.util.List;
import java.util.Objects;

/**
 * Configures a {@link GenericHmacVerifier} for a sender with its own HMAC convention.
 *
 * @param signatureHeader the header carrying the signature, such as {@code X-Hub-Signature-256}
 * @param algorithm the HMAC algorithm
 * @param encoding how the MAC is written
 * @param signaturePrefix text before the MAC in the header, such as {@code sha256=}; may be empty
 * @param timestampHeader the header carrying a signed Unix timestamp in seconds, or null if none
 * @param signedPayload what is signed; must use {@code {timestamp}} exactly when a timestamp
 *     header is configured
 * @param eventId where the stable event id is (a header such as a delivery id, or a JSON pointer)
 * @param eventType where the event type is
 * @param occurredAt where the occurrence time is (Unix seconds or ISO-8601), or null if nowhere
 * @param secrets the secrets valid now; two during a rotation
 * @param tolerance how far the signed timestamp may lie from the receive time (unused without one)
 * @param limits payload limits
 */
public record GenericHmacVerifierOptions(
    String signatureHeader,
    HmacAlgorithm algorithm,
    SignatureEncoding encoding,
    String signaturePrefix,
    String timestampHeader,
    SignedPayloadTemplate signedPayload,
    FieldSource eventId,
    FieldSource eventType,
    FieldSource occurredAt,
    List<WebhookSecret> secrets,
    TimestampTolerance tolerance,
    PayloadLimits limits) {

  public static final HmacAlgorithm DEFAULT_ALGORITHM = HmacAlgorithm.HMAC_SHA256;
  public static final SignatureEncoding DEFAULT_ENCODING = SignatureEncoding.HEX;

  /** Validates the options. */
  public GenericHmacVerifierOptions {
    requireHeaderName("signatureHeader", signatureHeader);
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(signaturePrefix, "signaturePrefix");
    if (timestampHeader != null) {
      requireHeaderName("timestampHeader", timestampHeader);
    }
    Objects.requireNonNull(signedPayload, "signedPayload");
    if (signedPayload.usesTimestamp() != (timestampHeader != null)) {
      throw new IllegalArgumentException("signedPayload: " + signedPayload.template()
          + " (expected: {timestamp} if and only if timestampHeader is set)");
    }
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    secrets = WebhookSecret.requireSecrets(secrets);
    Objects.requireNonNull(tolerance, "tolerance");
    Objects.requireNonNull(limits, "limits");
  }

  private static void requireHeaderName(String what, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(what + ": " + name + " (expected: a header name)");
    }
  }

  /** Returns a builder with the defaults: HmacSHA256, hex, no prefix, body only, no timestamp. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "GenericHmacVerifierOptions[signatureHeader=" + signatureHeader + ", algorithm=" + algorithm
        + ", encoding=" + encoding + ", signaturePrefix=" + signaturePrefix + ", timestampHeader="
        + timestampHeader + ", signedPayload=" + signedPayload.template() + ", eventId=" + eventId
        + ", eventType=" + eventType + ", occurredAt=" + occurredAt + ", secrets=" + secrets.size()
        + " (masked), tolerance=" + tolerance.tolerance() + ", limits=" + limits + "]";
  }

  /** Collects generic HMAC options; {@link #build()} validates them. */
  public static final class Builder {
    private String signatureHeader;
    private HmacAlgorithm algorithm = DEFAULT_ALGORITHM;
    private SignatureEncoding encoding = DEFAULT_ENCODING;
    private String signaturePrefix = "";
    private String timestampHeader;
    private SignedPayloadTemplate signedPayload;
    private FieldSource eventId;
    private FieldSource eventType;
    private FieldSource occurredAt;
    private List<WebhookSecret> secrets = List.of();
    private TimestampTolerance tolerance = TimestampTolerance.defaults();
    private PayloadLimits limits = PayloadLimits.defaults();

    private Builder() {}

    public Builder signatureHeader(String signatureHeader) {
      this.signatureHeader = signatureHeader;
      return this;
    }

    public Builder algorithm(HmacAlgorithm algorithm) {
      this.algorithm = algorithm;
      return this;
    }

    public Builder encoding(SignatureEncoding encoding) {
      this.encoding = encoding;
      return this;
    }

    public Builder signaturePrefix(String signaturePrefix) {
      this.signaturePrefix = signaturePrefix;
      return this;
    }

    /** Sets the timestamp header; the signed payload then defaults to {@code {timestamp}.{body}}. */
    public Builder timestampHeader(String timestampHeader) {
      this.timestampHeader = timestampHeader;
      return this;
    }

    public Builder signedPayload(SignedPayloadTemplate signedPayload) {
      this.signedPayload = signedPayload;
      return this;
    }

    public Builder eventId(FieldSource eventId) {
      this.eventId = eventId;
      return this;
    }

    public Builder eventType(FieldSource eventType) {
      this.eventType = eventType;
      return this;
    }

    public Builder occurredAt(FieldSource occurredAt) {
      this.occurredAt = occurredAt;
      return this;
    }

    public Builder secrets(List<WebhookSecret> secrets) {
      this.secrets = secrets;
      return this;
    }

    public Builder tolerance(TimestampTolerance tolerance) {
      this.tolerance = tolerance;
      return this;
    }

    public Builder limits(PayloadLimits limits) {
      this.limits = limits;
      return this;
    }

    /** Validates and builds the options. */
    public GenericHmacVerifierOptions build() {
      SignedPayloadTemplate template = signedPayload != null ? signedPayload
          : timestampHeader != null ? SignedPayloadTemplate.TIMESTAMP_DOT_BODY : SignedPayloadTemplate.BODY_ONLY;
      return new GenericHmacVerifierOptions(signatureHeader, algorithm, encoding, signaturePrefix,
          timestampHeader, template, eventId, eventType, occurredAt, secrets, tolerance, limits);
    }
  }
}
