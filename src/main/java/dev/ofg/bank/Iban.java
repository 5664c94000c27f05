package dev.ofg.bank;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** Validates IBANs by shape and ISO 13616 mod-97 check digits, to tell IBANs from other account ids. */
final class Iban {

  private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}\\d{2}[A-Z0-9]{10,30}");
  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  private Iban() {
  }

  /** True for two letters, two digits and 10 to 30 alphanumerics, whatever the check digits say. */
  static boolean hasShape(String candidate) {
    return candidate != null && SHAPE.matcher(candidate).matches();
  }

  /** True for a well-shaped IBAN whose check digits are right. */
  static boolean isValid(String candidate) {
    if (!hasShape(candidate)) {
      return false;
    }
    String rearranged = candidate.substring(4) + candidate.substring(0, 4);
    StringBuilder digits = new StringBuilder(rearranged.length() * 2);
    for (char c : rearranged.toCharArray()) {
      digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
  }
}
