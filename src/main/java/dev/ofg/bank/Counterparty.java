package dev.ofg.bank;

/**
 * Describes the other party of a statement line: the payer of a credit, the payee of a debit.
 * {@code toString()} masks the account numbers.
 *
 * @param name      the party's name, when given
 * @param iban      the party's IBAN, when given
 * @param accountId the party's non-IBAN account identifier, when given
 * @param bic       the BIC of the party's bank, when given
 */
public record Counterparty(String name, String iban, String accountId, String bic) {

  /** Returns true when no part is known. */
  public boolean isEmpty() {
    return name == null && iban == null && accountId == null && bic == null;
  }

  @Override
  public String toString() {
    return "Counterparty[name=" + name + ", iban=" + AccountNumberMask.mask(iban)
        + ", accountId=" + AccountNumberMask.mask(accountId) + ", bic=" + bic + "]";
  }
}
