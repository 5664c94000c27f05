package dev.ofg.webhook;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads the identifying fields of provider events, turning absent or unusable values into
 * {@link WebhookPayloadException}s that name the field but never echo its content.
 */
public final class PayloadFields {

  private PayloadFields() {}

  /**
   * Returns a value usable as an event id or type: a non-blank string of at most {@link
   * ProviderEvent#MAX_ID_LENGTH} characters, or an integer (written in decimal).
   *
   * @param what names the field in the error message, such as {@code "events[2].id"}
   * @throws WebhookPayloadException if the value is absent or unusable
   */
  public static String requireToken(Object value, String what) {
    String text;
    if (value instanceof String string) {
      text = string;
    } else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      text = value.toString();
    } else {
      throw new WebhookPayloadException(what + " is missing or not a string");
    }
    if (text.isBlank() || text.length() > ProviderEvent.MAX_ID_LENGTH) {
      throw new WebhookPayloadException(
          what + " must be 1.." + ProviderEvent.MAX_ID_LENGTH + " characters, not blank");
    }
    return text;
  }

  /**
   * Reads an optional point in time: Unix seconds (a JSON number, or a string of digits as headers
   * carry it) or an ISO-8601 date-time with an offset or {@code Z}. Returns null when absent or
   * unreadable: the occurrence time is informational, and an unusual format must not make a
   * sender's authentic event bounce forever.
   */
  public static Instant optionalInstant(Object value) {
    try {
      if (value instanceof Integer || value instanceof Long) {
        return Instant.ofEpochSecond(((Number) value).longValue());
      }
      if (value instanceof String text) {
        return TimestampTolerance.isEpochSeconds(text)
            ? Instant.ofEpochSecond(Long.parseLong(text))
            : OffsetDateTime.parse(text).toInstant();
      }
    } catch (DateTimeException e) {
      return null;
    }
    return null;
  }
}
