package dev.ofg.bank;

import com.prowidesoftware.swift.model.Tag;
import com.prowidesoftware.swift.model.field.Field;
import com.prowidesoftware.swift.model.field.Field61;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks the tag sequence of one MT940 message and maps it onto a {@link BankStatement}. */
final class Mt940StatementMapper {

  private static final Pattern BIC_PREFIXED = Pattern.compile("([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)/(.+)");
  private static final Pattern DATE = Pattern.compile("\\d{6}");
  private static final Pattern ENTRY_DATE = Pattern.compile("\\d{4}");
  private static final Set<String> MARKS = Set.of("C", "D", "RC", "RD");
  private static final String NO_REFERENCE = "NONREF";

  private final int messageNumber;
  private final BankStatementLimits limits;
  private final ImportIdAssigner ids;
  private final int[] entries;
  private List<Tag> tags;
  private int index;

  Mt940StatementMapper(int messageNumber, BankStatementLimits limits, ImportIdAssigner ids, int[] entries) {
    this.messageNumber = messageNumber;
    this.limits = limits;
    this.ids = ids;
    this.entries = entries;
  }

  BankStatement map(List<Tag> messageTags) {
    this.tags = messageTags;
    String reference = joined(expect("20"));
    accept("21");
    Tag accountTag = expect("25", "25P");
    String statementNumber = joined(expect("28C"));
    Tag openingTag = expect("60F", "60M");
    Balance opening = balance(openingTag, openingTag.getName().equals("60F") ? "OPBD" : "ITBD");
    BankAccount account = account(firstLine(accountTag.getValue()), opening.currency());
    List<StatementLine> lines = new ArrayList<>();
    while (peek("61")) {
      Tag line = tags.get(index++);
      Tag information = accept("86");
      lines.add(line(line, information, account, opening.currency(), lines.size() + 1));
    }
    Tag closingTag = accept("62F", "62M");
    Balance closing = closingTag == null ? null
        : balance(closingTag, closingTag.getName().equals("62F") ? "CLBD" : "ITBD");
    List<Balance> others = new ArrayList<>();
    Tag available = accept("64");
    if (available != null) {
      others.add(balance(available, "CLAV"));
    }
    for (Tag forward = accept("65"); forward != null; forward = accept("65")) {
      others.add(balance(forward, "FWAV"));
    }
    Tag information = accept("86");
    if (index < tags.size()) {
      throw error("unexpected tag :" + Texts.clean(tags.get(index).getName()) + ":");
    }
    return new BankStatement(BankStatementFormat.MT940, reference, statementNumber,
        statementNumber.split("/", 2)[0], account, null, opening.date(), closing == null ? null : closing.date(),
        List.of(opening), closing == null ? List.of() : List.of(closing), others, lines, List.of(),
        information == null ? null : Texts.clean(joined(information)));
  }

  private boolean peek(String... names) {
    return index < tags.size() && Arrays.asList(names).contains(tags.get(index).getName());
  }

  private Tag accept(String... names) {
    return peek(names) ? tags.get(index++) : null;
  }

  private Tag expect(String... names) {
    Tag tag = accept(names);
    if (tag == null) {
      String found = index < tags.size() ? "tag :" + Texts.clean(tags.get(index).getName()) + ":" : "end of message";
      throw error("missing mandatory tag :" + String.join(": or :", names) + ": (found " + found + ")");
    }
    return tag;
  }

  private BankStatementException error(String message) {
    return BankStatementException.malformed("MT940 message " + messageNumber + ": " + message);
  }

  private Balance balance(Tag tag, String type) {
    String where = ":" + tag.getName() + ":";
    Field field = prowide(() -> Field.getField(tag.getName(), tag.getValue().strip()), where);
    String mark = field == null ? null : field.getComponent(1);
    if (!"C".equals(mark) && !"D".equals(mark)) {
      throw error(where + " debit/credit mark " + Texts.excerpt(mark) + " (expected: C or D)");
    }
    String currency = currency(field.getComponent(3), where);
    BigDecimal amount = amount(field.getComponent(4), currency, where);
    return new Balance(type, "D".equals(mark) ? amount.negate() : amount, currency,
        date(field.getComponent(2), where));
  }

  private BankAccount account(String value, String currency) {
    String text = Texts.clean(value);
    if (text == null) {
      throw error(":25: account identification is empty");
    }
    String bic = null;
    Matcher prefixed = BIC_PREFIXED.matcher(text);
    if (prefixed.matches()) {
      bic = prefixed.group(1);
      text = prefixed.group(2);
    }
    String number = text.split(" ")[0].toUpperCase(java.util.Locale.ROOT);
    if (!Iban.isValid(number) && number.endsWith(currency) && Iban.hasShape(number.substring(0, number.length() - 3))) {
      number = number.substring(0, number.length() - 3);
    }
    boolean iban = Iban.hasShape(number);
    return new BankAccount(iban ? number : null, iban ? null : number, currency, bic, null);
  }

  private StatementLine line(Tag tag, Tag informationTag, BankAccount account, String currency, int sequence) {
    if (++entries[0] > limits.maxEntries()) {
      throw BankStatementException.limit("more than " + limits.maxEntries() + " entries in one file");
    }
    String where = ":61: line " + sequence;
    Field61 field = prowide(() -> new Field61(tag.getValue()), where);
    String mark = field.getComponent(3);
    if (mark == null || !MARKS.contains(mark)) {
      throw error(where + " debit/credit mark " + Texts.excerpt(mark) + " (expected: C, D, RC or RD)");
    }
    LocalDate valueDate = date(field.getComponent(1), where);
    LocalDate bookingDate = entryDate(field.getComponent(2), valueDate, where);
    boolean credit = mark.endsWith("C") != mark.startsWith("R");
    BigDecimal amount = amount(field.getComponent(5), currency, where);
    BigDecimal signed = credit ? amount : amount.negate();
    String type = field.getComponent(6);
    String code = field.getComponent(7);
    if (type == null || !Set.of("N", "F", "S").contains(type) || code == null || code.length() != 3) {
      throw error(where + " transaction type " + Texts.excerpt(type == null ? null : type + code)
          + " (expected: N, F or S and three characters)");
    }
    String ownerReference = reference(field.getComponent(8));
    String bankReference = reference(field.getComponent(9));
    Mt940InformationField information = informationTag == null ? Mt940InformationField.EMPTY
        : Mt940InformationField.parse(informationTag.getValue());
    String supplementary = supplementary(tag.getValue());
    Counterparty counterparty = counterparty(information.counterparty(), ownerReference, supplementary);
    TransactionReferences references = new TransactionReferences(bankReference, null, information.endToEndId(),
        null, information.mandateId(), null, information.paymentInformationId(), ownerReference);
    String id = bankReference != null
        ? ids.byReference(account.identifier(), bookingDate, ImportIdAssigner.KIND_BANK_REF, bankReference, 0)
        : ids.byContent(account.identifier(), bookingDate, signed, currency, Arrays.asList(information.endToEndId(),
            null, information.mandateId(), null, information.paymentInformationId(), ownerReference,
            counterparty == null ? null : counterparty.iban() != null ? counterparty.iban() : counterparty.accountId()));
    return new StatementLine(id, sequence, sequence, 0, bookingDate, valueDate, signed, currency, null,
        credit ? CreditDebit.CREDIT : CreditDebit.DEBIT, mark.startsWith("R"), EntryStatus.BOOKED,
        new BankTransactionCode(null, null, null, type + code, "SWIFT"), references, counterparty,
        information.remittance() != null ? information.remittance() : informationTag == null ? supplementary : null,
        information.creditorReference(), information.returnReason(), supplementary, information.text());
  }

  /**
   * Completes the :86: counterparty from :61: where banks put it there: SNS writes the IBAN as owner
   * reference and the name as supplementary details, Rabobank the IBAN as supplementary details.
   */
  private static Counterparty counterparty(Counterparty fromInformation, String ownerReference, String supplementary) {
    String supplementaryAccount = supplementary == null ? null : supplementary.split(" ")[0];
    if (fromInformation != null) {
      if (fromInformation.iban() == null && fromInformation.accountId() == null && Iban.hasShape(supplementaryAccount)) {
        return new Counterparty(fromInformation.name(), supplementaryAccount, null, fromInformation.bic());
      }
      return fromInformation;
    }
    if (ownerReference != null && Iban.hasShape(ownerReference)) {
      return new Counterparty(supplementary, ownerReference, null, null);
    }
    return Iban.hasShape(supplementaryAccount) ? new Counterparty(null, supplementaryAccount, null, null) : null;
  }

  private static String reference(String value) {
    String cleaned = Texts.clean(value);
    return cleaned == null || cleaned.equals(NO_REFERENCE) ? null : cleaned;
  }

  /** The lines after the first one of :61: are the supplementary details. */
  private static String supplementary(String value) {
    int newline = value.indexOf('\n');
    return newline < 0 ? null : Texts.clean(value.substring(newline + 1).replace('\n', ' '));
  }

  private String currency(String code, String where) {
    try {
      return MonetaryAmounts.currency(code);
    } catch (BankStatementException e) {
      throw error(where + " " + e.getMessage());
    }
  }

  private BigDecimal amount(String text, String currency, String where) {
    try {
      return MonetaryAmounts.swift(text == null ? null : text.strip(), currency);
    } catch (BankStatementException e) {
      throw error(where + " " + e.getMessage());
    }
  }

  private LocalDate date(String yymmdd, String where) {
    if (yymmdd == null || !DATE.matcher(yymmdd).matches()) {
      throw error(where + " date " + Texts.excerpt(yymmdd) + " (expected: YYMMDD)");
    }
    int yy = Integer.parseInt(yymmdd.substring(0, 2));
    try {
      return LocalDate.of(yy < 80 ? 2000 + yy : 1900 + yy, Integer.parseInt(yymmdd.substring(2, 4)),
          Integer.parseInt(yymmdd.substring(4, 6)));
    } catch (DateTimeException e) {
      throw error(where + " date " + yymmdd + " is not a calendar date");
    }
  }

  private LocalDate entryDate(String mmdd, LocalDate valueDate, String where) {
    if (mmdd == null) {
      return valueDate;
    }
    if (!ENTRY_DATE.matcher(mmdd).matches()) {
      throw error(where + " entry date " + Texts.excerpt(mmdd) + " (expected: MMDD)");
    }
    int month = Integer.parseInt(mmdd.substring(0, 2));
    int year = valueDate.getYear();
    if (month - valueDate.getMonthValue() > 6) {
      year--;
    } else if (valueDate.getMonthValue() - month > 6) {
      year++;
    }
    try {
      return LocalDate.of(year, month, Integer.parseInt(mmdd.substring(2, 4)));
    } catch (DateTimeException e) {
      throw error(where + " entry date " + mmdd + " is not a calendar date");
    }
  }

  /** Prowide is lenient and rarely throws; whatever it throws means the field is not valid MT. */
  private <T> T prowide(java.util.function.Supplier<T> parse, String where) {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      throw error(where + " cannot be parsed");
    }
  }

  private static String firstLine(String value) {
    int newline = value.indexOf('\n');
    return newline < 0 ? value : value.substring(0, newline);
  }

  /** SWIFT wraps at 65 characters mid-word; the parts belong together. */
  private static String joined(Tag tag) {
    return String.join("", tag.getValue().split("\n")).strip();
  }
}
