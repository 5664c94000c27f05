package dev.ofg.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Holds one line of a bank statement, ready to become an Odoo {@code account.bank.statement.line}.
 * Optional parts are null when the file does not give them. {@code toString()} masks account
 * numbers and leaves out free text, which may quote them.
 *
 * <p><b>Entries and transaction details.</b> A camt entry ({@code Ntry}) that batches several
 * transactions ({@code TxDtls}) becomes one line per transaction when every transaction states its
 * amount in the entry currency and those amounts add up exactly to the entry amount; each such line
 * has {@code detailIndex} 1..n. Otherwise the entry stays one line ({@code detailIndex} 0) carrying
 * the entry amount, so the statement balance never depends on how the bank detailed a batch.
 *
 * <p><b>Import id</b> (the value for Odoo's {@code unique_import_id}). When the bank gives its own
 * reference for the entry the id is {@code ACCOUNT:BOOKINGDATE:KIND:REF} with KIND {@code ASR}
 * (camt {@code AcctSvcrRef}), {@code NTRY} (camt {@code NtryRef}, only without AcctSvcrRef) or
 * {@code BREF} (MT940 :61: reference after {@code //}, unless {@code NONREF}); a line split from a
 * batch appends {@code /DETAILINDEX}. Otherwise it is {@code ACCOUNT:BOOKINGDATE:H:HEX}, 32 hex digits
 * of SHA-256 over account, booking date, amount, currency, the line's stable identifiers
 * (end-to-end, instruction, mandate, transaction, payment information ids, MT940 owner reference,
 * counterparty account) and the occurrence number of identical material in the file. An id
 * repeated within one file gets {@code :2}, {@code :3} ... appended. Ids are the same on every parse
 * of the same file, and hashed ids do not move when other lines are inserted or re-ordered; two
 * identical reference-less lines of one day split over two files would collide, so such files must
 * carry complete days. The id starts with the account number: treat it like one when logging.
 *
 * @param importId                         stable, deterministic id, as described above
 * @param sequence                         1-based position of the line within its statement
 * @param entrySequence                    1-based position of the entry ({@code Ntry} / :61:) it comes from
 * @param detailIndex                      1-based transaction detail index when split from a batch, else 0
 * @param bookingDate                      booking date (MT940: entry date, else value date)
 * @param valueDate                        value date, when given
 * @param amount                           signed amount at the scale of the currency: credits positive
 * @param currency                         ISO 4217 code of {@code amount}
 * @param originalAmount                   instructed/original amount and currency, when the bank gives one
 * @param creditDebit                      direction of this line as booked
 * @param reversal                         true when the line reverses an earlier booking (camt
 *                                         {@code RvslInd}, MT940 {@code RC}/{@code RD}); the sign still
 *                                         follows {@code creditDebit}, as ISO 20022 and SWIFT define it
 * @param status                           booking status
 * @param transactionCode                  bank transaction code
 * @param references                       bank and originator references
 * @param counterparty                     the other party, or null when unknown
 * @param remittanceInformation            unstructured remittance text, parts joined by a space
 * @param creditorReference                structured creditor reference (e.g. RF, ISR/QRR, Currence)
 * @param returnReason                     return/reject reason code, e.g. {@code AC06}, {@code MS03}
 * @param additionalEntryInformation       camt {@code AddtlNtryInf}; MT940 :61: supplementary details
 * @param additionalTransactionInformation camt {@code AddtlTxInf}; MT940 the whole :86: text
 */
public record StatementLine(
    String importId,
    int sequence,
    int entrySequence,
    int detailIndex,
    LocalDate bookingDate,
    LocalDate valueDate,
    BigDecimal amount,
    String currency,
    Money originalAmount,
    CreditDebit creditDebit,
    boolean reversal,
    EntryStatus status,
    BankTransactionCode transactionCode,
    TransactionReferences references,
    Counterparty counterparty,
    String remittanceInformation,
    String creditorReference,
    String returnReason,
    String additionalEntryInformation,
    String additionalTransactionInformation) {

  /** Requires the parts every line has and a sign that agrees with {@code creditDebit}. */
  public StatementLine {
    Objects.requireNonNull(importId, "importId");
    Objects.requireNonNull(bookingDate, "bookingDate");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(creditDebit, "creditDebit");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(transactionCode, "transactionCode");
    Objects.requireNonNull(references, "references");
    if (creditDebit == CreditDebit.CREDIT ? amount.signum() < 0 : amount.signum() > 0) {
      throw new IllegalArgumentException("amount: " + amount + " (expected: sign matching " + creditDebit + ")");
    }
  }

  @Override
  public String toString() {
    return "StatementLine[importId=" + AccountNumberMask.maskAccountNumbersIn(importId)
        + ", sequence=" + sequence + ", bookingDate=" + bookingDate + ", amount=" + amount.toPlainString()
        + " " + currency + (reversal ? ", reversal" : "") + ", status=" + status.code()
        + ", counterparty=" + counterparty + "]";
  }
}
