package dev.ofg.bank;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes camt.053 and MT940 files from a known specification, so tests can compare what the
 * parsers read against what was written (the writer shares no code with the parsers).
 */
final class StatementFileWriter {

  /** One line to write; {@code amount} is signed, {@code reference} may be null. */
  record Line(LocalDate bookingDate, BigDecimal amount, String reference, String counterpartyName,
      String counterpartyIban, String remittance, boolean reversal) {
  }

  /** One statement to write. */
  record Statement(String iban, String currency, String id, BigDecimal opening, LocalDate openingDate,
      LocalDate closingDate, List<Line> lines) {

    BigDecimal closing() {
      return lines.stream().map(Line::amount).reduce(opening, BigDecimal::add);
    }
  }

  private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
  private static final DateTimeFormatter MMDD = DateTimeFormatter.ofPattern("MMdd");

  private StatementFileWriter() {
  }

  /** Writes one camt.053 document in the given version, e.g. {@code 001.02} or {@code 001.08}. */
  static String camt053(List<Statement> statements, String version) {
    boolean v8 = version.compareTo("001.08") >= 0;
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.").append(version).append("\">\n")
        .append("<BkToCstmrStmt><GrpHdr><MsgId>GEN-1</MsgId><CreDtTm>2024-03-01T10:00:00</CreDtTm></GrpHdr>\n");
    for (Statement statement : statements) {
      xml.append("<Stmt><Id>").append(escape(statement.id())).append("</Id>")
          .append("<CreDtTm>2024-03-01T10:00:00+01:00</CreDtTm>")
          .append("<Acct><Id><IBAN>").append(statement.iban()).append("</IBAN></Id><Ccy>")
          .append(statement.currency()).append("</Ccy></Acct>\n");
      balance(xml, "OPBD", statement.opening(), statement.currency(), statement.openingDate());
      balance(xml, "CLBD", statement.closing(), statement.currency(), statement.closingDate());
      for (Line line : statement.lines()) {
        entry(xml, line, statement.currency(), v8);
      }
      xml.append("</Stmt>\n");
    }
    return xml.append("</BkToCstmrStmt></Document>\n").toString();
  }

  private static void balance(StringBuilder xml, String type, BigDecimal amount, String currency, LocalDate date) {
    xml.append("<Bal><Tp><CdOrPrtry><Cd>").append(type).append("</Cd></CdOrPrtry></Tp><Amt Ccy=\"")
        .append(currency).append("\">").append(amount.abs().toPlainString()).append("</Amt><CdtDbtInd>")
        .append(amount.signum() < 0 ? "DBIT" : "CRDT").append("</CdtDbtInd><Dt><Dt>").append(date)
        .append("</Dt></Dt></Bal>\n");
  }

  private static void entry(StringBuilder xml, Line line, String currency, boolean v8) {
    boolean debit = line.amount().signum() < 0;
    xml.append("<Ntry>");
    xml.append("<Amt Ccy=\"").append(currency).append("\">").append(line.amount().abs().toPlainString())
        .append("</Amt><CdtDbtInd>").append(debit ? "DBIT" : "CRDT").append("</CdtDbtInd>");
    if (line.reversal()) {
      xml.append("<RvslInd>true</RvslInd>");
    }
    xml.append(v8 ? "<Sts><Cd>BOOK</Cd></Sts>" : "<Sts>BOOK</Sts>");
    xml.append("<BookgDt><Dt>").append(line.bookingDate()).append("</Dt></BookgDt>");
    xml.append("<ValDt><Dt>").append(line.bookingDate()).append("</Dt></ValDt>");
    if (line.reference() != null) {
      xml.append("<AcctSvcrRef>").append(escape(line.reference())).append("</AcctSvcrRef>");
    }
    xml.append("<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>").append(debit ? "ICDT" : "RCDT")
        .append("</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>");
    String role = debit ? "Cdtr" : "Dbtr";
    xml.append("<NtryDtls><TxDtls><RltdPties><").append(role).append(">")
        .append(v8 ? "<Pty><Nm>" : "<Nm>").append(escape(line.counterpartyName()))
        .append(v8 ? "</Nm></Pty>" : "</Nm>").append("</").append(role).append("><").append(role)
        .append("Acct><Id><IBAN>").append(line.counterpartyIban()).append("</IBAN></Id></").append(role)
        .append("Acct></RltdPties><RmtInf><Ustrd>").append(escape(line.remittance()))
        .append("</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Writes MT940 messages, ING style :86:, wrapped at 65 characters; optionally in FIN envelopes. */
  static String mt940(List<Statement> statements, boolean envelope) {
    StringBuilder out = new StringBuilder();
    for (Statement statement : statements) {
      StringBuilder block = new StringBuilder();
      block.append(":20:GEN").append(statement.id()).append('\n')
          .append(":25:").append(statement.iban()).append(statement.currency()).append('\n')
          .append(":28C:").append(statement.id()).append("/1\n")
          .append(":60F:").append(swiftBalance(statement.opening(), statement.openingDate(), statement.currency()))
          .append('\n');
      for (Line line : statement.lines()) {
        block.append(":61:").append(line61(line)).append('\n');
        block.append(":86:").append(wrap("/EREF/NOTPROVIDED//CNTP/" + line.counterpartyIban() + "/INGBNL2A/"
            + line.counterpartyName() + "/AMSTERDAM///REMI/USTD//" + line.remittance() + "/")).append('\n');
      }
      block.append(":62F:").append(swiftBalance(statement.closing(), statement.closingDate(), statement.currency()));
      if (envelope) {
        out.append("{1:F01INGBNL2AAXXX0000000000}{2:O940INGBNL2AXXXXN}{3:}{4:\n").append(block).append("\n-}{5:}\n");
      } else {
        out.append(block).append("\n-\n");
      }
    }
    return out.toString();
  }

  private static String line61(Line line) {
    boolean credit = line.amount().signum() >= 0;
    String mark = line.reversal() ? (credit ? "RD" : "RC") : (credit ? "C" : "D");
    return YYMMDD.format(line.bookingDate()) + MMDD.format(line.bookingDate()) + mark
        + swiftAmount(line.amount().abs()) + "NTRF" + "EREF" + (line.reference() == null ? "" : "//" + line.reference());
  }

  private static String swiftBalance(BigDecimal amount, LocalDate date, String currency) {
    return (amount.signum() < 0 ? "D" : "C") + YYMMDD.format(date) + currency + swiftAmount(amount.abs());
  }

  private static String swiftAmount(BigDecimal amount) {
    return amount.toPlainString().replace('.', ',');
  }

  /** SWIFT text lines are at most 65 characters; banks cut them anywhere, even inside words. */
  private static String wrap(String text) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < text.length(); i += 65) {
      lines.add(text.substring(i, Math.min(text.length(), i + 65)));
    }
    return String.join("\n", lines);
  }
}
