package dev.ofg.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns one camt entry ({@code Ntry}) and its transaction details into statement lines, deciding
 * whether a batch is split (see {@link StatementLine}) and which bank reference names each line.
 */
final class CamtEntryMapper {

  /** The parts of one {@code TxDtls} kept after its XML is dropped. */
  record TransactionDetail(XmlElement amount, String creditDebit, XmlElement instructedAmount,
      XmlElement transactionAmount, TransactionReferences references, Counterparty debtor, Counterparty creditor,
      String remittance, String creditorReference, String returnReason, String additionalInformation,
      BankTransactionCode code) {
  }

  /** Where the lines go and which account and id assigner they belong to. */
  interface LineSink {
    String accountIdentifier();

    ImportIdAssigner assigner(EntryStatus status);

    int nextSequence(EntryStatus status);

    void accept(StatementLine line);
  }

  private CamtEntryMapper() {
  }

  /** Keeps what a line needs from a {@code TxDtls} element. */
  static TransactionDetail detail(XmlElement tx) {
    XmlElement amountDetails = tx.child("AmtDtls");
    XmlElement transactionAmount = amountDetails == null ? null : amountDetails.find("TxAmt", "Amt");
    XmlElement amount = tx.child("Amt") != null ? tx.child("Amt") : transactionAmount;
    XmlElement refs = tx.child("Refs");
    TransactionReferences references = refs == null ? TransactionReferences.NONE : new TransactionReferences(
        refs.text("AcctSvcrRef"), null, endToEndId(refs.text("EndToEndId")), refs.text("InstrId"),
        refs.text("MndtId"), refs.text("TxId"), refs.text("PmtInfId"), null);
    XmlElement parties = tx.child("RltdPties");
    XmlElement agents = tx.child("RltdAgts");
    XmlElement remittance = tx.child("RmtInf");
    return new TransactionDetail(amount, tx.text("CdtDbtInd"),
        amountDetails == null ? null : amountDetails.find("InstdAmt", "Amt"), transactionAmount, references,
        party(parties, agents, "Dbtr"), party(parties, agents, "Cdtr"),
        remittance == null ? null : Texts.join(remittance.all("Ustrd").stream().map(XmlElement::text).toList()),
        remittance == null ? null : remittance.text("Strd", "CdtrRefInf", "Ref"),
        CamtValues.codeOrProprietary(tx.find("RtrInf", "Rsn")), tx.text("AddtlTxInf"),
        CamtValues.transactionCode(tx.child("BkTxCd")));
  }

  private static String endToEndId(String value) {
    return "NOTPROVIDED".equals(value) ? null : value;
  }

  private static Counterparty party(XmlElement parties, XmlElement agents, String role) {
    if (parties == null) {
      return null;
    }
    XmlElement party = parties.child(role);
    String name = party == null ? null : party.text("Nm") != null ? party.text("Nm") : party.text("Pty", "Nm");
    String[] account = CamtValues.accountId(parties.find(role + "Acct", "Id"));
    String bic = agents == null ? null : CamtValues.bic(agents.find(role + "Agt", "FinInstnId"));
    Counterparty counterparty = new Counterparty(name, account[0], account[1], bic);
    return counterparty.isEmpty() ? null : counterparty;
  }

  /** Maps one entry to its line(s) and hands them to the sink. */
  static void map(XmlElement entry, XmlElement batch, List<TransactionDetail> details, int entrySequence,
      LineSink sink) {
    Money money = CamtValues.money(entry.child("Amt"));
    if (money == null) {
      throw BankStatementException.malformed("entry " + entrySequence + " has no <Amt>");
    }
    CreditDebit direction = CamtValues.creditDebit(entry.text("CdtDbtInd"), "entry " + entrySequence);
    EntryContext context = new EntryContext(entry, batch, entrySequence, money.currency(),
        CamtValues.signed(money.amount(), direction), direction, sink);
    List<BigDecimal> split = details.size() >= 2 ? splitAmounts(details, context) : null;
    if (split == null) {
      context.emit(details.size() == 1 ? details.get(0) : merged(details), context.amount, 0);
      return;
    }
    for (int i = 0; i < details.size(); i++) {
      context.emit(details.get(i), split.get(i), i + 1);
    }
  }

  /** Returns the signed amounts of the details when they may replace the entry, else null. */
  private static List<BigDecimal> splitAmounts(List<TransactionDetail> details, EntryContext context) {
    List<BigDecimal> amounts = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    for (TransactionDetail detail : details) {
      Money money = CamtValues.money(detail.amount());
      if (money == null || !money.currency().equals(context.currency)) {
        return null;
      }
      CreditDebit direction = detail.creditDebit() == null ? context.direction
          : CamtValues.creditDebit(detail.creditDebit(), "entry " + context.entrySequence + " transaction");
      BigDecimal signed = CamtValues.signed(money.amount(), direction);
      amounts.add(signed);
      total = total.add(signed);
    }
    return total.compareTo(context.amount) == 0 ? amounts : null;
  }

  /** Combines the details of an unsplit batch: texts joined, counterparty only when they all agree. */
  private static TransactionDetail merged(List<TransactionDetail> details) {
    if (details.isEmpty()) {
      return null;
    }
    Counterparty debtor = details.get(0).debtor();
    Counterparty creditor = details.get(0).creditor();
    for (TransactionDetail detail : details) {
      if (!Objects.equals(debtor, detail.debtor()) || !Objects.equals(creditor, detail.creditor())) {
        // Different parties: naming one of them (or the account owner on the other side) would be wrong.
        debtor = null;
        creditor = null;
        break;
      }
    }
    return new TransactionDetail(null, null, null, null, TransactionReferences.NONE, debtor, creditor,
        Texts.join(details.stream().map(TransactionDetail::remittance).toList()), null, null,
        Texts.join(details.stream().map(TransactionDetail::additionalInformation).toList()),
        details.get(0).code());
  }

  /** The entry-level facts every line of the entry shares. */
  private static final class EntryContext {
    private final XmlElement entry;
    private final XmlElement batch;
    private final int entrySequence;
    private final String currency;
    private final BigDecimal amount;
    private final CreditDebit direction;
    private final LineSink sink;
    private final EntryStatus status;
    private final LocalDate bookingDate;
    private final LocalDate valueDate;

    EntryContext(XmlElement entry, XmlElement batch, int entrySequence, String currency, BigDecimal amount,
        CreditDebit direction, LineSink sink) {
      this.entry = entry;
      this.batch = batch;
      this.entrySequence = entrySequence;
      this.currency = currency;
      this.amount = amount;
      this.direction = direction;
      this.sink = sink;
      String statusCode = CamtValues.codeOrProprietary(entry.child("Sts"));
      if (statusCode == null) {
        throw BankStatementException.malformed("entry " + entrySequence + " has no <Sts>");
      }
      this.status = EntryStatus.fromCode(statusCode);
      this.valueDate = CamtValues.dateChoice(entry.child("ValDt"));
      LocalDate booked = CamtValues.dateChoice(entry.child("BookgDt"));
      this.bookingDate = booked != null ? booked : valueDate;
      if (bookingDate == null) {
        throw BankStatementException.malformed("entry " + entrySequence + " has neither <BookgDt> nor <ValDt>");
      }
    }

    void emit(TransactionDetail detail, BigDecimal lineAmount, int detailIndex) {
      CreditDebit lineDirection = lineAmount.signum() == 0 ? direction
          : lineAmount.signum() > 0 ? CreditDebit.CREDIT : CreditDebit.DEBIT;
      TransactionReferences references = references(detail);
      Counterparty counterparty = counterparty(detail, lineDirection);
      String id = importId(detailIndex, lineAmount, references, counterparty);
      BankTransactionCode code = detail != null && !detail.code().isEmpty() ? detail.code()
          : CamtValues.transactionCode(entry.child("BkTxCd"));
      sink.accept(new StatementLine(id, sink.nextSequence(status), entrySequence, detailIndex, bookingDate, valueDate, lineAmount,
          currency, originalAmount(detail), lineDirection, CamtValues.bool(entry.text("RvslInd")), status, code,
          references, counterparty, detail == null ? null : detail.remittance(),
          detail == null ? null : detail.creditorReference(), detail == null ? null : detail.returnReason(),
          entry.text("AddtlNtryInf"), detail == null ? null : detail.additionalInformation()));
    }

    private TransactionReferences references(TransactionDetail detail) {
      TransactionReferences tx = detail == null ? TransactionReferences.NONE : detail.references();
      String servicerReference = entry.text("AcctSvcrRef");
      String paymentInformation = tx.paymentInformationId() != null ? tx.paymentInformationId()
          : batch == null ? null : batch.text("PmtInfId");
      return new TransactionReferences(servicerReference != null ? servicerReference : tx.accountServicerReference(),
          entry.text("NtryRef"), tx.endToEndId(), tx.instructionId(), tx.mandateId(), tx.transactionId(),
          paymentInformation, null);
    }

    private Counterparty counterparty(TransactionDetail detail, CreditDebit lineDirection) {
      if (detail == null) {
        return null;
      }
      // The other party pays a credit and receives a debit; fall back when a bank fills only one side.
      Counterparty preferred = lineDirection == CreditDebit.CREDIT ? detail.debtor() : detail.creditor();
      Counterparty fallback = lineDirection == CreditDebit.CREDIT ? detail.creditor() : detail.debtor();
      return preferred != null ? preferred : fallback;
    }

    private Money originalAmount(TransactionDetail detail) {
      if (detail != null && detail.instructedAmount() != null) {
        return CamtValues.money(detail.instructedAmount());
      }
      if (detail != null && detail.transactionAmount() != null) {
        Money transaction = CamtValues.money(detail.transactionAmount());
        if (!transaction.currency().equals(currency)) {
          return transaction;
        }
      }
      return CamtValues.money(entry.find("AmtDtls", "InstdAmt", "Amt"));
    }

    private String importId(int detailIndex, BigDecimal lineAmount, TransactionReferences references,
        Counterparty counterparty) {
      ImportIdAssigner assigner = sink.assigner(status);
      String account = sink.accountIdentifier();
      String servicerReference = entry.text("AcctSvcrRef");
      if (servicerReference != null) {
        return assigner.byReference(account, bookingDate, ImportIdAssigner.KIND_ACCOUNT_SERVICER_REF,
            servicerReference, detailIndex);
      }
      String entryReference = entry.text("NtryRef");
      if (entryReference != null) {
        return assigner.byReference(account, bookingDate, ImportIdAssigner.KIND_ENTRY_REF, entryReference,
            detailIndex);
      }
      return assigner.byContent(account, bookingDate, lineAmount, currency, Arrays.asList(
          references.endToEndId(), references.instructionId(), references.mandateId(),
          references.transactionId(), references.paymentInformationId(), null,
          counterparty == null ? null : counterparty.iban() != null ? counterparty.iban() : counterparty.accountId()));
    }
  }
}
