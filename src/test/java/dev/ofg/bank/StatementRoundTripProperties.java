package dev.ofg.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Writes random statements with {@link StatementFileWriter} and proves the parsers read back
 * exactly what was written, with verified balances and unique ids.
 */
class StatementRoundTripProperties {

  private static final LocalDate START = LocalDate.of(2023, 12, 20);

  @Provide
  Arbitrary<List<StatementFileWriter.Statement>> statements() {
    return statement().list().ofMinSize(1).ofMaxSize(3);
  }

  private Arbitrary<StatementFileWriter.Statement> statement() {
    Arbitrary<BigDecimal> opening = Arbitraries.bigDecimals().between(new BigDecimal("-99999.99"),
        new BigDecimal("99999.99")).ofScale(2);
    return Combinators.combine(opening, Arbitraries.integers().between(0, 20), line().list().ofMaxSize(12),
        Arbitraries.of("NL91ABNA0417164300", "DE89370400440532013000"))
        .as((open, day, lines, iban) -> new StatementFileWriter.Statement(iban, "EUR",
            String.valueOf(100 + day), open, START.plusDays(day), START.plusDays(day), lines));
  }

  private Arbitrary<StatementFileWriter.Line> line() {
    Arbitrary<BigDecimal> amount = Arbitraries.bigDecimals().between(new BigDecimal("-5000.00"),
        new BigDecimal("5000.00")).ofScale(2);
    Arbitrary<String> reference = Arbitraries.strings().withCharRange('A', 'Z').numeric().ofMinLength(4)
        .ofMaxLength(16).injectNull(0.4);
    Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)
        .list().ofMinSize(1).ofMaxSize(3).map(words -> String.join(" ", words));
    Arbitrary<String> remittance = Arbitraries.strings().withCharRange('A', 'Z').numeric().ofMinLength(1)
        .ofMaxLength(10).list().ofMinSize(1).ofMaxSize(5).map(words -> String.join(" ", words));
    return Combinators.combine(Arbitraries.integers().between(0, 25), amount, reference, name, remittance,
        Arbitraries.of(true, false))
        .as((day, value, ref, who, text, reversal) -> new StatementFileWriter.Line(START.plusDays(day), value, ref,
            who, "NL02ABNA0123456789", text, reversal));
  }

  @Property(tries = 150)
  void camt053RoundTrips(@ForAll("statements") List<StatementFileWriter.Statement> written,
      @ForAll("versions") String version) {
    byte[] file = StatementFileWriter.camt053(written, version).getBytes(StandardCharsets.UTF_8);

    List<BankStatement> read = new CamtParser().parse(file);

    assertSameContent(written, read);
  }

  @Provide
  Arbitrary<String> versions() {
    return Arbitraries.of("001.02", "001.04", "001.08", "001.13");
  }

  @Property(tries = 150)
  void mt940RoundTrips(@ForAll("statements") List<StatementFileWriter.Statement> written,
      @ForAll boolean envelope) {
    byte[] file = StatementFileWriter.mt940(written, envelope).getBytes(StandardCharsets.ISO_8859_1);

    List<BankStatement> read = new Mt940Parser().parse(file);

    assertSameContent(written, read);
  }

  private static void assertSameContent(List<StatementFileWriter.Statement> written, List<BankStatement> read) {
    assertThat(read).hasSameSizeAs(written);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      StatementFileWriter.Statement expected = written.get(i);
      BankStatement actual = read.get(i);
      assertThat(actual.account().iban()).isEqualTo(expected.iban());
      assertThat(actual.openingBalance().orElseThrow().amount()).isEqualByComparingTo(expected.opening());
      assertThat(actual.closingBalance().orElseThrow().amount()).isEqualByComparingTo(expected.closing());
      assertThat(BalanceCheck.verify(actual)).isEqualTo(BalanceCheck.Result.VERIFIED);
      assertThat(actual.lines()).hasSameSizeAs(expected.lines());
      for (int j = 0; j < expected.lines().size(); j++) {
        StatementFileWriter.Line line = expected.lines().get(j);
        StatementLine parsed = actual.lines().get(j);
        assertThat(parsed.amount()).isEqualTo(line.amount());
        assertThat(parsed.bookingDate()).isEqualTo(line.bookingDate());
        assertThat(parsed.reversal()).isEqualTo(line.reversal());
        assertThat(parsed.counterparty().name()).isEqualTo(line.counterpartyName());
        assertThat(parsed.counterparty().iban()).isEqualTo(line.counterpartyIban());
        assertThat(parsed.remittanceInformation()).isEqualTo(line.remittance());
        if (line.reference() != null) {
          assertThat(parsed.importId()).startsWith(expected.iban() + ":" + line.bookingDate() + ":")
              .contains(":" + line.reference());
        }
        ids.add(parsed.importId());
      }
    }
    assertThat(ids).doesNotHaveDuplicates();
  }
}
