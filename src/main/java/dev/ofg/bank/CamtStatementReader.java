package dev.ofg.bank;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one camt {@code Stmt} or {@code Ntfctn} from the cursor, streaming its entries into lines
 * as they come so that only one entry's details are held at a time.
 */
final class CamtStatementReader implements CamtEntryMapper.LineSink {

  /** What spans all statements of one file: entry count and the import id assigners. */
  static final class FileState {
    private final BankStatementLimits limits;
    private final ImportIdAssigner bookedIds = new ImportIdAssigner();
    // Non-booked entries get ids from their own assigner so they never shift the booked lines' ids.
    private final ImportIdAssigner otherIds = new ImportIdAssigner();
    private int entries;

    FileState(BankStatementLimits limits) {
      this.limits = limits;
    }

    void countEntry() {
      if (++entries > limits.maxEntries()) {
        throw BankStatementException.limit("more than " + limits.maxEntries() + " entries in one file");
      }
    }
  }

  private final BankStatementFormat format;
  private final FileState file;
  private final String messageId;
  private final LocalDateTime messageCreated;
  private final List<XmlElement> balances = new ArrayList<>();
  private final List<StatementLine> lines = new ArrayList<>();
  private final List<StatementLine> nonBooked = new ArrayList<>();
  private String statementId;
  private String electronicSequence;
  private String legalSequence;
  private LocalDateTime created;
  private XmlElement period;
  private BankAccount account;
  private String additionalInformation;
  private int entrySequence;

  CamtStatementReader(BankStatementFormat format, FileState file, String messageId, LocalDateTime messageCreated) {
    this.format = format;
    this.file = file;
    this.messageId = messageId;
    this.messageCreated = messageCreated;
  }

  BankStatement read(CamtXmlCursor cursor) {
    while (cursor.nextChild()) {
      readChild(cursor);
    }
    if (account == null) {
      throw BankStatementException.malformed(format.displayName() + " statement " + Texts.excerpt(statementId)
          + " has no <Acct>");
    }
    return build();
  }

  private void readChild(CamtXmlCursor cursor) {
    switch (cursor.localName()) {
      case "Id":
        statementId = Texts.clean(cursor.readElement().text());
        break;
      case "ElctrncSeqNb":
        electronicSequence = Texts.clean(cursor.readElement().text());
        break;
      case "LglSeqNb":
        legalSequence = Texts.clean(cursor.readElement().text());
        break;
      case "CreDtTm":
        created = CamtValues.dateTime(Texts.clean(cursor.readElement().text()));
        break;
      case "FrToDt":
        period = cursor.readElement();
        break;
      case "Acct":
        account = account(cursor.readElement());
        break;
      case "Bal":
        if (format == BankStatementFormat.CAMT_053) {
          balances.add(cursor.readElement());
        } else {
          cursor.skipElement();
        }
        break;
      case "Ntry":
        readEntry(cursor);
        break;
      case "AddtlStmtInf":
      case "AddtlNtfctnInf":
        additionalInformation = Texts.clean(cursor.readElement().text());
        break;
      default:
        cursor.skipElement();
        break;
    }
  }

  private static BankAccount account(XmlElement acct) {
    String[] id = CamtValues.accountId(acct.child("Id"));
    if (id[0] == null && id[1] == null) {
      throw BankStatementException.malformed("<Acct> has neither <IBAN> nor <Othr><Id>");
    }
    String currency = acct.text("Ccy");
    String owner = acct.text("Nm") != null ? acct.text("Nm")
        : acct.text("Ownr", "Nm") != null ? acct.text("Ownr", "Nm") : acct.text("Ownr", "Pty", "Nm");
    return new BankAccount(id[0], id[1], currency == null ? null : MonetaryAmounts.currency(currency),
        CamtValues.bic(acct.find("Svcr", "FinInstnId")), owner);
  }

  private void readEntry(CamtXmlCursor cursor) {
    if (account == null) {
      throw BankStatementException.malformed("<Acct> must come before the first <Ntry>");
    }
    file.countEntry();
    entrySequence++;
    List<XmlElement> fields = new ArrayList<>();
    List<CamtEntryMapper.TransactionDetail> details = new ArrayList<>();
    XmlElement batch = null;
    while (cursor.nextChild()) {
      if (!cursor.localName().equals("NtryDtls")) {
        fields.add(cursor.readElement());
        continue;
      }
      while (cursor.nextChild()) {
        if (cursor.localName().equals("TxDtls")) {
          file.countEntry();
          details.add(CamtEntryMapper.detail(cursor.readElement()));
        } else if (cursor.localName().equals("Btch") && batch == null) {
          batch = cursor.readElement();
        } else {
          cursor.skipElement();
        }
      }
    }
    XmlElement entry = new XmlElement("Ntry", "", Map.of(), fields);
    CamtEntryMapper.map(entry, batch, details, entrySequence, this);
  }

  @Override
  public String accountIdentifier() {
    return account.identifier();
  }

  @Override
  public ImportIdAssigner assigner(EntryStatus status) {
    return status == EntryStatus.BOOKED ? file.bookedIds : file.otherIds;
  }

  @Override
  public int nextSequence(EntryStatus status) {
    return (status == EntryStatus.BOOKED ? lines.size() : nonBooked.size()) + 1;
  }

  @Override
  public void accept(StatementLine line) {
    (line.status() == EntryStatus.BOOKED ? lines : nonBooked).add(line);
  }

  private BankStatement build() {
    Map<String, Balance> opening = new LinkedHashMap<>();
    Map<String, Balance> closing = new LinkedHashMap<>();
    List<Balance> others = new ArrayList<>();
    selectBalances(opening, closing, others);
    LocalDate from = period == null ? null : periodDate(period, "FrDtTm", "FrDt");
    LocalDate to = period == null ? null : periodDate(period, "ToDtTm", "ToDt");
    return new BankStatement(format, messageId, statementId,
        electronicSequence != null ? electronicSequence : legalSequence, account,
        created != null ? created : messageCreated, from, to, List.copyOf(opening.values()),
        List.copyOf(closing.values()), others, lines, nonBooked, additionalInformation);
  }

  private static LocalDate periodDate(XmlElement period, String dateTimeName, String dateName) {
    LocalDateTime dateTime = CamtValues.dateTime(period.text(dateTimeName));
    return dateTime != null ? dateTime.toLocalDate() : CamtValues.date(period.text(dateName));
  }

  /**
   * Picks per currency the opening (OPBD, else PRCD, else first ITBD) and closing (CLBD, else last
   * ITBD that is not the opening) balance; everything else goes to {@code others}.
   */
  private void selectBalances(Map<String, Balance> opening, Map<String, Balance> closing, List<Balance> others) {
    List<Balance> all = new ArrayList<>();
    for (XmlElement element : balances) {
      all.add(balance(element));
    }
    for (String type : List.of("OPBD", "PRCD", "ITBD")) {
      all.stream().filter(b -> b.type().equals(type)).forEach(b -> opening.putIfAbsent(b.currency(), b));
    }
    all.stream().filter(b -> b.type().equals("CLBD")).forEach(b -> closing.putIfAbsent(b.currency(), b));
    for (Balance balance : all) {
      Balance chosen = closing.get(balance.currency());
      boolean closingBooked = chosen != null && chosen.type().equals("CLBD");
      if (balance.type().equals("ITBD") && !closingBooked && opening.get(balance.currency()) != balance) {
        closing.put(balance.currency(), balance);
      }
    }
    Set<Balance> used = Collections.newSetFromMap(new IdentityHashMap<>());
    used.addAll(opening.values());
    used.addAll(closing.values());
    all.stream().filter(b -> !used.contains(b)).forEach(others::add);
  }

  private static Balance balance(XmlElement bal) {
    XmlElement type = bal.find("Tp", "CdOrPrtry");
    String code = CamtValues.codeOrProprietary(type);
    if (code == null) {
      throw BankStatementException.malformed("<Bal> has no type code");
    }
    Money money = CamtValues.money(bal.child("Amt"));
    if (money == null) {
      throw BankStatementException.malformed("<Bal> " + code + " has no <Amt>");
    }
    CreditDebit direction = CamtValues.creditDebit(bal.text("CdtDbtInd"), "balance " + code);
    return new Balance(code, CamtValues.signed(money.amount(), direction), money.currency(),
        CamtValues.dateChoice(bal.child("Dt")));
  }
}
