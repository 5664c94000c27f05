package dev.ofg.bank;

import dev.ofg.http.TraceContext;
import dev.ofg.odoo.OdooCall;
import dev.ofg.odoo.OdooClient;
import dev.ofg.odoo.OdooFault;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes the Odoo calls of a statement import: what fields Odoo has (learned once per process), journals,
 * currencies, and creating and finding {@code account.bank.statement.line} records.
 */
final class OdooStatementLines {
  static final String LINE_MODEL = "account.bank.statement.line";
  static final String JOURNAL_MODEL = "account.journal";
  static final String UNIQUE_IMPORT_ID = "unique_import_id";

  /** Says which optional fields this Odoo has: {@code unique_import_id} exists only with the statement-import module. */
  record Capabilities(Set<String> lineFields, boolean journalBankAccount) {
    boolean uniqueImportId() {
      return lineFields.contains(UNIQUE_IMPORT_ID);
    }

    boolean has(String field) {
      return lineFields.contains(field);
    }
  }

  private final OdooClient odoo;
  private final AtomicReference<Future<Capabilities>> capabilities = new AtomicReference<>();
  private final Map<String, Long> currencyIds = new ConcurrentHashMap<>();
  private final Map<Long, String> companyCurrencies = new ConcurrentHashMap<>();

  OdooStatementLines(OdooClient odoo) {
    this.odoo = odoo;
  }

  /** Learns Odoo's optional fields once; a failed attempt is forgotten so the next import asks again. */
  Future<Capabilities> capabilities(TraceContext trace) {
    Future<Capabilities> known = capabilities.get();
    if (known != null && !known.failed()) {
      return known;
    }
    Future<Capabilities> asked = fieldNames(LINE_MODEL, trace)
        .compose(lineFields -> fieldNames(JOURNAL_MODEL, trace)
            .map(journalFields -> new Capabilities(lineFields, journalFields.contains("bank_acc_number"))));
    capabilities.set(asked);
    return asked;
  }

  private Future<Set<String>> fieldNames(String model, TraceContext trace) {
    OdooCall call = new OdooCall(model, "fields_get", new JsonArray(),
        new JsonObject().put("attributes", new JsonArray().add("type")));
    return odoo.execute(call, trace).map(result -> result instanceof JsonObject
        ? Set.copyOf(((JsonObject) result).fieldNames()) : Set.of());
  }

  /** Reads the bank journals the caller may use, optionally only the one with {@code code}. */
  Future<List<JsonObject>> bankJournals(String code, Capabilities capabilities, JsonObject context,
      TraceContext trace) {
    JsonArray domain = new JsonArray().add(leaf("type", "in", new JsonArray().add("bank").add("cash").add("credit")));
    if (code != null) {
      domain.add(leaf("code", "=", code));
    }
    JsonArray fields = new JsonArray().add("code").add("name").add("type").add("currency_id").add("company_id");
    if (capabilities.journalBankAccount()) {
      fields.add("bank_acc_number");
    }
    return searchRead(JOURNAL_MODEL, domain, fields, context, trace);
  }

  /** Returns the ISO code of a company's currency (cached: it never changes once the company has entries). */
  Future<String> companyCurrency(long companyId, TraceContext trace) {
    String known = companyCurrencies.get(companyId);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    OdooCall read = new OdooCall("res.company", "read", new JsonArray().add(new JsonArray().add(companyId)),
        new JsonObject().put("fields", new JsonArray().add("currency_id")));
    return odoo.execute(read, trace).map(result -> {
      JsonArray rows = result instanceof JsonArray ? (JsonArray) result : new JsonArray();
      String currency = rows.isEmpty() ? null : relationName(rows.getJsonObject(0).getValue("currency_id"));
      if (currency != null) {
        companyCurrencies.put(companyId, currency);
      }
      return currency;
    });
  }

  /** Returns the Odoo ids of the given currency codes that Odoo knows (archived ones included). */
  Future<Map<String, Long>> currencyIds(Collection<String> codes, TraceContext trace) {
    Map<String, Long> found = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String code : codes) {
      Long id = currencyIds.get(code);
      if (id != null) {
        found.put(code, id);
      } else {
        missing.add(code);
      }
    }
    if (missing.isEmpty()) {
      return Future.succeededFuture(found);
    }
    JsonArray domain = new JsonArray().add(leaf("name", "in", new JsonArray(missing)));
    return searchRead("res.currency", domain, new JsonArray().add("name"), new JsonObject().put("active_test", false),
        trace).map(rows -> {
          for (JsonObject row : rows) {
            currencyIds.put(row.getString("name"), row.getLong("id"));
            found.put(row.getString("name"), row.getLong("id"));
          }
          return found;
        });
  }

  /** Creates lines in one call (one Odoo transaction: all or none) and returns their ids in order. */
  Future<List<Long>> create(List<JsonObject> values, JsonObject context, TraceContext trace) {
    OdooCall create = new OdooCall(LINE_MODEL, "create", new JsonArray().add(new JsonArray(new ArrayList<>(values))),
        new JsonObject().put("context", context));
    return odoo.execute(create, trace).map(result -> {
      List<Long> ids = new ArrayList<>();
      if (result instanceof Number) {
        ids.add(((Number) result).longValue());
      } else if (result instanceof JsonArray) {
        ((JsonArray) result).forEach(id -> ids.add(((Number) id).longValue()));
      }
      if (ids.size() != values.size()) {
        throw new IllegalStateException("Odoo answered create of " + values.size() + " lines with " + ids.size()
            + " ids");
      }
      return ids;
    });
  }

  /** Finds lines by their {@code unique_import_id} (only where that field exists). */
  Future<Map<String, Long>> findByImportIds(Collection<String> importIds, JsonObject context, TraceContext trace) {
    JsonArray domain = new JsonArray().add(leaf(UNIQUE_IMPORT_ID, "in", new JsonArray(new ArrayList<>(importIds))));
    return searchRead(LINE_MODEL, domain, new JsonArray().add(UNIQUE_IMPORT_ID), context, trace).map(rows -> {
      Map<String, Long> found = new LinkedHashMap<>();
      rows.forEach(row -> found.put(row.getString(UNIQUE_IMPORT_ID), row.getLong("id")));
      return found;
    });
  }

  /** Finds lines of a journal with the given date, amount and label, oldest first. */
  Future<List<Long>> findByContent(JsonObject values, JsonObject context, TraceContext trace) {
    JsonArray domain = new JsonArray()
        .add(leaf("journal_id", "=", values.getValue("journal_id")))
        .add(leaf("date", "=", values.getValue("date")))
        .add(leaf("amount", "=", values.getValue("amount")))
        .add(leaf("payment_ref", "=", values.getValue("payment_ref")));
    OdooCall search = new OdooCall(LINE_MODEL, "search", new JsonArray().add(domain),
        new JsonObject().put("order", "id asc").put("limit", 1000).put("context", context));
    return odoo.execute(search, trace).map(result -> {
      List<Long> ids = new ArrayList<>();
      if (result instanceof JsonArray) {
        ((JsonArray) result).forEach(id -> ids.add(((Number) id).longValue()));
      }
      return ids;
    });
  }

  private Future<List<JsonObject>> searchRead(String model, JsonArray domain, JsonArray fields, JsonObject context,
      TraceContext trace) {
    OdooCall call = new OdooCall(model, "search_read", new JsonArray().add(domain),
        new JsonObject().put("fields", fields).put("order", "id asc").put("context", context));
    return odoo.execute(call, trace).map(result -> {
      List<JsonObject> rows = new ArrayList<>();
      if (result instanceof JsonArray) {
        ((JsonArray) result).forEach(row -> rows.add((JsonObject) row));
      }
      return rows;
    });
  }

  static JsonArray leaf(String field, String operator, Object value) {
    return new JsonArray().add(field).add(operator).add(value);
  }

  /** Reads the display name of a many2one ({@code [id, name]} or False). */
  static String relationName(Object value) {
    return value instanceof JsonArray && ((JsonArray) value).size() == 2 ? ((JsonArray) value).getString(1) : null;
  }

  static Long relationId(Object value) {
    return value instanceof JsonArray && !((JsonArray) value).isEmpty()
        ? ((Number) ((JsonArray) value).getValue(0)).longValue() : null;
  }

  /** Tells whether a failure is Odoo refusing one line on its merits (a line-level rejection). */
  static boolean isLineRejection(Throwable failure) {
    return failure instanceof OdooFault && ((OdooFault) failure).kind() == OdooFault.Kind.BUSINESS
        && ((OdooFault) failure).code() != dev.ofg.http.ProblemCode.ODOO_ACCESS_ERROR;
  }
}
