package dev.ofg.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Proves that hostile or broken camt input is refused with a clear code, fast, and never expanded. */
@Timeout(10)
class CamtHostileInputTest {

  private static final String NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02";

  private final CamtParser parser = new CamtParser();

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertCode(ThrowingCallable call, BankStatementException.Code code, String messagePart) {
    assertThatThrownBy(call).isInstanceOfSatisfying(BankStatementException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getStackTrace()).isEmpty();
    }).hasMessageContaining(messagePart);
  }

  @Test
  void rejectsBillionLaughsWithoutExpandingIt() {
    StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]><Document xmlns=\"").append(NS).append("\"><BkToCstmrStmt><GrpHdr><MsgId>&lol9;</MsgId>")
        .append("</GrpHdr></BkToCstmrStmt></Document>");
    long started = System.nanoTime();

    assertCode(() -> parser.parse(utf8(dtd.toString())), BankStatementException.Code.MALFORMED_STATEMENT, "DOCTYPE");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void rejectsExternalEntityWithoutReadingTheFile() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        + "<Document xmlns=\"" + NS + "\"><BkToCstmrStmt><GrpHdr><MsgId>&xxe;</MsgId></GrpHdr>"
        + "</BkToCstmrStmt></Document>";

    assertThatThrownBy(() -> parser.parse(utf8(xxe))).isInstanceOf(BankStatementException.class)
        .hasMessageNotContaining("root:");
    assertCode(() -> parser.parse(utf8(xxe)), BankStatementException.Code.MALFORMED_STATEMENT, "DOCTYPE");
  }

  @Test
  void rejectsAnyDoctypeEvenWithoutEntities() {
    String doctype = "<!DOCTYPE Document SYSTEM \"http://127.0.0.1:1/camt.dtd\"><Document xmlns=\"" + NS + "\"/>";

    assertCode(() -> parser.parse(utf8(doctype)), BankStatementException.Code.MALFORMED_STATEMENT, "DOCTYPE");
  }

  @Test
  void rejectsUndeclaredEntityReference() {
    String entity = "<Document xmlns=\"" + NS + "\"><BkToCstmrStmt><GrpHdr><MsgId>&foo;</MsgId></GrpHdr>"
        + "</BkToCstmrStmt></Document>";

    assertCode(() -> parser.parse(utf8(entity)), BankStatementException.Code.MALFORMED_STATEMENT,
        "entity references are not allowed");
  }

  @Test
  void rejectsNestingDeeperThanTheLimit() {
    String deep = "<Document xmlns=\"" + NS + "\"><BkToCstmrStmt><Stmt>" + "<X>".repeat(100_000);

    assertCode(() -> parser.parse(utf8(deep)), BankStatementException.Code.LIMIT_EXCEEDED, "nesting deeper than 48");
  }

  @Test
  void rejectsATextNodeLongerThanTheLimit() {
    String huge = "<Document xmlns=\"" + NS + "\"><BkToCstmrStmt><GrpHdr><MsgId>" + "A".repeat(1_000_000)
        + "</MsgId></GrpHdr></BkToCstmrStmt></Document>";

    assertCode(() -> parser.parse(utf8(huge)), BankStatementException.Code.LIMIT_EXCEEDED, "longer than 8192");
  }

  @Test
  void rejectsHugeTextInsideASkippedElementToo() {
    String huge = "<Document xmlns=\"" + NS + "\"><BkToCstmrStmt><Unknown>" + "A".repeat(1_000_000)
        + "</Unknown></BkToCstmrStmt></Document>";

    assertCode(() -> parser.parse(utf8(huge)), BankStatementException.Code.LIMIT_EXCEEDED, "longer than");
  }

  @Test
  void rejectsFilesLargerThanTheByteLimit() {
    CamtParser small = new CamtParser(new BankStatementLimits(1024, 10, 48, 8192));

    assertCode(() -> small.parse(new byte[1025]), BankStatementException.Code.LIMIT_EXCEEDED, "exceeds 1024 bytes");
  }

  @Test
  void rejectsMoreEntriesThanTheLimit() {
    CamtParser limited = new CamtParser(new BankStatementLimits(1 << 20, 2, 48, 8192));
    byte[] file = StatementFiles.load("camt053-oca.xml");

    assertCode(() -> limited.parse(file), BankStatementException.Code.LIMIT_EXCEEDED, "more than 2 entries");
  }

  @Test
  void rejectsTruncatedDocuments() {
    byte[] file = StatementFiles.load("camt053-txdtls-oca.xml");
    for (int length : new int[] {0, 10, 100, file.length / 2, file.length - 12}) {
      byte[] truncated = java.util.Arrays.copyOf(file, length);
      assertThatThrownBy(() -> parser.parse(truncated)).isInstanceOfSatisfying(BankStatementException.class,
          e -> assertThat(e.code()).isEqualTo(BankStatementException.Code.MALFORMED_STATEMENT));
    }
  }

  @Test
  void rejectsAnotherIsoMessageAsUnsupported() {
    String pain = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"><CstmrCdtTrfInitn/></Document>";

    assertCode(() -> parser.parse(utf8(pain)), BankStatementException.Code.UNSUPPORTED_FORMAT, "pain.001");
  }

  @Test
  void rejectsCamtVersionsOutsideTheSupportedRange() {
    for (String version : new String[] {"001.01", "001.14", "002.02"}) {
      String doc = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053." + version + "\"/>";
      assertCode(() -> parser.parse(utf8(doc)), BankStatementException.Code.UNSUPPORTED_FORMAT, version);
    }
  }

  @Test
  void rejectsCamt052() {
    String doc = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.08\"><BkToCstmrAcctRpt/></Document>";

    assertCode(() -> parser.parse(utf8(doc)), BankStatementException.Code.UNSUPPORTED_FORMAT, "camt.052");
  }

  @Test
  void rejectsDocumentWithoutNamespace() {
    assertCode(() -> parser.parse(utf8("<Document><BkToCstmrStmt/></Document>")),
        BankStatementException.Code.UNSUPPORTED_FORMAT, "namespace");
  }

  @Test
  void rejectsNonXmlJunk() {
    assertCode(() -> parser.parse(utf8("%PDF-1.4 binary junk")), BankStatementException.Code.MALFORMED_STATEMENT,
        "not well-formed XML");
    assertCode(() -> parser.parse(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, 1, 2}),
        BankStatementException.Code.MALFORMED_STATEMENT, "XML");
  }

  @Test
  void rejectsTrailingContentAfterTheRootElement() {
    String doc = new String(StatementFiles.load("camt054-oca.xml"), StandardCharsets.UTF_8) + "<Document/>";

    assertCode(() -> parser.parse(utf8(doc)), BankStatementException.Code.MALFORMED_STATEMENT, "not well-formed");
  }

  @Test
  void rejectsADeclaredFormatThatDiffersFromTheContent() {
    assertCode(() -> parser.parse(StatementFiles.load("camt054-oca.xml"), BankStatementFormat.CAMT_053),
        BankStatementException.Code.UNSUPPORTED_FORMAT, "declared camt.053 but the file is camt.054");
  }

  @Test
  void masksIbansQuotedInErrorMessages() {
    String doc = "<Document xmlns=\"" + NS + "\"><BkToCstmrStmt><GrpHdr><MsgId>1</MsgId></GrpHdr><Stmt>"
        + "<Id>S</Id><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></Acct><Bal><Tp><CdOrPrtry><Cd>OPBD</Cd>"
        + "</CdOrPrtry></Tp><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>NL91ABNA0417164300</CdtDbtInd></Bal>"
        + "</Stmt></BkToCstmrStmt></Document>";

    assertThatThrownBy(() -> parser.parse(utf8(doc))).isInstanceOf(BankStatementException.class)
        .hasMessageContaining("NL91************00").hasMessageNotContaining("NL91ABNA0417164300");
  }
}
