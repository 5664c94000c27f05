package dev.ofg.sandbox;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records what one delivery sink (treasury, analytics) received, one entry per message id however often it arrived,
 * bounded to {@link #MAX_MESSAGES} ids and {@link #MAX_STORED_BODY} bytes of body each; and holds its answering mode.
 */
public final class DeliverySink {
  public static final int MAX_MESSAGES = 100_000;
  public static final int MAX_STORED_BODY = 256 * 1024;

  private final String name;
  private final String secret;
  private final Map<String, Received> received = new LinkedHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private volatile SinkMode mode = SinkMode.ACCEPT;

  /** Describes one message id as the sink saw it: the first body, how many times it came, and when. */
  public record Received(String id, String type, String aggregate, String contentType, String body,
      boolean bodyTruncated, int timesReceived, Instant firstReceivedAt, Instant lastReceivedAt, String signature) {

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("type", type).put("aggregate", aggregate)
          .put("contentType", contentType).put("body", renderedBody()).put("bodyTruncated", bodyTruncated)
          .put("timesReceived", timesReceived).put("firstReceivedAt", firstReceivedAt.toString())
          .put("lastReceivedAt", lastReceivedAt.toString()).put("signature", signature);
    }

    private Object renderedBody() {
      if (!bodyTruncated && contentType != null && contentType.startsWith("application/json")) {
        try {
          return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
          return body;
        }
      }
      return body;
    }
  }

  /**
   * Creates a sink.
   *
   * @param secret the Standard Webhooks secret senders sign with; null to accept unsigned messages
   */
  DeliverySink(String name, String secret) {
    this.name = Objects.requireNonNull(name, "name");
    this.secret = secret;
  }

  public String name() {
    return name;
  }

  String secret() {
    return secret;
  }

  public SinkMode mode() {
    return mode;
  }

  /** Switches how the sink answers from the next request on. */
  public void mode(SinkMode newMode) {
    this.mode = Objects.requireNonNull(newMode, "mode");
  }

  /** Counts every request, whatever the answer. */
  void requestArrived() {
    requests.incrementAndGet();
  }

  public long requests() {
    return requests.get();
  }

  /** Records a message; returns the updated entry, or empty when the sink is full and the id is new. */
  synchronized Optional<Received> record(String id, String type, String aggregate, String contentType, byte[] body,
      String signature, Instant now) {
    Received previous = received.get(id);
    if (previous != null) {
      Received again = new Received(id, previous.type(), previous.aggregate(), previous.contentType(),
          previous.body(), previous.bodyTruncated(), previous.timesReceived() + 1, previous.firstReceivedAt(), now,
          signature);
      received.put(id, again);
      return Optional.of(again);
    }
    if (received.size() >= MAX_MESSAGES) {
      return Optional.empty();
    }
    boolean truncated = body.length > MAX_STORED_BODY;
    String text = new String(body, 0, Math.min(body.length, MAX_STORED_BODY), StandardCharsets.UTF_8);
    Received first = new Received(id, type, aggregate, contentType, text, truncated, 1, now, now, signature);
    received.put(id, first);
    return Optional.of(first);
  }

  /** Every message id received, in order of first arrival. */
  public synchronized List<Received> received() {
    return new ArrayList<>(received.values());
  }

  public synchronized Optional<Received> received(String id) {
    return Optional.ofNullable(received.get(id));
  }

  /** Forgets everything received (the mode stays). */
  public synchronized void clear() {
    received.clear();
    requests.set(0);
  }

  public synchronized JsonObject summary() {
    long total = received.values().stream().mapToLong(Received::timesReceived).sum();
    return new JsonObject().put("sink", name).put("mode", mode.toJson()).put("requests", requests.get())
        .put("distinct", received.size()).put("accepted", total).put("verifiesSignatures", secret != null);
  }
}
