package dev.ofg.http;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Carries a request's correlation id and W3C trace context so they follow it into Odoo calls, rows and logs.
 *
 * @param correlationId the id clients see in {@code X-Correlation-Id} and problem bodies
 * @param traceId the W3C trace id (32 hex) shared with downstream systems
 * @param sampled the W3C sampled flag received (or false)
 */
public record TraceContext(String correlationId, String traceId, boolean sampled) {
  private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
  private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Derives the context from incoming headers: an explicit {@code X-Correlation-Id} wins, then the trace id
   * of a valid {@code traceparent}; otherwise a new id is generated. Invalid values are ignored, not echoed.
   */
  public static TraceContext from(String correlationHeader, String traceparentHeader) {
    String traceId = null;
    boolean sampled = false;
    if (traceparentHeader != null) {
      var matcher = TRACEPARENT.matcher(traceparentHeader.trim());
      if (matcher.matches() && !matcher.group(1).equals(ZERO_TRACE)) {
        traceId = matcher.group(1);
        sampled = (Integer.parseInt(matcher.group(3), 16) & 1) == 1;
      }
    }
    if (traceId == null) {
      traceId = randomHex(16);
    }
    String correlationId = correlationHeader != null && CORRELATION_ID.matcher(correlationHeader.trim()).matches()
        ? correlationHeader.trim()
        : traceId;
    return new TraceContext(correlationId, traceId, sampled);
  }

  public static TraceContext generate() {
    return from(null, null);
  }

  /** Builds a {@code traceparent} for an outgoing call, with a fresh span id for this hop. */
  public String outgoingTraceparent() {
    return "00-" + traceId + "-" + randomHex(8) + (sampled ? "-01" : "-00");
  }

  private static String randomHex(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return HexFormat.of().formatHex(buffer);
  }
}
