package dev.ofg.sandbox;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Says how a delivery sink answers: {@code accept} (record, then 200), {@code down} (close the connection without an
 * answer), {@code error} (500), {@code unavailable} (503 with Retry-After), {@code gone} (410) or {@code reject}
 * (400); every answer comes after {@code latencyMs}. An accepted message is recorded when it arrives, before the
 * latency, as a receiver that processed it but whose acknowledgement was lost would.
 */
public record SinkMode(Behaviour behaviour, int latencyMs, int retryAfterSeconds) {
  public static final SinkMode ACCEPT = new SinkMode(Behaviour.ACCEPT, 0, 0);
  public static final int MAX_LATENCY_MS = 120_000;

  /** Names the ways a sink can answer. */
  public enum Behaviour {
    ACCEPT, DOWN, ERROR, UNAVAILABLE, GONE, REJECT;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public SinkMode {
    if (behaviour == null) {
      throw new IllegalArgumentException("mode: null (expected one of accept, down, error, unavailable, gone, reject)");
    }
    if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
      throw new IllegalArgumentException("latencyMs: " + latencyMs + " (expected: 0.." + MAX_LATENCY_MS + ")");
    }
    if (retryAfterSeconds < 0 || retryAfterSeconds > 86_400) {
      throw new IllegalArgumentException("retryAfterSeconds: " + retryAfterSeconds + " (expected: 0..86400)");
    }
  }

  public static SinkMode of(Behaviour behaviour) {
    return new SinkMode(behaviour, 0, behaviour == Behaviour.UNAVAILABLE ? 1 : 0);
  }

  public SinkMode withLatency(int millis) {
    return new SinkMode(behaviour, millis, retryAfterSeconds);
  }

  public SinkMode withRetryAfter(int seconds) {
    return new SinkMode(behaviour, latencyMs, seconds);
  }

  /** Reads {@code {"mode": "unavailable", "latencyMs": 100, "retryAfterSeconds": 2}}; absent keys keep defaults. */
  public static SinkMode fromJson(JsonObject json) {
    String name = json.getValue("mode") instanceof String text ? text : "accept";
    Behaviour behaviour;
    try {
      behaviour = Behaviour.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("mode: \"" + name
          + "\" (expected one of accept, down, error, unavailable, gone, reject)");
    }
    return new SinkMode(behaviour, integer(json, "latencyMs", 0),
        integer(json, "retryAfterSeconds", behaviour == Behaviour.UNAVAILABLE ? 1 : 0));
  }

  public JsonObject toJson() {
    return new JsonObject().put("mode", behaviour.label()).put("latencyMs", latencyMs)
        .put("retryAfterSeconds", retryAfterSeconds);
  }

  private static int integer(JsonObject json, String key, int defaultValue) {
    Object value = json.getValue(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw new IllegalArgumentException(key + ": " + value + " (expected: an integer)");
    }
    return number.intValue();
  }
}
