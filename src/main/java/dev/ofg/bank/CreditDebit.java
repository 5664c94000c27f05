package dev.ofg.bank;

/** Tells whether a line or balance adds to (credit) or takes from (debit) the account. */
public enum CreditDebit {
  CREDIT,
  DEBIT
}
