package dev.ofg.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BankImportConfigTest {
  private final List<String> problems = new ArrayList<>();

  private BankImportConfig read(JsonObject raw) {
    JsonObject resolved = new Placeholders(Map.of("BANK_UPLOADS", "/var/spool/ofg")).resolve(raw, "bankImport",
        problems);
    return BankImportConfig.read(new ConfigReader(resolved, raw, "bankImport", problems));
  }

  @Test
  void defaultsTo20MebibytesStrictBalancesAndClaimsOfTwoOdooTimeouts() {
    BankImportConfig config = read(new JsonObject());

    assertThat(problems).isEmpty();
    assertThat(config).isEqualTo(BankImportConfig.DEFAULT);
    assertThat(config.maxBodyBytes()).isEqualTo(20L * 1024 * 1024);
    assertThat(config.allowMissingBalances()).isFalse();
    assertThat(config.defaultJournal()).isNull();
    assertThat(config.createBatchSize()).isEqualTo(50);
    assertThat(config.staleClaimAfter(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(65));
  }

  @Test
  void readsEveryKey() {
    BankImportConfig config = read(new JsonObject().put("maxBodyBytes", 4096).put("maxLines", 500)
        .put("uploadsDirectory", "${BANK_UPLOADS}").put("defaultJournal", "BNK1").put("allowMissingBalances", true)
        .put("createBatchSize", 10).put("staleClaimAfter", "2m"));

    assertThat(problems).isEmpty();
    assertThat(config).isEqualTo(new BankImportConfig(4096, 500, Path.of("/var/spool/ofg"), "BNK1", true, 10,
        Duration.ofMinutes(2)));
    assertThat(config.staleClaimAfter(Duration.ofSeconds(30))).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void reportsProblemsWithTheirPath() {
    read(new JsonObject().put("createBatchSize", 0).put("defaultJurnal", "X"));

    assertThat(problems).containsExactlyInAnyOrder("bankImport.createBatchSize: 0 (expected: 1..1000)",
        "bankImport.defaultJurnal: unknown key (expected one of: maxBodyBytes, maxLines, uploadsDirectory, "
            + "defaultJournal, allowMissingBalances, createBatchSize, staleClaimAfter)");
  }

  @Test
  void validatesEveryValueNamingTheExpectation() {
    Path tmp = BankImportConfig.DEFAULT_UPLOADS_DIRECTORY;
    assertThatThrownBy(() -> new BankImportConfig(1023, 1, tmp, null, false, 1, null))
        .hasMessage("bankImport.maxBodyBytes: 1023 (expected: >= 1024)");
    assertThatThrownBy(() -> new BankImportConfig(1024, 0, tmp, null, false, 1, null))
        .hasMessage("bankImport.maxLines: 0 (expected: >= 1)");
    assertThatThrownBy(() -> new BankImportConfig(1024, 1, tmp, "BNK 1", false, 1, null))
        .hasMessage("bankImport.defaultJournal: BNK 1 (expected: an Odoo journal code, 1-32 letters, digits, '.', "
            + "'_' or '-')");
    assertThatThrownBy(() -> new BankImportConfig(1024, 1, tmp, null, false, 1001, null))
        .hasMessage("bankImport.createBatchSize: 1001 (expected: 1..1000)");
    assertThatThrownBy(() -> new BankImportConfig(1024, 1, tmp, null, false, 1, Duration.ofMillis(500)))
        .hasMessage("bankImport.staleClaimAfter: PT0.5S (expected: >= 1s)");
  }
}
