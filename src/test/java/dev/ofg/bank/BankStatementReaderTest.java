package dev.ofg.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Covers format sniffing, the reader facade and masking in toString and messages. */
class BankStatementReaderTest {

  private final BankStatementReader reader = new BankStatementReader();

  @Test
  void detectsEveryFixtureFormat() {
    assertThat(BankStatementFormat.detect(StatementFiles.load("camt053-oca.xml"))).contains(BankStatementFormat.CAMT_053);
    assertThat(BankStatementFormat.detect(StatementFiles.load("camt054-oca.xml"))).contains(BankStatementFormat.CAMT_054);
    assertThat(BankStatementFormat.detect(StatementFiles.load("mt940-ing-oca.940"))).contains(BankStatementFormat.MT940);
    assertThat(BankStatementFormat.detect(StatementFiles.load("mt940-sns-oca.940"))).contains(BankStatementFormat.MT940);
    assertThat(BankStatementFormat.detect(StatementFiles.load("mt940-rabo-oca.swi"))).contains(BankStatementFormat.MT940);
  }

  @Test
  void detectsNothingInJunkOrOtherMessages() {
    assertThat(BankStatementFormat.detect(new byte[0])).isEmpty();
    assertThat(BankStatementFormat.detect("%PDF-1.7".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(BankStatementFormat.detect("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.08\"/>"
        .getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(BankStatementFormat.detect("{1:F01X}{2:I103BANKXXXXN}{4:\n:20:X\n-}".getBytes(StandardCharsets.US_ASCII)))
        .isEmpty();
  }

  @Test
  void detectsCamtBehindAByteOrderMarkAndUtf16() {
    byte[] camt = StatementFiles.load("camt054-oca.xml");
    byte[] withBom = new byte[camt.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(camt, 0, withBom, 3, camt.length);
    byte[] utf16 = new String(camt, StandardCharsets.UTF_8).replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
        .getBytes(StandardCharsets.UTF_16);

    assertThat(BankStatementFormat.detect(withBom)).contains(BankStatementFormat.CAMT_054);
    assertThat(reader.read(withBom)).hasSize(1);
    assertThat(BankStatementFormat.detect(utf16)).contains(BankStatementFormat.CAMT_054);
    assertThat(reader.read(utf16).get(0).lines().get(0).amount()).isEqualByComparingTo("5.00");
  }

  @Test
  void refusesADeclaredFormatThatDiffersFromTheContent() {
    assertThatThrownBy(() -> reader.read(StatementFiles.load("mt940-ing-oca.940"), BankStatementFormat.CAMT_053))
        .isInstanceOfSatisfying(BankStatementException.class,
            e -> assertThat(e.code()).isEqualTo(BankStatementException.Code.UNSUPPORTED_FORMAT))
        .hasMessage("declared camt.053 but the content is MT940");
  }

  @Test
  void readsFromAStreamWithinTheByteLimit() {
    InputStream in = new ByteArrayInputStream(StatementFiles.load("camt053-txdtls-oca.xml"));

    assertThat(reader.read(in, BankStatementFormat.CAMT_053).get(0).lines()).hasSize(2);
  }

  @Test
  void stopsReadingAStreamBeyondTheByteLimit() {
    BankStatementReader small = new BankStatementReader(
        new BankStatementReaderOptions(new BankStatementLimits(100, 10, 48, 8192), false));
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'A';
      }
    };

    assertThatThrownBy(() -> small.read(endless)).isInstanceOfSatisfying(BankStatementException.class,
        e -> assertThat(e.code()).isEqualTo(BankStatementException.Code.LIMIT_EXCEEDED));
  }

  @Test
  void masksAccountNumbersInToString() {
    BankStatement statement = reader.read(StatementFiles.load("camt053-txdtls-oca.xml")).get(0);

    assertThat(statement.toString()).contains("CH11***************89").doesNotContain("CH1111000000123456789");
    assertThat(statement.lines().get(0).toString()).doesNotContain("CH1111000000123456789")
        .doesNotContain("CH2222000000123456789").contains("CH22***************89");
    assertThat(AccountNumberMask.mask("NL91ABNA0417164300")).isEqualTo("NL91************00");
    assertThat(AccountNumberMask.mask("12345678")).isEqualTo("********");
  }

  @Test
  void validatesLimitsWithMessagesNamingValueAndExpectation() {
    assertThatThrownBy(() -> new BankStatementLimits(0, 1, 48, 8192)).hasMessage("maxBytes: 0 (expected: > 0)");
    assertThatThrownBy(() -> new BankStatementLimits(1, 0, 48, 8192)).hasMessage("maxEntries: 0 (expected: > 0)");
    assertThatThrownBy(() -> new BankStatementLimits(1, 1, 2, 8192)).hasMessage("maxElementDepth: 2 (expected: >= 8)");
    assertThatThrownBy(() -> new BankStatementLimits(1, 1, 48, 1)).hasMessage("maxTextLength: 1 (expected: >= 64)");
  }
}
