package dev.ofg.bank;

/**
 * Bounds the resources one statement file may consume while it is parsed, so that a hostile or
 * broken upload fails fast with {@link BankStatementException.Code#LIMIT_EXCEEDED} instead of
 * exhausting memory or time.
 *
 * @param maxBytes        largest accepted file, in bytes
 * @param maxEntries      most statement lines (entries, or transaction details when split) per file
 * @param maxElementDepth deepest XML element nesting accepted in camt files
 * @param maxTextLength   longest text value (XML text node, MT940 tag value) in characters
 */
public record BankStatementLimits(long maxBytes, int maxEntries, int maxElementDepth, int maxTextLength) {

  /** 20 MiB: a month of a busy account in camt.053 is a few MiB. */
  public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
  public static final int DEFAULT_MAX_ENTRIES = 100_000;
  /** The deepest camt.053/054 path in versions 02 to 13 is about 16 levels. */
  public static final int DEFAULT_MAX_ELEMENT_DEPTH = 48;
  /** The longest camt text type is Max500Text; MT940 :86: is at most 6 x 65 characters. */
  public static final int DEFAULT_MAX_TEXT_LENGTH = 8_192;

  /** Validates every bound. */
  public BankStatementLimits {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
    }
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: > 0)");
    }
    if (maxElementDepth < 8) {
      throw new IllegalArgumentException("maxElementDepth: " + maxElementDepth + " (expected: >= 8)");
    }
    if (maxTextLength < 64) {
      throw new IllegalArgumentException("maxTextLength: " + maxTextLength + " (expected: >= 64)");
    }
  }

  /** Returns the default limits. */
  public static BankStatementLimits defaults() {
    return new BankStatementLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_ELEMENT_DEPTH,
        DEFAULT_MAX_TEXT_LENGTH);
  }
}
