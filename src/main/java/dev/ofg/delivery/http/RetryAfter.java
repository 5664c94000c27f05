package dev.ofg.delivery.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses an HTTP {@code Retry-After} value (RFC 9110 section 10.2.3): delay-seconds or an HTTP-date. */
public final class RetryAfter {
  private static final int MAX_LENGTH = 64;

  private RetryAfter() {
  }

  /** Returns the wait the value asks for from {@code now}, or null when absent or unreadable. */
  public static Duration parse(String value, Instant now) {
    if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
      return null;
    }
    String text = value.strip();
    if (text.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(text));
      } catch (NumberFormatException e) {
        return null; // more digits than a long: not a delay anyone means
      }
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
