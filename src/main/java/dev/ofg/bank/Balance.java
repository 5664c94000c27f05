package dev.ofg.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Records one balance reported in a statement.
 *
 * <p>{@code type} is the ISO 20022 balance type code: {@code OPBD} opening booked, {@code PRCD}
 * previously closed booked (the previous statement's closing, used as this one's opening),
 * {@code CLBD} closing booked, {@code ITBD} interim booked (page or intraday boundary),
 * {@code CLAV} closing available, {@code FWAV} forward available, {@code OPAV}, {@code ITAV}, or
 * a proprietary code. MT940 balances are mapped onto the same codes: {@code :60F:} OPBD,
 * {@code :60M:} and {@code :62M:} ITBD, {@code :62F:} CLBD, {@code :64:} CLAV, {@code :65:} FWAV.
 *
 * @param type     balance type code as described above
 * @param amount   signed amount: negative when the bank reports a debit (overdrawn) balance
 * @param currency ISO 4217 code
 * @param date     the date the balance refers to (may be null when the bank gives none)
 */
public record Balance(String type, BigDecimal amount, String currency, LocalDate date) {

  /** Requires type, amount and currency. */
  public Balance {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
  }

  @Override
  public String toString() {
    return type + " " + amount.toPlainString() + " " + currency + (date == null ? "" : " " + date);
  }
}
