package dev.ofg.bank;

import java.util.Locale;

/** Names what an import did with one statement line; the lower-case names are part of the API contract. */
public enum LineOutcome {
  /** Created in Odoo by this import. */
  CREATED,
  /** Imported before (recorded by the gateway, or found in Odoo): nothing was created. */
  ALREADY_IMPORTED,
  /** Odoo refused the line (a business error); the reason says why. A later import tries it again. */
  REJECTED,
  /** Another import of the same line is running right now; retry to learn its outcome. */
  IN_PROGRESS,
  /** The import stopped (Odoo or the store unavailable) before this line was confirmed; retry to complete it. */
  NOT_PROCESSED;

  /** Returns the name used in answers, events and metric labels, e.g. {@code already_imported}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
