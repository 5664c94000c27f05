package dev.ofg.delivery.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofg.bank.BalanceCheck;
import dev.ofg.bank.BankImportException;
import dev.ofg.bank.BankImportFailures;
import dev.ofg.bank.BankImportReport;
import dev.ofg.bank.BankStatement;
import dev.ofg.bank.BankStatementReader;
import dev.ofg.bank.LineOutcome;
import dev.ofg.bank.LineResult;
import dev.ofg.bank.OdooJournal;
import dev.ofg.bank.StatementImportResult;
import dev.ofg.bank.StatementLine;
import dev.ofg.config.WebhookConfig;
import dev.ofg.delivery.AttemptOutcome;
import dev.ofg.finance.FinanceEvent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Decides delivery outcomes from import reports and failures, with no Odoo, store or HTTP. */
class StatementOutcomesTest {
  private static final String IBAN = "NL93DEMO0123456789";
  /** A three-line MT940 statement whose balances add up: 100.00 + 10.00 + 20.00 - 5.00 = 125.00. */
  private static final String MT940 = String.join("\n",
      ":20:UNIT1", ":25:" + IBAN + "EUR", ":28C:1/1", ":60F:C261120EUR100,00",
      ":61:2611201120C10,00NTRFREF1", ":86:first", ":61:2611201120C20,00NTRFREF2", ":86:second",
      ":61:2611201120D5,00NTRFREF3", ":86:third", ":62F:C261120EUR125,00", "-", "");

  private static BankImportReport report(boolean complete, LineOutcome... outcomes) {
    BankStatement statement = new BankStatementReader().read(MT940.getBytes(StandardCharsets.US_ASCII)).get(0);
    List<LineResult> lines = new ArrayList<>();
    for (int i = 0; i < outcomes.length; i++) {
      StatementLine line = statement.lines().get(i);
      LineOutcome outcome = outcomes[i];
      boolean inOdoo = outcome == LineOutcome.CREATED || outcome == LineOutcome.ALREADY_IMPORTED;
      lines.add(new LineResult(line, outcome, inOdoo ? 40L + i : null, outcome == LineOutcome.REJECTED
          ? "Odoo ValidationError: the account " + IBAN + " is archived" : null));
    }
    StatementImportResult result = new StatementImportResult("stmt-unit", statement,
        new OdooJournal(9, "BNK1", "EUR", 1), BalanceCheck.Result.VERIFIED, lines);
    return new BankImportReport(statement.format(), List.of(result), complete);
  }

  @Test
  void aFileWhoseLinesAreAllInOdooIsDeliveredCountingWhatWasThereBefore() {
    AttemptOutcome fresh = StatementOutcomes.of(report(true, LineOutcome.CREATED, LineOutcome.CREATED,
        LineOutcome.CREATED));
    AttemptOutcome again = StatementOutcomes.of(report(true, LineOutcome.ALREADY_IMPORTED,
        LineOutcome.ALREADY_IMPORTED, LineOutcome.ALREADY_IMPORTED));

    assertThat(fresh).isEqualTo(new AttemptOutcome.Delivered(null, "MT940 file imported into Odoo: 3 lines: 3 created"));
    assertThat(again.kind()).isEqualTo(AttemptOutcome.Kind.DELIVERED);
    assertThat(again.detail()).endsWith("3 lines: 0 created, 3 already imported");
  }

  @Test
  void linesAnotherImportHoldsAreATechnicalFailureSoTheNextAttemptLearnsTheirOutcome() {
    AttemptOutcome outcome = StatementOutcomes.of(report(true, LineOutcome.ALREADY_IMPORTED,
        LineOutcome.IN_PROGRESS, LineOutcome.REJECTED));

    assertThat(outcome.kind()).isEqualTo(AttemptOutcome.Kind.TECHNICAL);
    assertThat(outcome.detail()).startsWith("1 of 3 lines are being imported by another attempt right now")
        .contains("0 created, 1 already imported, 1 rejected, 1 in progress");
  }

  @Test
  void aFinishedReportWithUnconfirmedLinesIsNotDelivered() {
    AttemptOutcome incomplete = StatementOutcomes.of(report(false, LineOutcome.CREATED, LineOutcome.CREATED));
    AttemptOutcome unconfirmed = StatementOutcomes.of(report(true, LineOutcome.CREATED, LineOutcome.NOT_PROCESSED));

    assertThat(incomplete.kind()).isEqualTo(AttemptOutcome.Kind.TECHNICAL);
    assertThat(incomplete.detail()).startsWith("import incomplete: 0 of 2 lines not confirmed");
    assertThat(unconfirmed.kind()).isEqualTo(AttemptOutcome.Kind.TECHNICAL);
    assertThat(unconfirmed.detail()).startsWith("import incomplete: 1 of 2 lines not confirmed")
        .contains("1 created, 1 not processed");
  }

  @Test
  void linesOdooRefusesAreABusinessFailureNamingTheFirstReason() {
    AttemptOutcome outcome = StatementOutcomes.of(report(true, LineOutcome.CREATED, LineOutcome.REJECTED,
        LineOutcome.CREATED));

    assertThat(outcome.kind()).isEqualTo(AttemptOutcome.Kind.BUSINESS);
    assertThat(outcome.detail()).startsWith("Odoo refused 1 of 3 lines (line 2 of stmt-unit: Odoo ValidationError")
        .contains("3 lines: 2 created, 1 rejected").endsWith("replay after fixing the cause in Odoo");
  }

  @Test
  void anInterruptedImportIsATechnicalFailureWithWhatIsAlreadyInOdoo() {
    BankImportException stopped = BankImportFailures.interrupted("the import stopped",
        report(false, LineOutcome.CREATED, LineOutcome.NOT_PROCESSED, LineOutcome.NOT_PROCESSED),
        new IllegalStateException("connection closed"));

    AttemptOutcome outcome = StatementOutcomes.classify(stopped);

    assertThat(outcome).isInstanceOf(AttemptOutcome.Technical.class);
    assertThat(outcome.status()).isEqualTo(503);
    assertThat(((AttemptOutcome.Technical) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(outcome.detail()).isEqualTo("import interrupted by STORE_UNAVAILABLE (connection closed): 3 lines: "
        + "1 created, 2 not processed; the next attempt completes it without duplicates");
  }

  @Test
  void aRefusedFileIsABusinessFailureWhoseReasonQuotesNothingOfTheFile() {
    AttemptOutcome garbage = StatementOutcomes.classify(BankImportFailures.refused(
        BankImportException.Reason.MALFORMED_STATEMENT,
        "MT940 file must start with :20: (found 'Dear customer, your salary of 5000 EUR')"));
    AttemptOutcome noJournal = StatementOutcomes.classify(BankImportFailures.refused(
        BankImportException.Reason.NO_JOURNAL, "journal 'STM9' is not a bank journal in Odoo that this client may use"));
    AttemptOutcome accessDenied = StatementOutcomes.classify(BankImportFailures.refused(
        BankImportException.Reason.ODOO_REFUSED, "Odoo refused the gateway's request"));

    assertThat(garbage).isEqualTo(new AttemptOutcome.Business(400,
        "statement file refused (malformed_statement): MT940 file must start with :20: (found '...')"));
    assertThat(noJournal.detail()).isEqualTo("statement file refused (no_journal): journal 'STM9' is not a bank "
        + "journal in Odoo that this client may use");
    assertThat(accessDenied.kind()).as("an operator must act: retrying the same file cannot help")
        .isEqualTo(AttemptOutcome.Kind.BUSINESS);
  }

  @Test
  void otherFailuresAreClassifiedLikeEveryOdooTargets() {
    assertThat(StatementOutcomes.classify(new IllegalStateException("pool closed")).kind())
        .isEqualTo(AttemptOutcome.Kind.TECHNICAL);
  }

  private static FinanceEvent event(String type, String payloadRef, JsonObject data) {
    return new FinanceEvent(UUID.randomUUID(), type, 1, "statement-file", "ab12", "bank-statements", "ab12",
        "corr-1", Instant.now(), data, payloadRef);
  }

  @Test
  void readsWhereTheFileOfAnEventIs() {
    StatementFile file = StatementFile.of(event(WebhookConfig.StatementImport.EVENT_TYPE, "inbox:42",
        new JsonObject().put("journal", "BNK1").put("bytes", 1234)));
    StatementFile matched = StatementFile.of(event(WebhookConfig.StatementImport.EVENT_TYPE, "inbox:7",
        new JsonObject().putNull("journal")));

    assertThat(file).isEqualTo(new StatementFile(42, "bank-statements", "BNK1"));
    assertThat(file.payloadRef()).isEqualTo("inbox:42");
    assertThat(matched.journal()).isNull();
  }

  @Test
  void refusesAnEventThatIsNotAStatementFileInTheInbox() {
    String type = WebhookConfig.StatementImport.EVENT_TYPE;
    assertThatThrownBy(() -> StatementFile.of(event("bank.statement.line.imported", "inbox:1", new JsonObject())))
        .hasMessage("type: bank.statement.line.imported (expected: bank.statement.file.received)");
    assertThatThrownBy(() -> StatementFile.of(event(type, null, new JsonObject())))
        .hasMessage("payloadRef: null (expected: inbox:<id> of the stored file)");
    assertThatThrownBy(() -> StatementFile.of(event(type, "inbox:x", new JsonObject())))
        .hasMessage("payloadRef: inbox:x (expected: inbox:<id> of the stored file)");
    assertThatThrownBy(() -> StatementFile.of(event(type, "inbox:3", new JsonObject().put("journal", 5))))
        .hasMessage("data.journal: 5 (expected: an Odoo journal code or null)");
  }
}
