package dev.ofg.policy.limits;

import java.util.List;

/** Names what a route's body is written in, which decides its default content types and the JSON checks. */
public enum BodyFormat {
  /** JSON: the canonical API, JSON-RPC and JSON-2; nesting depth and string length are checked. */
  JSON(List.of("application/json")),
  /** XML: XML-RPC; its codec enforces its own depth and size limits while decoding. */
  XML(List.of("text/xml", "application/xml"));

  private final List<String> contentTypes;

  BodyFormat(List<String> contentTypes) {
    this.contentTypes = contentTypes;
  }

  /** Returns the media types a route of this format accepts unless the configuration says otherwise. */
  public List<String> defaultContentTypes() {
    return contentTypes;
  }
}
