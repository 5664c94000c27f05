package dev.ofg.bank;

/** Normalises free text taken from statement files and quotes it safely in messages. */
final class Texts {

  private static final int EXCERPT_LENGTH = 40;

  private Texts() {
  }

  /** Quotes at most 40 characters of a value for an error message. */
  static String excerpt(String value) {
    if (value == null) {
      return "(missing)";
    }
    String oneLine = value.replaceAll("[\\p{Cntrl}]", " ");
    return "'" + (oneLine.length() <= EXCERPT_LENGTH ? oneLine : oneLine.substring(0, EXCERPT_LENGTH) + "...") + "'";
  }

  /** Collapses whitespace runs to one space and trims; returns null for blank text. */
  static String clean(String value) {
    if (value == null) {
      return null;
    }
    String collapsed = value.replaceAll("\\s+", " ").strip();
    return collapsed.isEmpty() ? null : collapsed;
  }

  /** Joins the non-blank parts with a space; returns null when none is left. */
  static String join(Iterable<String> parts) {
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      String cleaned = clean(part);
      if (cleaned != null) {
        if (out.length() > 0) {
          out.append(' ');
        }
        out.append(cleaned);
      }
    }
    return out.length() == 0 ? null : out.toString();
  }
}
