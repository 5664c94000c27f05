package dev.ofg.delivery.statement;

import dev.ofg.config.WebhookConfig;
import dev.ofg.finance.FinanceEvent;
import java.util.Objects;

/**
 * Reads a {@code bank.statement.file.received} event: where its file lies in the webhook inbox, which source
 * received it and which Odoo journal its lines go to.
 *
 * @param inboxId the inbox row holding the file ({@code payloadRef} {@code inbox:<id>})
 * @param source the webhook source that received the file (the import's events carry it)
 * @param journal the Odoo journal code, or null to let the importer match the statement's account
 */
record StatementFile(long inboxId, String source, String journal) {
  static final String INBOX_PREFIX = "inbox:";

  StatementFile {
    Objects.requireNonNull(source, "source");
  }

  /** Returns the reference of the file, as the event and the importer's events carry it. */
  String payloadRef() {
    return INBOX_PREFIX + inboxId;
  }

  /**
   * Returns the file an event announces.
   *
   * @throws IllegalArgumentException naming the field when the event is not a statement file received by webhook
   */
  static StatementFile of(FinanceEvent event) {
    if (!WebhookConfig.StatementImport.EVENT_TYPE.equals(event.type())) {
      throw new IllegalArgumentException("type: " + event.type() + " (expected: "
          + WebhookConfig.StatementImport.EVENT_TYPE + ")");
    }
    String ref = event.payloadRef();
    long inboxId;
    try {
      inboxId = ref != null && ref.startsWith(INBOX_PREFIX) ? Long.parseLong(ref.substring(INBOX_PREFIX.length()))
          : -1;
    } catch (NumberFormatException e) {
      inboxId = -1;
    }
    if (inboxId < 1) {
      throw new IllegalArgumentException("payloadRef: " + ref + " (expected: inbox:<id> of the stored file)");
    }
    Object journal = event.data().getValue("journal");
    if (journal != null && !(journal instanceof String)) {
      throw new IllegalArgumentException("data.journal: " + journal + " (expected: an Odoo journal code or null)");
    }
    return new StatementFile(inboxId, event.source(), (String) journal);
  }
}
