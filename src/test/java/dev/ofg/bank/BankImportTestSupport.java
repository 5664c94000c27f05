package dev.ofg.bank;

import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives statement imports in integration tests: posts files to the gateway, prepares Odoo (journals, records) as
 * the sandbox's administrator over JSON-RPC, reads back what Odoo holds, and generates valid accounts and files.
 */
public final class BankImportTestSupport {
  public static final String LINE_MODEL = "account.bank.statement.line";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final GatewayTestKit kit;

  public BankImportTestSupport(GatewayTestKit kit) {
    this.kit = kit;
  }

  GatewayTestKit kit() {
    return kit;
  }

  /** Pairs the journal a test created with the answer to an import into it. */
  record Imported(long journal, HttpResponse<Buffer> response) {
    JsonObject answer() {
      return response.bodyAsJsonObject();
    }
  }

  /**
   * Starts a gateway whose {@code bankImport} section is {@code bankImportYaml} (indented keys) and whose
   * {@code bank-import} rate limit does not get in the way of tests that import many files quickly.
   */
  static Future<BankImportTestSupport> start(io.vertx.core.Vertx vertx, GatewayTestKit.Options options,
      String... bankImportYaml) {
    List<String> yaml = new ArrayList<>();
    yaml.add("bankImport:");
    for (String line : bankImportYaml) {
      yaml.add("  " + line);
    }
    yaml.addAll(List.of("rateLimits:", "  routeClasses:", "    bank-import:", "      ratePerSecond: 10000",
        "      burst: 10000", ""));
    return GatewayTestKit.start(vertx, options.withYaml(String.join("\n", yaml))).map(BankImportTestSupport::new);
  }

  /** Creates a journal for the account, then imports the file (with a fresh Idempotency-Key). */
  Future<Imported> importInto(String code, String accountNumber, String currency, byte[] file, String contentType,
      String query) {
    return createJournal(code, accountNumber, currency)
        .compose(journal -> post(file, contentType, query).map(response -> new Imported(journal, response)));
  }

  /** Reads an Odoo statement line's amount at cent precision. */
  static BigDecimal amountOf(JsonObject odooLine) {
    return new BigDecimal(odooLine.getValue("amount").toString()).setScale(2, java.math.RoundingMode.HALF_EVEN);
  }

  /** Posts a raw statement file with a fresh Idempotency-Key. */
  Future<HttpResponse<Buffer>> post(byte[] file, String contentType, String query) {
    return post(file, contentType, query, UUID.randomUUID().toString());
  }

  Future<HttpResponse<Buffer>> post(byte[] file, String contentType, String query, String idempotencyKey) {
    HttpRequest<Buffer> request = kit.http().post(BankStatementApi.PATH + (query == null ? "" : "?" + query))
        .putHeader("Authorization", "Bearer " + kit.key(GatewayTestKit.ERP))
        .putHeader("Content-Type", contentType);
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    return request.sendBuffer(Buffer.buffer(file));
  }

  /** Calls a model method on the sandbox as its administrator (bypassing the gateway). */
  Future<Object> asOdooAdmin(String model, String method, JsonArray args, JsonObject kwargs) {
    JsonObject envelope = new JsonObject().put("jsonrpc", "2.0").put("method", "call").put("id", 1)
        .put("params", new JsonObject().put("service", "object").put("method", "execute_kw")
            .put("args", new JsonArray().add("testdb").add(2).add(kit.sandbox().options().user("admin").password())
                .add(model).add(method).add(args).add(kwargs)));
    return kit.http().postAbs(kit.sandbox().baseUrl() + "/jsonrpc").sendJsonObject(envelope).map(response -> {
      JsonObject body = response.bodyAsJsonObject();
      if (body.containsKey("error")) {
        throw new IllegalStateException("Odoo refused " + model + "." + method + ": " + body.getJsonObject("error"));
      }
      return body.getValue("result");
    });
  }

  /** Creates a bank journal in company 1 (or {@code company}) with an account number and currency code. */
  Future<Long> createJournal(String code, String accountNumber, String currency, long company) {
    return currencyId(currency).compose(currencyId -> {
      JsonObject values = new JsonObject().put("name", "Bank " + code).put("code", code).put("type", "bank")
          .put("company_id", company).put("currency_id", currencyId);
      if (accountNumber != null) {
        values.put("bank_acc_number", accountNumber);
      }
      return asOdooAdmin("account.journal", "create", new JsonArray().add(values), new JsonObject())
          .map(id -> ((Number) id).longValue());
    });
  }

  public Future<Long> createJournal(String code, String accountNumber, String currency) {
    return createJournal(code, accountNumber, currency, 1);
  }

  private Future<Long> currencyId(String code) {
    return asOdooAdmin("res.currency", "search", new JsonArray().add(new JsonArray().add(
        new JsonArray().add("name").add("=").add(code))), new JsonObject())
        .map(ids -> ((JsonArray) ids).getLong(0));
  }

  /** Returns the statement lines Odoo holds in a journal, oldest first. */
  public List<JsonObject> linesIn(long journalId) {
    List<JsonObject> lines = new ArrayList<>();
    for (JsonObject line : kit.sandbox().records(LINE_MODEL)) {
      Object journal = line.getValue("journal_id");
      if (journal instanceof JsonArray && ((JsonArray) journal).getLong(0) == journalId) {
        lines.add(line);
      }
    }
    lines.sort((a, b) -> Long.compare(a.getLong("id"), b.getLong("id")));
    return lines;
  }

  long countIn(long journalId) {
    return kit.sandbox().count(LINE_MODEL, new JsonArray().add(new JsonArray().add("journal_id").add("=")
        .add(journalId)));
  }

  public long countWithImportIds(List<String> importIds) {
    return kit.sandbox().count(LINE_MODEL, new JsonArray().add(new JsonArray().add("unique_import_id").add("in")
        .add(new JsonArray(new ArrayList<>(importIds)))));
  }

  /** A journal code no other test uses. */
  public static String uniqueCode(String prefix) {
    return prefix + SEQUENCE.incrementAndGet();
  }

  /** A Dutch IBAN with correct check digits (ISO 13616 mod 97) whose account part is {@code number}. */
  public static String dutchIban(long number) {
    String bban = "TEST" + String.format("%010d", number);
    String rearranged = bban + "NL00";
    StringBuilder digits = new StringBuilder();
    for (char c : rearranged.toCharArray()) {
      digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    int check = 98 - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
    return "NL" + String.format("%02d", check) + bban;
  }

  /** A statement of {@code count} lines, each with its own bank reference unless {@code withReferences} is false. */
  static StatementFileWriter.Statement statement(String iban, String id, int count, boolean withReferences) {
    return statement(iban, id, count, withReferences, new BigDecimal("1000.00"));
  }

  /** Statements of one account that chain: each opens with the previous one's closing balance. */
  static List<StatementFileWriter.Statement> chained(String iban, String prefix, int... counts) {
    List<StatementFileWriter.Statement> statements = new ArrayList<>();
    BigDecimal opening = new BigDecimal("1000.00");
    for (int i = 0; i < counts.length; i++) {
      StatementFileWriter.Statement statement = statement(iban, prefix + "-" + (i + 1), counts[i], i % 2 == 0, opening);
      statements.add(statement);
      opening = statement.closing();
    }
    return statements;
  }

  static StatementFileWriter.Statement statement(String iban, String id, int count, boolean withReferences,
      BigDecimal opening) {
    List<StatementFileWriter.Line> lines = new ArrayList<>();
    LocalDate day = LocalDate.of(2024, 3, 1);
    for (int i = 1; i <= count; i++) {
      BigDecimal amount = new BigDecimal((i % 3 == 0 ? "-" : "") + (i * 7 % 500 + 1) + "." + String.format("%02d",
          i * 13 % 100));
      lines.add(new StatementFileWriter.Line(day.plusDays(i % 5), amount, withReferences ? id + "-REF-" + i : null,
          "Counterparty " + i, dutchIban(900_000 + i), "Invoice " + id + "/" + i, false));
    }
    return new StatementFileWriter.Statement(iban, "EUR", id, opening, day, day.plusDays(5), lines);
  }

  /** A camt.053 file of one statement of {@code count} lines, each with its own bank reference. */
  public static byte[] camt053(String iban, String id, int count) {
    return camt053(List.of(statement(iban, id, count, true)));
  }

  static byte[] camt053(List<StatementFileWriter.Statement> statements) {
    return StatementFileWriter.camt053(statements, "001.08").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] mt940(List<StatementFileWriter.Statement> statements) {
    return StatementFileWriter.mt940(statements, true).getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the line results of every statement of an import answer (or of a problem's {@code import} member). */
  static List<JsonObject> lineResults(JsonObject answer) {
    List<JsonObject> lines = new ArrayList<>();
    for (Object statement : answer.getJsonArray("statements")) {
      for (Object line : ((JsonObject) statement).getJsonArray("lines")) {
        lines.add((JsonObject) line);
      }
    }
    return lines;
  }

  static List<String> outcomes(JsonObject answer) {
    return lineResults(answer).stream().map(line -> line.getString("outcome")).toList();
  }
}
