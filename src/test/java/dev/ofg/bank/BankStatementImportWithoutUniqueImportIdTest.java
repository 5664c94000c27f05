package dev.ofg.bank;

import static dev.ofg.bank.BankImportTestSupport.camt053;
import static dev.ofg.bank.BankImportTestSupport.chained;
import static dev.ofg.bank.BankImportTestSupport.dutchIban;
import static dev.ofg.bank.BankImportTestSupport.lineResults;
import static dev.ofg.bank.BankImportTestSupport.outcomes;
import static dev.ofg.bank.BankImportTestSupport.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Imports into an Odoo without the statement-import module, where {@code account.bank.statement.line} has no
 * {@code unique_import_id}: only the gateway's own record keeps a re-import from doubling lines. Missing balances
 * are allowed in this configuration, so the SNS sample (whose last statement has no closing balance) imports.
 */
@ExtendWith(VertxExtension.class)
class BankStatementImportWithoutUniqueImportIdTest {
  private static GatewayTestKit kit;
  private static BankImportTestSupport support;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    BankImportTestSupport.start(vertx, GatewayTestKit.Options.defaults()
            .withSandbox(options -> options.withStatementImportModule(false)), "allowMissingBalances: true",
            "createBatchSize: 4")
        .onComplete(test.succeeding(started -> {
          support = started;
          kit = started.kit();
          test.completeNow();
        }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  @Test
  void reimportCreatesNothingNewThanksToTheGatewaysOwnRecord(VertxTestContext test) {
    String iban = dutchIban(2001);
    byte[] file = camt053(chained(iban, "NU", 9, 3));
    support.createJournal(uniqueCode("NU"), iban, "EUR")
        .compose(journal -> support.post(file, "application/xml", null)
            .compose(first -> support.post(file, "application/xml", null).map(second -> List.of(first, second)))
            .map(responses -> Map.entry(journal, responses)))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          JsonObject first = result.getValue().get(0).bodyAsJsonObject();
          JsonObject second = result.getValue().get(1).bodyAsJsonObject();
          assertThat(result.getValue().get(0).statusCode()).as(first.encode()).isEqualTo(200);
          assertThat(outcomes(first)).hasSize(12).containsOnly("created");
          assertThat(outcomes(second)).hasSize(12).containsOnly("already_imported");
          assertThat(support.countIn(result.getKey())).isEqualTo(12);
          assertThat(support.linesIn(result.getKey())).allSatisfy(line ->
              assertThat(line.containsKey("unique_import_id")).isFalse());
          test.completeNow();
        })));
  }

  @Test
  void aTakeoverAfterACrashFindsIdenticalLinesByContentAndKeepsThemTwo(VertxTestContext test) {
    String iban = dutchIban(2002);
    // Two lines identical in everything Odoo stores (date, amount, label): they must stay two records.
    StatementFileWriter.Line twin = new StatementFileWriter.Line(LocalDate.of(2024, 5, 2), new BigDecimal("-2.50"),
        null, "Bank", dutchIban(777), "Fee", false);
    StatementFileWriter.Line other = new StatementFileWriter.Line(LocalDate.of(2024, 5, 2), new BigDecimal("10.00"),
        null, "Customer", dutchIban(778), "Invoice 1", false);
    byte[] file = StatementFileWriter.camt053(List.of(new StatementFileWriter.Statement(iban, "EUR", "TW-1",
        new BigDecimal("100.00"), LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 2), List.of(twin, other, twin))),
        "001.02").getBytes(StandardCharsets.UTF_8);
    support.createJournal(uniqueCode("TW"), iban, "EUR")
        .compose(journal -> support.post(file, "application/xml", null).compose(first -> {
          String ref = first.bodyAsJsonObject().getJsonArray("statements").getJsonObject(0).getString("statementRef");
          return kit.gateway().database().pool().preparedQuery("UPDATE bank_import_lines SET status = 'pending', "
                  + "odoo_id = NULL, claimed_at = now() - interval '1 hour' WHERE statement_ref = $1")
              .execute(Tuple.of(ref))
              .compose(rows -> support.post(file, "application/xml", null))
              .map(second -> List.of(first, second));
        }).map(responses -> Map.entry(journal, responses)))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          JsonObject first = result.getValue().get(0).bodyAsJsonObject();
          JsonObject second = result.getValue().get(1).bodyAsJsonObject();
          assertThat(outcomes(first)).containsExactly("created", "created", "created");
          assertThat(outcomes(second)).containsExactly("already_imported", "already_imported", "already_imported");
          assertThat(lineResults(second)).extracting(line -> line.getLong("odooId")).containsExactlyElementsOf(
              lineResults(first).stream().map(line -> line.getLong("odooId")).toList());
          assertThat(support.countIn(result.getKey())).isEqualTo(3);
          test.completeNow();
        })));
  }

  @Test
  void theSnsSampleImportsWithItsLastStatementUnverifiedWhenMissingBalancesAreAllowed(VertxTestContext test) {
    support.importInto(uniqueCode("SN"), "NL05SNSB0908244436", "EUR", StatementFiles.load("mt940-sns-oca.940"),
            "text/plain", null)
        .onComplete(test.succeeding(result -> test.verify(() -> {
          JsonObject answer = result.answer();
          assertThat(result.response().statusCode()).as(answer.encode()).isEqualTo(200);
          assertThat(answer.getJsonArray("statements")).extracting(s -> ((JsonObject) s).getString("balanceCheck"))
              .containsExactly("verified", "verified", "unverified");
          assertThat(outcomes(answer)).hasSize(8).containsOnly("created");
          assertThat(support.linesIn(result.journal())).extracting(BankImportTestSupport::amountOf)
              .containsExactly(new BigDecimal("-713.13"), new BigDecimal("-10.18"),
              new BigDecimal("-13.52"), new BigDecimal("-25.61"), new BigDecimal("-10.95"), new BigDecimal("0.00"),
              new BigDecimal("-907.29"), new BigDecimal("-35.00"));
          test.completeNow();
        })));
  }

  @Test
  void refusesAStatementNoJournalMatchesWhenNoDefaultIsConfigured(VertxTestContext test) {
    String iban = dutchIban(2003);
    support.post(camt053(chained(iban, "NJ", 2)), "application/xml", null)
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(422);
          JsonObject problem = response.bodyAsJsonObject();
          assertThat(problem.getString("code")).isEqualTo("UNPROCESSABLE");
          assertThat(problem.getString("detail")).contains(AccountNumberMask.mask(iban)).doesNotContain(iban);
          test.completeNow();
        })));
  }
}
