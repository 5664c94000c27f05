package dev.ofg.webhook;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds one received webhook request as verifiers need it: headers, the raw body bytes exactly as
 * received, and the receive time that timestamp tolerances are measured against.
 *
 * <p>Immutable. Header names are case-insensitive; a header may carry several values.
 */
public final class WebhookRequest {

  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final Instant receivedAt;

  private WebhookRequest(Map<String, List<String>> headers, byte[] body, Instant receivedAt) {
    this.headers = headers;
    this.body = body;
    this.receivedAt = receivedAt;
  }

  /** Creates a request from headers (any name case), the raw body and the receive time. */
  public static WebhookRequest of(
      Map<String, ? extends Collection<String>> headers, byte[] body, Instant receivedAt) {
    Objects.requireNonNull(headers, "headers");
    Builder builder = builder().body(body).receivedAt(receivedAt);
    headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
    return builder.build();
  }

  /** Returns a builder; headers are added one value at a time. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the first value of a header, if present. */
  public Optional<String> header(String name) {
    List<String> values = headerValues(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Returns every value of a header in the order received; empty if absent. */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(normalize(name), List.of());
  }

  /** Returns all headers keyed by lower-case name. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** Returns a copy of the raw body. */
  public byte[] body() {
    return body.clone();
  }

  /** Returns a read-only view of the raw body, for hashing without a copy. */
  public ByteBuffer bodyView() {
    return ByteBuffer.wrap(body).asReadOnlyBuffer();
  }

  /** Returns the body length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** Returns when the request was received; timestamp tolerances are measured from here. */
  public Instant receivedAt() {
    return receivedAt;
  }

  // Package-private: the JSON reader parses and slices the body without copying it.
  byte[] bodyArray() {
    return body;
  }

  @Override
  public String toString() {
    // Header values can carry signatures or credentials, and the body personal data: names only.
    return "WebhookRequest[headers=" + headers.keySet() + ", bodyLength=" + body.length
        + ", receivedAt=" + receivedAt + "]";
  }

  private static String normalize(String name) {
    return Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
  }

  /** Collects the parts of a {@link WebhookRequest}. */
  public static final class Builder {
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private Instant receivedAt;

    private Builder() {}

    /** Adds one value of a header; call again to add further values. */
    public Builder header(String name, String value) {
      Objects.requireNonNull(value, "value");
      headers.computeIfAbsent(normalize(name), n -> new ArrayList<>()).add(value);
      return this;
    }

    /** Sets the raw body; the array is copied. */
    public Builder body(byte[] body) {
      this.body = Objects.requireNonNull(body, "body").clone();
      return this;
    }

    /** Sets the receive time. */
    public Builder receivedAt(Instant receivedAt) {
      this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
      return this;
    }

    /** Builds the immutable request; the receive time is required. */
    public WebhookRequest build() {
      if (receivedAt == null) {
        throw new IllegalStateException("receivedAt: null (expected: the time the request arrived)");
      }
      Map<String, List<String>> copy = new LinkedHashMap<>();
      headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
      return new WebhookRequest(Map.copyOf(copy), body, receivedAt);
    }
  }
}
