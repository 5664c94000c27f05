package dev.ofg.odoo.xmlrpc;

import java.util.Objects;

/**
 * Configures the limits the request decoder enforces and how the response encoder treats values that
 * plain XML-RPC cannot carry.
 *
 * @param maxRequestBytes largest request body accepted, in bytes
 * @param maxDepth deepest element nesting accepted; every struct or array level costs three elements
 *     ({@code value/struct/member}, {@code value/array/data}), so the default allows about 40 levels
 * @param maxElements most elements accepted in one request
 * @param maxTextChars longest text accepted in one element (a string, a struct key, a base64 blob)
 * @param responseDialect what {@link XmlRpcCodec#encodeResponse} does with {@code null} and integers
 *     outside 32 bits
 */
public record XmlRpcCodecOptions(
    int maxRequestBytes, int maxDepth, int maxElements, int maxTextChars, ResponseDialect responseDialect) {

  /** 16 MiB: room for a 10 MiB attachment sent base64-encoded, which grows by a third. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;
  /** Enough for Odoo domains and nested contexts, far below what could exhaust a thread stack. */
  public static final int DEFAULT_MAX_DEPTH = 128;
  /** Each element takes at least seven bytes, so the byte limit already bounds this near two million. */
  public static final int DEFAULT_MAX_ELEMENTS = 1_000_000;
  /** As large as the byte limit: one base64 attachment may fill the whole request. */
  public static final int DEFAULT_MAX_TEXT_CHARS = DEFAULT_MAX_REQUEST_BYTES;
  /** The decoder recurses once per element level; this keeps it far from a stack overflow. */
  public static final int MAX_DEPTH_LIMIT = 1_000;
  /** Answers exactly like Odoo by default. */
  public static final ResponseDialect DEFAULT_RESPONSE_DIALECT = ResponseDialect.ODOO;

  /** Selects how the response encoder treats values outside plain XML-RPC. */
  public enum ResponseDialect {
    /**
     * Answers like Odoo 17, 18 and 19 (their marshaller runs with {@code allow_none=False}): a
     * {@code null} anywhere in the result, or an integer outside 32 bits, turns the whole response
     * into fault 1 with Python's {@code TypeError}/{@code OverflowError} text.
     */
    ODOO,
    /**
     * Writes {@code null} as {@code <ex:nil/>}, 64-bit integers as {@code <ex:i8>} and larger ones as
     * {@code <ex:biginteger>}, with {@code ex} bound to the Apache extensions namespace on the root
     * element: Python's {@code xmlrpc.client} reads them (it ignores prefixes), Apache's client reads
     * them when enabled for extensions.
     */
    WITH_EXTENSIONS
  }

  /** Validates the limits. */
  public XmlRpcCodecOptions {
    requirePositive("maxRequestBytes", maxRequestBytes);
    if (maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
      throw new IllegalArgumentException(
          "maxDepth: " + maxDepth + " (expected: 1.." + MAX_DEPTH_LIMIT + ")");
    }
    requirePositive("maxElements", maxElements);
    requirePositive("maxTextChars", maxTextChars);
    Objects.requireNonNull(responseDialect, "responseDialect");
  }

  /** Returns the defaults. */
  public static XmlRpcCodecOptions defaults() {
    return new XmlRpcCodecOptions(
        DEFAULT_MAX_REQUEST_BYTES,
        DEFAULT_MAX_DEPTH,
        DEFAULT_MAX_ELEMENTS,
        DEFAULT_MAX_TEXT_CHARS,
        DEFAULT_RESPONSE_DIALECT);
  }

  /** Returns a copy with another response dialect. */
  public XmlRpcCodecOptions withResponseDialect(ResponseDialect dialect) {
    return new XmlRpcCodecOptions(maxRequestBytes, maxDepth, maxElements, maxTextChars, dialect);
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }
}
