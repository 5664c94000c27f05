package dev.ofg.bank;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.regex.Pattern;

/** Parses amounts and currency codes of both formats into BigDecimals at the currency's scale. */
final class MonetaryAmounts {

  /** ISO 20022 ActiveOrHistoricCurrencyAndAmount: 18 digits in total, at most 5 after the point. */
  private static final Pattern CAMT_AMOUNT = Pattern.compile("\\d{1,18}(\\.\\d{1,5})?");
  /** SWIFT 15d: up to 15 characters including a mandatory decimal comma. */
  private static final Pattern SWIFT_AMOUNT = Pattern.compile("\\d{1,14},\\d{0,13}");
  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

  private MonetaryAmounts() {
  }

  static String currency(String code) {
    if (code == null || !CURRENCY_CODE.matcher(code).matches()) {
      throw BankStatementException.malformed("currency " + Texts.excerpt(code) + " (expected: ISO 4217 code)");
    }
    try {
      Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw BankStatementException.malformed("currency " + code + " (expected: ISO 4217 code)");
    }
    return code;
  }

  static BigDecimal camt(String text, String currency) {
    if (text == null || !CAMT_AMOUNT.matcher(text).matches()) {
      throw BankStatementException.malformed("amount " + Texts.excerpt(text) + " (expected: non-negative decimal)");
    }
    return atCurrencyScale(new BigDecimal(text), currency);
  }

  static BigDecimal swift(String text, String currency) {
    if (text == null || text.length() > 15 || !SWIFT_AMOUNT.matcher(text).matches()) {
      throw BankStatementException.malformed("amount " + Texts.excerpt(text) + " (expected: SWIFT 15d, e.g. 1234,56)");
    }
    String plain = text.replace(',', '.');
    return atCurrencyScale(new BigDecimal(plain.endsWith(".") ? plain + "0" : plain), currency);
  }

  /** Rescales without rounding: an amount with more significant decimals than its currency is malformed. */
  static BigDecimal atCurrencyScale(BigDecimal amount, String currency) {
    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
    if (digits < 0) {
      return amount;
    }
    try {
      return amount.setScale(digits, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw BankStatementException.malformed("amount " + amount.toPlainString() + " " + currency
          + " (expected: at most " + digits + " decimals)");
    }
  }
}
