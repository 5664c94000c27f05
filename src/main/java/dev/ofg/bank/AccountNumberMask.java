package dev.ofg.bank;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks account numbers (IBANs and other account identifiers) for {@code toString()}, log lines
 * and client-facing messages: {@code NL91ABNA0417164300} becomes {@code NL91************00}.
 */
public final class AccountNumberMask {

  /**
   * Two letters, two check digits, then 10 to 30 alphanumerics: the shape of every IBAN. No word
   * boundaries, because banks glue IBANs to other text ("253EURNL26VAYB8060476890"); masking a
   * reference that merely looks like an IBAN is the cheaper mistake.
   */
  private static final Pattern IBAN_LIKE = Pattern.compile("[A-Z]{2}\\d{2}[A-Z0-9]{10,30}");

  private AccountNumberMask() {
  }

  /**
   * Masks one account number, keeping the first four and the last two characters; values of eight
   * characters or fewer are masked completely because their ends would reveal most of them.
   */
  public static String mask(String accountNumber) {
    if (accountNumber == null) {
      return null;
    }
    int length = accountNumber.length();
    if (length <= 8) {
      return "*".repeat(length);
    }
    return accountNumber.substring(0, 4) + "*".repeat(length - 6) + accountNumber.substring(length - 2);
  }

  /** Masks every IBAN-shaped token inside free text, leaving the rest of the text unchanged. */
  public static String maskAccountNumbersIn(String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = IBAN_LIKE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(mask(matcher.group())));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
