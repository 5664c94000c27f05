package dev.ofg.app;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks IBANs in free text, keeping the country, check digits and last two characters
 * ({@code NL91ABNA0417164300} becomes {@code NL91**********00}).
 *
 * <p>Only strings that pass the ISO 13616 mod-97 check are masked, so ids and amounts stay readable.
 */
public final class IbanMasking {
  private static final Pattern CANDIDATE = Pattern.compile("\\b([A-Z]{2}[0-9]{2})((?:[ ]?[A-Z0-9]){11,30})\\b");
  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  private IbanMasking() {
  }

  public static String mask(String text) {
    if (text == null || text.length() < 15) {
      return text;
    }
    Matcher matcher = CANDIDATE.matcher(text);
    StringBuilder out = null;
    int last = 0;
    while (matcher.find()) {
      String compact = matcher.group().replace(" ", "");
      if (!valid(compact)) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, last, matcher.start()).append(maskCompact(compact));
      last = matcher.end();
    }
    if (out == null) {
      return text;
    }
    return out.append(text, last, text.length()).toString();
  }

  public static String maskCompact(String iban) {
    if (iban.length() <= 6) {
      return "****";
    }
    return iban.substring(0, 4) + "*".repeat(iban.length() - 6) + iban.substring(iban.length() - 2);
  }

  static boolean valid(String iban) {
    if (iban.length() < 15 || iban.length() > 34) {
      return false;
    }
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    StringBuilder digits = new StringBuilder(rearranged.length() * 2);
    for (char c : rearranged.toCharArray()) {
      if (Character.isDigit(c)) {
        digits.append(c);
      } else {
        digits.append(c - 'A' + 10);
      }
    }
    return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
  }
}
