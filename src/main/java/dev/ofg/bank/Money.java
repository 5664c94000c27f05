package dev.ofg.bank;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Holds an amount with its ISO 4217 currency, e.g. the instructed amount of a foreign payment.
 *
 * @param amount   the amount, at the scale of the currency
 * @param currency ISO 4217 alphabetic code
 */
public record Money(BigDecimal amount, String currency) {

  /** Requires both parts. */
  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency;
  }
}
