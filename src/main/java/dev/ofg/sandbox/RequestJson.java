package dev.ofg.sandbox;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;

/**
 * Decodes request bodies into plain values and words decoding failures like Python's
 * {@code json.loads} ({@code "Expecting value: line 1 column 1 (char 0)"}), since Odoo puts that
 * text in its errors.
 */
final class RequestJson {
  private RequestJson() {}

  /** The decoded body as plain values; throws an OdooError of kind JSON_DECODE_ERROR when invalid. */
  static Object decode(Buffer body) {
    String text = body == null ? "" : body.toString(java.nio.charset.StandardCharsets.UTF_8);
    if (text.isBlank()) {
      throw decodeError(text, 0);
    }
    try {
      return JsonValues.plain(Json.decodeValue(text));
    } catch (DecodeException e) {
      Throwable cause = e.getCause();
      long offset = cause instanceof JsonProcessingException jpe && jpe.getLocation() != null
          ? Math.max(0, jpe.getLocation().getCharOffset()) : 0;
      throw decodeError(text, tokenStart(text, offset == JsonLocation.NA.getCharOffset() ? 0 : offset));
    } catch (IllegalArgumentException e) {
      throw OdooError.of(OdooErrorKind.JSON_DECODE_ERROR, e.getMessage());
    }
  }

  // Jackson reports the end of an unknown token, Python's scanner its start.
  private static long tokenStart(String text, long offset) {
    int i = (int) Math.min(offset, text.length());
    while (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static OdooError decodeError(String text, long offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return OdooError.of(OdooErrorKind.JSON_DECODE_ERROR,
        "Expecting value: line " + line + " column " + column + " (char " + offset + ")");
  }
}
