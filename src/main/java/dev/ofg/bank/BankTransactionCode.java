package dev.ofg.bank;

/**
 * Classifies a statement line: the ISO 20022 domain/family/sub-family code, a proprietary code,
 * or both. For MT940 the proprietary code is the :61: transaction type (e.g. {@code NTRF}) with
 * issuer {@code SWIFT}.
 *
 * @param domain            ISO domain code, e.g. {@code PMNT}
 * @param family            ISO family code, e.g. {@code RCDT}
 * @param subFamily         ISO sub-family code, e.g. {@code ESCT}
 * @param proprietaryCode   bank-specific code, e.g. {@code EI}
 * @param proprietaryIssuer issuer of the proprietary code, when given
 */
public record BankTransactionCode(String domain, String family, String subFamily, String proprietaryCode,
    String proprietaryIssuer) {

  /** A code with no part known. */
  public static final BankTransactionCode NONE = new BankTransactionCode(null, null, null, null, null);

  /** Returns true when no part is known. */
  public boolean isEmpty() {
    return domain == null && family == null && subFamily == null && proprietaryCode == null;
  }
}
