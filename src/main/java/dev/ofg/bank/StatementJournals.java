package dev.ofg.bank;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the Odoo journal of each statement: the one the request names, else the bank journal whose account number
 * is the statement's, else the configured default; and checks that it books in the statement's currency.
 */
final class StatementJournals {
  private final OdooStatementLines odoo;
  private final String defaultJournal;

  StatementJournals(OdooStatementLines odoo, String defaultJournal) {
    this.odoo = odoo;
    this.defaultJournal = defaultJournal;
  }

  /** Returns the journal of every statement, in order, or fails with {@link BankImportException.Reason#NO_JOURNAL}. */
  Future<List<OdooJournal>> resolve(ImportScope scope, List<BankStatement> statements) {
    return odoo.bankJournals(null, scope.capabilities(), scope.context(), scope.trace()).compose(journals -> {
      Map<String, JsonObject> byAccount = new LinkedHashMap<>();
      List<JsonObject> chosen = new ArrayList<>();
      for (BankStatement statement : statements) {
        JsonObject journal = byAccount.computeIfAbsent(statement.account().identifier(),
            account -> choose(journals, scope.request().journalCode(), statement));
        chosen.add(journal);
      }
      return withCurrencies(scope, statements, chosen);
    });
  }

  private JsonObject choose(List<JsonObject> journals, String requested, BankStatement statement) {
    if (requested != null) {
      return byCode(journals, requested).orElseThrow(() -> BankImportException.noJournal("journal '" + requested
          + "' is not a bank journal in Odoo that this client may use"));
    }
    String account = statement.account().identifier();
    for (JsonObject journal : journals) {
      Object number = journal.getValue("bank_acc_number");
      if (number instanceof String && normalised((String) number).equals(account)) {
        return journal;
      }
    }
    if (defaultJournal != null) {
      return byCode(journals, defaultJournal).orElseThrow(() -> BankImportException.noJournal("the default journal '"
          + defaultJournal + "' (bankImport.defaultJournal) is not a bank journal in Odoo"));
    }
    throw BankImportException.noJournal("no Odoo bank journal has the account " + AccountNumberMask.mask(account)
        + " of " + statement.label() + "; name one with the journal parameter (an Odoo journal code)");
  }

  private static Optional<JsonObject> byCode(List<JsonObject> journals, String code) {
    return journals.stream().filter(journal -> code.equals(journal.getString("code"))).findFirst();
  }

  private Future<List<OdooJournal>> withCurrencies(ImportScope scope, List<BankStatement> statements,
      List<JsonObject> chosen) {
    List<Future<OdooJournal>> journals = new ArrayList<>();
    for (JsonObject journal : chosen) {
      String own = OdooStatementLines.relationName(journal.getValue("currency_id"));
      Long companyId = OdooStatementLines.relationId(journal.getValue("company_id"));
      long company = companyId == null ? 0 : companyId;
      Future<String> currency = own != null ? Future.succeededFuture(own)
          : odoo.companyCurrency(company, scope.trace());
      journals.add(currency.map(code -> new OdooJournal(journal.getLong("id"), journal.getString("code"), code,
          company)));
    }
    return Future.all(journals).map(all -> {
      List<OdooJournal> resolved = all.list();
      for (int i = 0; i < statements.size(); i++) {
        checkCurrency(statements.get(i), resolved.get(i));
      }
      return resolved;
    });
  }

  /** Refuses a statement with lines in another currency than its journal's: Odoo would book them as if they were. */
  private static void checkCurrency(BankStatement statement, OdooJournal journal) {
    for (StatementLine line : statement.lines()) {
      if (!line.currency().equals(journal.currency())) {
        throw BankImportException.noJournal(statement.label() + " has lines in " + line.currency() + " but journal '"
            + journal.code() + "' books in " + journal.currency() + "; name a journal in " + line.currency());
      }
    }
  }

  private static String normalised(String accountNumber) {
    return accountNumber.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
  }
}
