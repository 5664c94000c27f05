package dev.ofg.webhook.hmac;

import io.vertx.core.json.pointer.JsonPointer;
import java.util.Locale;
import java.util.Objects;

/**
 * Names where a generic webhook carries a value: a request header, a JSON pointer into the body, the SHA-256
 * of the raw body (a stable id for senders that post files, such as bank statements), or a constant.
 *
 * @param kind where to look
 * @param name the header name, the JSON pointer (RFC 6901) such as {@code /data/id}, the constant, or
 *     {@code sha256} for the body digest
 */
public record FieldSource(Kind kind, String name) {

  /** Says where to look. */
  public enum Kind { HEADER, JSON_POINTER, BODY_SHA256, CONSTANT }

  private static final String HEADER_PREFIX = "header:";
  private static final String JSON_PREFIX = "json:";
  private static final String BODY_DIGEST = "body:sha256";
  private static final String CONSTANT_PREFIX = "const:";

  /** Validates the source; a JSON pointer must parse. */
  public FieldSource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: blank (expected: a header name or a JSON pointer)");
    }
    if (kind == Kind.JSON_POINTER) {
      if (!name.startsWith("/")) {
        throw new IllegalArgumentException("name: " + name + " (expected: a JSON pointer starting with /)");
      }
      JsonPointer.from(name);
    }
  }

  /** Reads the value from a header. */
  public static FieldSource header(String name) {
    return new FieldSource(Kind.HEADER, name);
  }

  /** Reads the value at a JSON pointer into the body. */
  public static FieldSource jsonPointer(String pointer) {
    return new FieldSource(Kind.JSON_POINTER, pointer);
  }

  /** Uses the hex SHA-256 of the raw body: the same file re-sent gets the same id. */
  public static FieldSource bodyDigest() {
    return new FieldSource(Kind.BODY_SHA256, "sha256");
  }

  /** Uses a fixed value, e.g. the event type of a sender that only ever sends one kind. */
  public static FieldSource constant(String value) {
    return new FieldSource(Kind.CONSTANT, value);
  }

  /** Tells whether reading this value needs the body parsed as JSON. */
  public boolean needsJson() {
    return kind == Kind.JSON_POINTER;
  }

  /**
   * Parses the configuration form: {@code header:X-Event-Id}, {@code json:/id} or {@code /id},
   * {@code body:sha256}, or {@code const:bank.statement}.
   */
  public static FieldSource parse(String text) {
    Objects.requireNonNull(text, "text");
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith(HEADER_PREFIX)) {
      return header(text.substring(HEADER_PREFIX.length()).strip());
    }
    if (lower.startsWith(JSON_PREFIX)) {
      return jsonPointer(text.substring(JSON_PREFIX.length()).strip());
    }
    if (text.startsWith("/")) {
      return jsonPointer(text);
    }
    if (lower.equals(BODY_DIGEST)) {
      return bodyDigest();
    }
    if (lower.startsWith(CONSTANT_PREFIX)) {
      return constant(text.substring(CONSTANT_PREFIX.length()).strip());
    }
    throw new IllegalArgumentException("field source: " + text
        + " (expected: header:<name>, json:<pointer>, <pointer>, body:sha256 or const:<value>)");
  }
}
