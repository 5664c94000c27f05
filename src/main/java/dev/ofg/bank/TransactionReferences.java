package dev.ofg.bank;

/**
 * Carries the references a bank gives for a statement line; any of them may be null.
 *
 * @param accountServicerReference the bank's own reference (camt {@code AcctSvcrRef}, MT940 :61: after {@code //})
 * @param entryReference           camt {@code NtryRef}
 * @param endToEndId               the originator's end-to-end id (camt {@code EndToEndId}, MT940 :86: {@code /EREF/})
 * @param instructionId            camt {@code InstrId}
 * @param mandateId                direct debit mandate (camt {@code MndtId}, MT940 :86: {@code /MARF/})
 * @param transactionId            camt {@code TxId}
 * @param paymentInformationId     batch id (camt {@code PmtInfId}, MT940 :86: {@code /PREF/})
 * @param accountOwnerReference    MT940 :61: reference for the account owner (before {@code //})
 */
public record TransactionReferences(String accountServicerReference, String entryReference, String endToEndId,
    String instructionId, String mandateId, String transactionId, String paymentInformationId,
    String accountOwnerReference) {

  /** References with every part unknown. */
  public static final TransactionReferences NONE =
      new TransactionReferences(null, null, null, null, null, null, null, null);
}
