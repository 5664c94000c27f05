package dev.ofg.bank;

import java.util.List;
import java.util.Objects;

/**
 * Describes one statement file import: where the lines go and where the file came from.
 *
 * @param journalCode Odoo journal code to import into; null: the bank journal whose account number is the
 *     statement's, else the configured default journal
 * @param declaredFormat the format the sender says the file has, checked against the content; null: sniffed
 * @param source the events' source: {@code bank-import} for uploads, the webhook source name otherwise
 * @param payloadRef the events' reference to the raw file (e.g. {@code inbox:42}), or null
 * @param companies the Odoo companies the caller is bound to ({@code allowed_company_ids}); empty: the service
 *     account's own
 */
public record BankImportRequest(String journalCode, BankStatementFormat declaredFormat, String source,
    String payloadRef, List<Integer> companies) {

  /** The events' source of statements uploaded through the canonical API. */
  public static final String API_SOURCE = "bank-import";

  public BankImportRequest {
    Objects.requireNonNull(source, "source");
    companies = companies == null ? List.of() : List.copyOf(companies);
  }

  /** Describes an upload through {@code POST /api/v1/bank-statements}. */
  public static BankImportRequest upload(String journalCode, BankStatementFormat declaredFormat,
      List<Integer> companies) {
    return new BankImportRequest(journalCode, declaredFormat, API_SOURCE, null, companies);
  }

  /** Describes a statement file received by a webhook source of kind {@code bank-statement}. */
  public static BankImportRequest webhook(String sourceName, String payloadRef, String journalCode) {
    return new BankImportRequest(journalCode, null, sourceName, payloadRef, List.of());
  }
}
