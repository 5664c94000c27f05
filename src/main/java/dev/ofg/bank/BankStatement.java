package dev.ofg.bank;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds one statement (camt {@code Stmt}), notification (camt {@code Ntfctn}) or MT940 message in
 * the canonical form the gateway imports. Optional scalar parts are null when absent.
 * {@code toString()} masks the account number and summarises the lines.
 *
 * <p>Balances are kept per currency: {@code openingBalances} and {@code closingBalances} hold one
 * balance per currency (almost always exactly one), chosen as OPBD, else PRCD, else the first ITBD
 * for the opening and CLBD, else the last ITBD for the closing (MT940: :60a: and :62a:). They are
 * empty for camt.054, which reports no balances, and when a file omits them.
 *
 * @param format                the file format
 * @param messageId             camt {@code GrpHdr/MsgId}; MT940 :20:
 * @param statementId           camt {@code Stmt/Id} or {@code Ntfctn/Id}; MT940 :28C:
 * @param sequenceNumber        camt {@code ElctrncSeqNb}, else {@code LglSeqNb}; MT940 statement number of :28C:
 * @param account               the reported account
 * @param creationDateTime      when the bank created it, wall-clock time as written (offset dropped)
 * @param periodFrom            first day covered, when known
 * @param periodTo              last day covered, when known
 * @param openingBalances       opening balance per currency
 * @param closingBalances       closing balance per currency
 * @param otherBalances         every other balance reported (available, forward, interim ...)
 * @param lines                 booked lines in file order: what is imported and balance-checked
 * @param nonBookedEntries      pending, informational and future entries: never imported
 * @param additionalInformation camt {@code AddtlStmtInf}/{@code AddtlNtfctnInf}; MT940 closing :86:
 */
public record BankStatement(
    BankStatementFormat format,
    String messageId,
    String statementId,
    String sequenceNumber,
    BankAccount account,
    LocalDateTime creationDateTime,
    LocalDate periodFrom,
    LocalDate periodTo,
    List<Balance> openingBalances,
    List<Balance> closingBalances,
    List<Balance> otherBalances,
    List<StatementLine> lines,
    List<StatementLine> nonBookedEntries,
    String additionalInformation) {

  /** Requires format and account and freezes the lists. */
  public BankStatement {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(account, "account");
    openingBalances = List.copyOf(openingBalances);
    closingBalances = List.copyOf(closingBalances);
    otherBalances = List.copyOf(otherBalances);
    lines = List.copyOf(lines);
    nonBookedEntries = List.copyOf(nonBookedEntries);
  }

  /** Returns the opening balance in the account currency, or the only one, if any. */
  public Optional<Balance> openingBalance() {
    return primary(openingBalances);
  }

  /** Returns the closing balance in the account currency, or the only one, if any. */
  public Optional<Balance> closingBalance() {
    return primary(closingBalances);
  }

  private Optional<Balance> primary(List<Balance> balances) {
    return balances.stream().filter(b -> b.currency().equals(account.currency())).findFirst()
        .or(() -> balances.stream().findFirst());
  }

  /** Returns a short human label naming this statement in messages, e.g. {@code camt.053 statement 1234Test/1}. */
  public String label() {
    return format.displayName() + " statement " + (statementId != null ? statementId : messageId);
  }

  @Override
  public String toString() {
    return "BankStatement[" + format.displayName() + ", id=" + AccountNumberMask.maskAccountNumbersIn(statementId) + ", seq=" + sequenceNumber
        + ", account=" + account + ", opening=" + openingBalances + ", closing=" + closingBalances
        + ", lines=" + lines.size() + ", nonBooked=" + nonBookedEntries.size() + "]";
  }
}
