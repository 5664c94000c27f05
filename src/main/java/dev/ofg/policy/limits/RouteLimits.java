package dev.ofg.policy.limits;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Holds the body limits in force on one route, every member resolved: the largest body, the accepted media
 * types, and for JSON bodies the deepest nesting and the longest string.
 */
public record RouteLimits(long maxBodyBytes, List<String> contentTypes, int maxJsonDepth, int maxStringLength,
    BodyFormat format) {

  public RouteLimits {
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: >= 0)");
    }
    contentTypes = List.copyOf(contentTypes);
    if (maxJsonDepth < 1) {
      throw new IllegalArgumentException("maxJsonDepth: " + maxJsonDepth + " (expected: >= 1)");
    }
    if (maxStringLength < 1) {
      throw new IllegalArgumentException("maxStringLength: " + maxStringLength + " (expected: >= 1)");
    }
    Objects.requireNonNull(format, "format");
  }

  /** Tells whether a Content-Type header names one of the accepted media types (parameters are ignored). */
  public boolean accepts(String contentTypeHeader) {
    return contentTypeHeader != null && contentTypes.contains(mediaType(contentTypeHeader));
  }

  /** Returns the media type of a Content-Type header: lower case, without parameters such as charset. */
  static String mediaType(String contentTypeHeader) {
    int semicolon = contentTypeHeader.indexOf(';');
    String type = semicolon < 0 ? contentTypeHeader : contentTypeHeader.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }
}
