package dev.ofg.bank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class BankImportExceptionTest {

  private static GatewayException problemFor(BankStatementException.Code code) {
    return BankImportException.of(new BankStatementException(code, "statement 1 of NL91ABNA0417164300")).toProblem();
  }

  @Test
  void mapsEveryBadFileToItsClientProblemWithTheAccountMasked() {
    assertThat(problemFor(BankStatementException.Code.MALFORMED_STATEMENT).code())
        .isEqualTo(ProblemCode.MALFORMED_STATEMENT);
    assertThat(problemFor(BankStatementException.Code.UNSUPPORTED_FORMAT).status()).isEqualTo(415);
    assertThat(problemFor(BankStatementException.Code.LIMIT_EXCEEDED).status()).isEqualTo(413);
    GatewayException mismatch = problemFor(BankStatementException.Code.BALANCE_MISMATCH);
    assertThat(mismatch.code()).isEqualTo(ProblemCode.BALANCE_MISMATCH);
    assertThat(mismatch.status()).isEqualTo(422);
    assertThat(mismatch.detail()).contains("NL91************00").endsWith("no line was imported");
  }

  @Test
  void onlyAnInterruptedImportIsRetryableAndItCarriesWhatWasDone() {
    BankImportReport partial = new BankImportReport(BankStatementFormat.MT940, List.of(), false);
    BankImportException interrupted = new BankImportException(BankImportException.Reason.INTERRUPTED,
        "the import stopped", partial, new IllegalStateException("connection reset"));

    GatewayException problem = interrupted.toProblem();

    assertThat(interrupted.retryable()).isTrue();
    assertThat(BankImportException.noJournal("no journal").retryable()).isFalse();
    assertThat(problem.code()).isEqualTo(ProblemCode.STORE_UNAVAILABLE);
    assertThat(problem.retryAfterSeconds()).isPositive();
    assertThat(problem.extensions().getJsonObject("import").getString("outcome")).isEqualTo("interrupted");
  }
}
