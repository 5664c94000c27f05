package dev.ofg.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads the small value types shared by camt elements: dates, indicators, amounts, codes. */
final class CamtValues {

  private CamtValues() {
  }

  /** Reads an ISODate, ignoring an optional offset suffix. */
  static LocalDate date(String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw BankStatementException.malformed("date " + Texts.excerpt(text) + " (expected: YYYY-MM-DD)");
    }
  }

  /** Reads an ISODateTime with or without offset, keeping the wall-clock time as written. */
  static LocalDateTime dateTime(String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDateTime.from(DateTimeFormatter.ISO_DATE_TIME.parse(text));
    } catch (DateTimeParseException e) {
      throw BankStatementException.malformed("date-time " + Texts.excerpt(text) + " (expected: ISO 8601)");
    }
  }

  /** Reads a DateAndDateTime choice ({@code Dt} or {@code DtTm}) as a date. */
  static LocalDate dateChoice(XmlElement choice) {
    if (choice == null) {
      return null;
    }
    String day = choice.text("Dt");
    if (day != null) {
      return date(day);
    }
    LocalDateTime dateTime = dateTime(choice.text("DtTm"));
    return dateTime == null ? null : dateTime.toLocalDate();
  }

  /** Reads a mandatory CRDT/DBIT indicator. */
  static CreditDebit creditDebit(String text, String where) {
    if ("CRDT".equals(text)) {
      return CreditDebit.CREDIT;
    }
    if ("DBIT".equals(text)) {
      return CreditDebit.DEBIT;
    }
    throw BankStatementException.malformed(where + ": credit/debit indicator " + Texts.excerpt(text)
        + " (expected: CRDT or DBIT)");
  }

  /** Reads an xs:boolean. */
  static boolean bool(String text) {
    return "true".equals(text) || "1".equals(text);
  }

  /** Reads an {@code Amt Ccy="..."} element as a positive amount at the currency's scale, or null. */
  static Money money(XmlElement amount) {
    if (amount == null) {
      return null;
    }
    String currency = MonetaryAmounts.currency(amount.attribute("Ccy"));
    return new Money(MonetaryAmounts.camt(Texts.clean(amount.text()), currency), currency);
  }

  /** Applies the direction to a positive amount. */
  static BigDecimal signed(BigDecimal amount, CreditDebit direction) {
    return direction == CreditDebit.DEBIT ? amount.negate() : amount;
  }

  /** Reads a code-or-proprietary choice: {@code Cd}, else {@code Prtry}, else the element's own text. */
  static String codeOrProprietary(XmlElement choice) {
    if (choice == null) {
      return null;
    }
    String code = choice.text("Cd");
    if (code == null) {
      code = choice.text("Prtry");
    }
    return code != null ? code : Texts.clean(choice.text());
  }

  /** Reads a BkTxCd element. */
  static BankTransactionCode transactionCode(XmlElement code) {
    if (code == null) {
      return BankTransactionCode.NONE;
    }
    return new BankTransactionCode(code.text("Domn", "Cd"), code.text("Domn", "Fmly", "Cd"),
        code.text("Domn", "Fmly", "SubFmlyCd"), code.text("Prtry", "Cd"), code.text("Prtry", "Issr"));
  }

  /** Reads an account Id choice: IBAN, else Othr/Id. Returns {iban, other}. */
  static String[] accountId(XmlElement id) {
    if (id == null) {
      return new String[] {null, null};
    }
    return new String[] {id.text("IBAN"), id.text("Othr", "Id")};
  }

  /** Reads a FinInstnId's BIC (BIC up to version 04, BICFI after). */
  static String bic(XmlElement financialInstitution) {
    if (financialInstitution == null) {
      return null;
    }
    String bic = financialInstitution.text("BIC");
    return bic != null ? bic : financialInstitution.text("BICFI");
  }
}
