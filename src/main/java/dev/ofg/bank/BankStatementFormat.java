package dev.ofg.bank;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** Names the statement file formats the gateway imports and sniffs them from a file's first bytes. */
public enum BankStatementFormat {
  /** ISO 20022 BankToCustomerStatement, versions camt.053.001.02 to .13. */
  CAMT_053,
  /** ISO 20022 BankToCustomerDebitCreditNotification, versions camt.054.001.02 to .13. */
  CAMT_054,
  /** SWIFT MT940 customer statement, with or without the {1:}{2:}{4: envelope. */
  MT940;

  /** How many leading bytes {@link #detect(byte[])} looks at; pass at least this many when available. */
  public static final int DETECTION_HEAD_BYTES = 4096;

  static final String CAMT_053_NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:camt.053.";
  static final String CAMT_054_NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:camt.054.";

  /** A tag at the start of a line: ":20:", ":61:", ":28C:". */
  private static final Pattern MT_TAG_LINE = Pattern.compile("(?m)^:\\d{2}[A-Z]?:");
  private static final Pattern MT940_BLOCK2 = Pattern.compile("\\{2:[IO]940");

  /**
   * Guesses the format from the head of a file. XML is recognised by the camt namespace that its
   * root element declares, MT940 by an MT940 application header or by a statement that starts
   * with the {@code :20:} tag. Returns empty for anything else, including camt.052, MT942 and junk.
   */
  public static Optional<BankStatementFormat> detect(byte[] head) {
    if (head == null || head.length == 0) {
      return Optional.empty();
    }
    String text = decodeHead(head).strip();
    if (text.startsWith("<")) {
      if (text.contains(CAMT_053_NAMESPACE_PREFIX)) {
        return Optional.of(CAMT_053);
      }
      if (text.contains(CAMT_054_NAMESPACE_PREFIX)) {
        return Optional.of(CAMT_054);
      }
      return Optional.empty();
    }
    return looksLikeMt940(text) ? Optional.of(MT940) : Optional.empty();
  }

  private static boolean looksLikeMt940(String text) {
    if (text.startsWith("{1:") || text.startsWith("{2:") || text.startsWith("{4:")) {
      return MT940_BLOCK2.matcher(text).find() || (!text.contains("{2:") && text.contains(":20:"));
    }
    // Raw block-4 text as exported by ING, SNS and Rabobank (":940:" is Rabobank's file header).
    return (text.startsWith(":20:") || text.startsWith(":940:")) && MT_TAG_LINE.matcher(text).find();
  }

  private static String decodeHead(byte[] bytes) {
    int length = Math.min(bytes.length, DETECTION_HEAD_BYTES);
    if (length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
        || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
      return new String(bytes, 0, length, StandardCharsets.UTF_16);
    }
    int start = length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
    // Latin-1 never fails and keeps every ASCII marker we look for at its place.
    return new String(bytes, start, length - start, StandardCharsets.ISO_8859_1);
  }

  /** Returns the human name used in messages, e.g. {@code camt.053}. */
  public String displayName() {
    switch (this) {
      case CAMT_053:
        return "camt.053";
      case CAMT_054:
        return "camt.054";
      default:
        return "MT940";
    }
  }
}
