package dev.ofg.webhook.hmac;

import io.vertx.core.json.pointer.JsonPointer;
import java.util.Locale;
import java.util.Objects;

/**
 * Names where a generic webhook carries a value: a request header or a JSON pointer into the body.
 *
 * @param kind header or JSON pointer
 * @param name the header name, or the JSON pointer (RFC 6901), such as {@code /data/id}
 */
public record FieldSource(Kind kind, String name) {

  /** Says where to look. */
  public enum Kind { HEADER, JSON_POINTER }

  private static final String HEADER_PREFIX = "header:";
  private static final String JSON_PREFIX = "json:";

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

  /** Parses the configuration form: {@code header:X-Event-Id}, {@code json:/id} or {@code /id}. */
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
    throw new IllegalArgumentException(
        "field source: " + text + " (expected: header:<name>, json:<pointer> or <pointer>)");
  }
}
