package dev.ofg.webhook;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/** Names how a sender writes MAC bytes into a header or field. */
public enum SignatureEncoding {
  /** Hexadecimal, either case (Stripe, GoCardless, GitHub). */
  HEX,
  /** Standard base64 with padding (Standard Webhooks, Adyen). */
  BASE64;

  /** Returns the decoded bytes, or null if the text is not valid in this encoding. */
  public byte[] decodeOrNull(String text) {
    try {
      return this == HEX ? HexFormat.of().parseHex(text) : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Encodes bytes the way senders do (lower-case hex, padded base64). */
  public String encode(byte[] bytes) {
    return this == HEX ? HexFormat.of().formatHex(bytes) : Base64.getEncoder().encodeToString(bytes);
  }

  /** Parses a configuration name: {@code hex} or {@code base64}. */
  public static SignatureEncoding fromName(String name) {
    switch (Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT)) {
      case "hex":
        return HEX;
      case "base64":
        return BASE64;
      default:
        throw new IllegalArgumentException("encoding: " + name + " (expected: hex or base64)");
    }
  }
}
