package dev.ofg.bank;

/**
 * Gives the booking status of a camt entry (ISO external code list ExternalEntryStatus1Code).
 *
 * <p>Only {@link #BOOKED} entries are statement lines: they are what the booked balances (OPBD,
 * CLBD) move by, and what the gateway imports into Odoo. Pending, informational and future
 * entries can still change or disappear, so they are kept apart in
 * {@link BankStatement#nonBookedEntries()} and neither imported nor counted in the balance check.
 * MT940 has no status: every :61: line is booked.
 */
public enum EntryStatus {
  BOOKED("BOOK"),
  PENDING("PDNG"),
  INFORMATION("INFO"),
  FUTURE("FUTR");

  private final String code;

  EntryStatus(String code) {
    this.code = code;
  }

  /** Returns the ISO code, e.g. {@code BOOK}. */
  public String code() {
    return code;
  }

  static EntryStatus fromCode(String code) {
    for (EntryStatus status : values()) {
      if (status.code.equals(code)) {
        return status;
      }
    }
    throw BankStatementException.malformed("unknown entry status '" + code + "' (expected: BOOK, PDNG, INFO or FUTR)");
  }
}
