package dev.ofg.webhook.hmac;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Describes what a generic sender signs, as a template over the raw body and the timestamp header:
 * {@code {body}} (the default), {@code {timestamp}.{body}} (Stripe-like), and so on. The body is
 * always signed as raw bytes; the text around it is UTF-8.
 *
 * @param template contains {@code {body}} exactly once and {@code {timestamp}} at most once
 */
public record SignedPayloadTemplate(String template) {

  public static final String BODY = "{body}";
  public static final String TIMESTAMP = "{timestamp}";

  /** Signs the raw body only. */
  public static final SignedPayloadTemplate BODY_ONLY = new SignedPayloadTemplate(BODY);

  /** Signs {@code <timestamp>.<body>}, as Stripe and many others do. */
  public static final SignedPayloadTemplate TIMESTAMP_DOT_BODY = new SignedPayloadTemplate(TIMESTAMP + "." + BODY);

  /** Validates the template. */
  public SignedPayloadTemplate {
    Objects.requireNonNull(template, "template");
    if (occurrences(template, BODY) != 1 || occurrences(template, TIMESTAMP) > 1) {
      throw new IllegalArgumentException("signedPayload: " + template
          + " (expected: {body} exactly once and {timestamp} at most once)");
    }
  }

  private static int occurrences(String text, String token) {
    int count = 0;
    for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length())) {
      count++;
    }
    return count;
  }

  /** Returns true if the template signs the timestamp. */
  public boolean usesTimestamp() {
    return template.contains(TIMESTAMP);
  }

  /** Returns the signed bytes before the body, with the timestamp filled in (null if unused). */
  public byte[] prefix(String timestamp) {
    return fill(template.substring(0, template.indexOf(BODY)), timestamp);
  }

  /** Returns the signed bytes after the body, with the timestamp filled in (null if unused). */
  public byte[] suffix(String timestamp) {
    return fill(template.substring(template.indexOf(BODY) + BODY.length()), timestamp);
  }

  private static byte[] fill(String part, String timestamp) {
    String text = timestamp == null ? part : part.replace(TIMESTAMP, timestamp);
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
