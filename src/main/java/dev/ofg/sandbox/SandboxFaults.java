package dev.ofg.sandbox;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Switches the sandbox's failure modes at run time, from any thread: added latency, a rate of
 * HTTP 500 answers, "down" (connections closed without an answer), "down after the next N requests",
 * "hang" (requests never answered) and Odoo's concurrency error (PostgreSQL serialization failure)
 * for the next N model calls or at a rate. Also readable and writable as JSON for {@code /sandbox/faults}.
 */
public final class SandboxFaults {
  /** Longest latency that can be injected; longer waits are what "hang" is for. */
  public static final long MAX_LATENCY_MS = 600_000;

  private volatile long latencyMs;
  private volatile double errorRate;
  private volatile boolean down;
  private volatile boolean hang;
  private final AtomicLong serializationFailures = new AtomicLong();
  /** Odoo requests still served before the sandbox goes down; negative when no such countdown runs. */
  private final AtomicLong requestsBeforeDown = new AtomicLong(-1);
  private volatile double serializationFailureRate;

  public long latencyMs() {
    return latencyMs;
  }

  public SandboxFaults latencyMs(long value) {
    if (value < 0 || value > MAX_LATENCY_MS) {
      throw new IllegalArgumentException("latencyMs: " + value + " (expected: 0.." + MAX_LATENCY_MS + ")");
    }
    latencyMs = value;
    return this;
  }

  public double errorRate() {
    return errorRate;
  }

  /** Fraction (0..1) of Odoo requests answered with werkzeug's HTTP 500 page. */
  public SandboxFaults errorRate(double value) {
    errorRate = checkRate("errorRate", value);
    return this;
  }

  public boolean down() {
    return down;
  }

  /** When down, every Odoo request has its connection closed before any answer. */
  public SandboxFaults down(boolean value) {
    down = value;
    return this;
  }

  public long downAfterRequests() {
    return requestsBeforeDown.get();
  }

  /**
   * Serves the next {@code count} Odoo requests normally, then goes {@link #down(boolean) down}: lets a test
   * stop Odoo in the middle of a multi-call operation. {@code -1} cancels a countdown still running.
   */
  public SandboxFaults downAfterRequests(long count) {
    if (count < -1) {
      throw new IllegalArgumentException("downAfterRequests: " + count + " (expected: >= 0, or -1 to cancel)");
    }
    requestsBeforeDown.set(count);
    return this;
  }

  public boolean hang() {
    return hang;
  }

  /** When hanging, Odoo requests are accepted and never answered. */
  public SandboxFaults hang(boolean value) {
    hang = value;
    return this;
  }

  public long serializationFailures() {
    return serializationFailures.get();
  }

  /** The next {@code count} model method calls fail with psycopg2's SerializationFailure. */
  public SandboxFaults serializationFailures(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("serializationFailures: " + count + " (expected: >= 0)");
    }
    serializationFailures.set(count);
    return this;
  }

  public double serializationFailureRate() {
    return serializationFailureRate;
  }

  public SandboxFaults serializationFailureRate(double value) {
    serializationFailureRate = checkRate("serializationFailureRate", value);
    return this;
  }

  /** Turns every fault off. */
  public SandboxFaults reset() {
    latencyMs = 0;
    errorRate = 0;
    down = false;
    requestsBeforeDown.set(-1);
    hang = false;
    serializationFailures.set(0);
    serializationFailureRate = 0;
    return this;
  }

  private static double checkRate(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: 0..1)");
    }
    return value;
  }

  /** Counts one Odoo request against a running countdown; true (and down from now on) once it ran out. */
  boolean drawDown() {
    if (requestsBeforeDown.get() < 0) {
      return false;
    }
    if (requestsBeforeDown.getAndUpdate(n -> n > 0 ? n - 1 : n) == 0) {
      requestsBeforeDown.set(-1);
      down = true;
      return true;
    }
    return false;
  }

  /** Decides whether the current request gets an HTTP 500. */
  boolean drawError() {
    double rate = errorRate;
    return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
  }

  /** Decides, and consumes, whether the current model call fails with a serialization error. */
  boolean drawSerializationFailure() {
    if (serializationFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      return true;
    }
    double rate = serializationFailureRate;
    return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("latencyMs", latencyMs)
        .put("errorRate", errorRate)
        .put("down", down)
        .put("downAfterRequests", requestsBeforeDown.get())
        .put("hang", hang)
        .put("serializationFailures", serializationFailures.get())
        .put("serializationFailureRate", serializationFailureRate);
  }

  /**
   * Applies the members present in {@code json}; unknown members or wrong types are rejected with
   * {@link IllegalArgumentException} before anything changes.
   */
  public SandboxFaults update(JsonObject json) {
    SandboxFaults candidate = new SandboxFaults().copyFrom(this);
    for (String key : json.fieldNames()) {
      Object value = json.getValue(key);
      switch (key) {
        case "latencyMs" -> candidate.latencyMs(number(key, value).longValue());
        case "errorRate" -> candidate.errorRate(number(key, value).doubleValue());
        case "down" -> candidate.down(bool(key, value));
        case "downAfterRequests" -> candidate.downAfterRequests(number(key, value).longValue());
        case "hang" -> candidate.hang(bool(key, value));
        case "serializationFailures" -> candidate.serializationFailures(number(key, value).longValue());
        case "serializationFailureRate" -> candidate.serializationFailureRate(number(key, value).doubleValue());
        default -> throw new IllegalArgumentException(key + ": unknown fault (expected: one of "
            + toJson().fieldNames() + ")");
      }
    }
    return copyFrom(candidate);
  }

  private SandboxFaults copyFrom(SandboxFaults other) {
    latencyMs = other.latencyMs;
    errorRate = other.errorRate;
    down = other.down;
    requestsBeforeDown.set(other.requestsBeforeDown.get());
    hang = other.hang;
    serializationFailures.set(other.serializationFailures.get());
    serializationFailureRate = other.serializationFailureRate;
    return this;
  }

  private static Number number(String key, Object value) {
    if (value instanceof Number n) {
      return n;
    }
    throw new IllegalArgumentException(key + ": " + value + " (expected: a number)");
  }

  private static boolean bool(String key, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(key + ": " + value + " (expected: true or false)");
  }

  @Override
  public String toString() {
    return "SandboxFaults" + toJson().encode();
  }
}
