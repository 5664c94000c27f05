package dev.ofg.bank;

/**
 * Identifies the account a statement reports on. {@code toString()} masks the account number.
 *
 * @param iban        the IBAN, or null when the bank identifies the account otherwise
 * @param otherId     the non-IBAN account identifier (camt {@code Othr/Id}, MT940 :25: without IBAN)
 * @param currency    the account currency, when the file states one (camt {@code Ccy}, MT940 :60a:)
 * @param servicerBic BIC of the account-servicing bank, when given
 * @param ownerName   the account owner's or account's name, when given
 */
public record BankAccount(String iban, String otherId, String currency, String servicerBic, String ownerName) {

  /** Requires at least one identifier. */
  public BankAccount {
    if (iban == null && otherId == null) {
      throw new IllegalArgumentException("account: no IBAN and no other identifier (expected: one of them)");
    }
  }

  /** Returns the IBAN when present, else the other identifier, normalised to upper case without blanks. */
  public String identifier() {
    String raw = iban != null ? iban : otherId;
    return raw.replaceAll("\\s+", "").toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return "BankAccount[" + AccountNumberMask.mask(identifier())
        + (currency == null ? "" : ", " + currency)
        + (servicerBic == null ? "" : ", " + servicerBic) + "]";
  }
}
