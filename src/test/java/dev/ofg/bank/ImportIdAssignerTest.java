package dev.ofg.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Proves that import ids are deterministic, unique within a file and stable where promised. */
class ImportIdAssignerTest {

  private static final LocalDate DAY = LocalDate.of(2024, 3, 1);

  private static List<StatementLine> allLines(List<BankStatement> statements) {
    List<StatementLine> lines = new ArrayList<>();
    statements.forEach(s -> lines.addAll(s.lines()));
    return lines;
  }

  @Test
  void givesTheSameIdsWhenTheSameFileIsParsedAgain() {
    for (String name : List.of("camt053-oca.xml", "camt053-txdtls-oca.xml", "mt940-ing-oca.940",
        "mt940-sns-oca.940", "mt940-rabo-oca.swi", "genkgo-camt054-v08.xml")) {
      byte[] file = StatementFiles.load(name);
      BankStatementParser parser = BankStatementFormat.detect(file).orElseThrow() == BankStatementFormat.MT940
          ? new Mt940Parser() : new CamtParser();
      List<String> first = allLines(parser.parse(file)).stream().map(StatementLine::importId).toList();
      List<String> second = allLines(parser.parse(file.clone())).stream().map(StatementLine::importId).toList();

      assertThat(second).as(name).isEqualTo(first).doesNotHaveDuplicates();
    }
  }

  @Test
  void prefixesIdsWithTheAccountSoTwoAccountsNeverCollide() {
    ImportIdAssigner assigner = new ImportIdAssigner();
    String a = assigner.byReference("NL91ABNA0417164300", DAY, ImportIdAssigner.KIND_BANK_REF, "R1", 0);
    String b = assigner.byReference("DE89370400440532013000", DAY, ImportIdAssigner.KIND_BANK_REF, "R1", 0);

    assertThat(a).isEqualTo("NL91ABNA0417164300:2024-03-01:BREF:R1");
    assertThat(b).isEqualTo("DE89370400440532013000:2024-03-01:BREF:R1");
  }

  @Test
  void numbersIdenticalLinesWithoutReferenceInFileOrder() {
    ImportIdAssigner assigner = new ImportIdAssigner();
    List<String> refs = Collections.nCopies(7, null);
    String first = assigner.byContent("ACC", DAY, new BigDecimal("10.00"), "EUR", refs);
    String second = assigner.byContent("ACC", DAY, new BigDecimal("10.00"), "EUR", refs);
    String other = assigner.byContent("ACC", DAY, new BigDecimal("10.01"), "EUR", refs);

    assertThat(List.of(first, second, other)).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("ACC:2024-03-01:H:[0-9a-f]{32}"));
    ImportIdAssigner again = new ImportIdAssigner();
    assertThat(again.byContent("ACC", DAY, new BigDecimal("10.00"), "EUR", refs)).isEqualTo(first);
    assertThat(again.byContent("ACC", DAY, new BigDecimal("10.00"), "EUR", refs)).isEqualTo(second);
  }

  @Test
  void suffixesAReferenceTheBankReusesWithinAFile() {
    ImportIdAssigner assigner = new ImportIdAssigner();

    assertThat(List.of(
        assigner.byReference("ACC", DAY, ImportIdAssigner.KIND_BANK_REF, "SAME", 0),
        assigner.byReference("ACC", DAY, ImportIdAssigner.KIND_BANK_REF, "SAME", 0),
        assigner.byReference("ACC", DAY, ImportIdAssigner.KIND_BANK_REF, "SAME:2", 0)))
        .containsExactly("ACC:2024-03-01:BREF:SAME", "ACC:2024-03-01:BREF:SAME:2", "ACC:2024-03-01:BREF:SAME:2:2");
  }

  @Test
  void reorderingAndDroppingOtherLinesKeepsTheIdsOfHashedLines() {
    String lines = ":61:2403010301D5,00NTRFNONREF\n:86:coffee\n"
        + ":61:2403020302C7,00NTRFNONREF\n:86:refund\n"
        + ":61:2403010301D5,00NTRFNONREF\n:86:coffee again\n";
    String reordered = ":61:2403020302C7,00NTRFNONREF\n:86:refund\n"
        + ":61:2403010301D5,00NTRFNONREF\n:86:coffee\n"
        + ":61:2403010301D5,00NTRFNONREF\n:86:coffee again\n";
    Map<String, String> before = idsByRemittance(lines);
    Map<String, String> after = idsByRemittance(reordered);

    assertThat(after).isEqualTo(before);
    assertThat(idsByRemittance(":61:2403010301D5,00NTRFNONREF\n:86:coffee\n").get("coffee"))
        .isEqualTo(before.get("coffee"));
  }

  private static Map<String, String> idsByRemittance(String lines) {
    String file = ":20:R\n:25:NL91ABNA0417164300\n:28C:1\n:60F:C240301EUR100,00\n" + lines;
    return new Mt940Parser().parse(file.getBytes(StandardCharsets.US_ASCII)).get(0).lines().stream()
        .collect(Collectors.toMap(StatementLine::remittanceInformation, StatementLine::importId));
  }

  @Test
  void keepsBookedIdsIndependentOfPendingEntries() {
    String booked = "<Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
        + "<BookgDt><Dt>2024-03-01</Dt></BookgDt></Ntry>";
    Function<String, String> doc = entries -> "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">"
        + "<BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr><Stmt><Id>S</Id><Acct><Id><IBAN>NL91ABNA0417164300"
        + "</IBAN></Id></Acct>" + entries + "</Stmt></BkToCstmrStmt></Document>";
    String withPending = doc.apply(booked.replace("BOOK", "PDNG") + booked);
    String withoutPending = doc.apply(booked);

    String idWith = new CamtParser().parse(withPending.getBytes(StandardCharsets.UTF_8)).get(0).lines().get(0).importId();
    String idWithout = new CamtParser().parse(withoutPending.getBytes(StandardCharsets.UTF_8)).get(0).lines().get(0)
        .importId();
    assertThat(idWith).isEqualTo(idWithout);
  }
}
