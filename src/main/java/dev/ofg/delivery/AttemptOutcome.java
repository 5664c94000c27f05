package dev.ofg.delivery;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;

/**
 * Reports what one delivery attempt did, as a delivery verticle answers the relay: delivered, failed (business
 * or technical), refused for good by the target (gone), parked for a missing prerequisite, or not tried.
 */
public sealed interface AttemptOutcome {
  /** Names the kinds of outcome; the lower-case name is used in history rows and on the wire. */
  enum Kind {
    DELIVERED, TECHNICAL, BUSINESS, GONE, PARKED, DEFERRED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  Kind kind();

  /** The target's HTTP status, when there was one. */
  Integer status();

  /** Why, in words safe for logs and operators (no secrets, no account numbers). */
  String detail();

  /** The target accepted the event. */
  record Delivered(Integer status, String detail) implements AttemptOutcome {
    @Override
    public Kind kind() {
      return Kind.DELIVERED;
    }
  }

  /**
   * The attempt failed for a reason that may pass: timeout, connection error, 5xx, 408/409/425/429, an Odoo
   * concurrency conflict.
   *
   * @param retryAfter how long the target asked us to wait, or null
   */
  record Technical(Integer status, String detail, Duration retryAfter) implements AttemptOutcome {
    @Override
    public Kind kind() {
      return Kind.TECHNICAL;
    }
  }

  /** The target refused the event on its merits (other 4xx, Odoo UserError/ValidationError): retrying won't help. */
  record Business(Integer status, String detail) implements AttemptOutcome {
    @Override
    public Kind kind() {
      return Kind.BUSINESS;
    }
  }

  /** The target said it is gone (410): stop delivering to it until an operator resumes it. */
  record Gone(Integer status, String detail) implements AttemptOutcome {
    @Override
    public Kind kind() {
      return Kind.GONE;
    }
  }

  /**
   * The event cannot be applied yet because a prerequisite is missing.
   *
   * @param waitingFor the prerequisite, as {@code <aggregateType>:<aggregateId>} (e.g. {@code invoice:SO-1001})
   */
  record Parked(String waitingFor, String detail) implements AttemptOutcome {
    public Parked {
      Objects.requireNonNull(waitingFor, "waitingFor");
    }

    @Override
    public Kind kind() {
      return Kind.PARKED;
    }

    @Override
    public Integer status() {
      return null;
    }
  }

  /** The target was not tried (its circuit breaker was open): this claim does not count as an attempt. */
  record Deferred(String detail) implements AttemptOutcome {
    @Override
    public Kind kind() {
      return Kind.DEFERRED;
    }

    @Override
    public Integer status() {
      return null;
    }
  }

  default JsonObject toJson() {
    JsonObject json = new JsonObject().put("kind", kind().label()).put("status", status()).put("detail", detail());
    if (this instanceof Technical technical && technical.retryAfter() != null) {
      json.put("retryAfterMillis", technical.retryAfter().toMillis());
    }
    if (this instanceof Parked parked) {
      json.put("waitingFor", parked.waitingFor());
    }
    return json;
  }

  static AttemptOutcome fromJson(JsonObject json) {
    Integer status = json.getInteger("status");
    String detail = json.getString("detail");
    switch (Kind.valueOf(json.getString("kind", "technical").toUpperCase(java.util.Locale.ROOT))) {
      case DELIVERED:
        return new Delivered(status, detail);
      case BUSINESS:
        return new Business(status, detail);
      case GONE:
        return new Gone(status, detail);
      case PARKED:
        return new Parked(json.getString("waitingFor"), detail);
      case DEFERRED:
        return new Deferred(detail);
      default:
        Long retryAfter = json.getLong("retryAfterMillis");
        return new Technical(status, detail, retryAfter == null ? null : Duration.ofMillis(retryAfter));
    }
  }
}
