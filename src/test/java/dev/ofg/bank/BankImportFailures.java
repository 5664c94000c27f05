package dev.ofg.bank;

/** Creates the importer's refusals as the importer does, for tests of the code that handles them. */
public final class BankImportFailures {
  private BankImportFailures() {
  }

  /** A file the importer refuses for {@code reason} (not {@link BankImportException.Reason#INTERRUPTED}). */
  public static BankImportException refused(BankImportException.Reason reason, String message) {
    return new BankImportException(reason, message, null, null);
  }

  /** An import that stopped because of {@code cause} after doing what {@code partial} reports. */
  public static BankImportException interrupted(String message, BankImportReport partial, Throwable cause) {
    return new BankImportException(BankImportException.Reason.INTERRUPTED, message, partial, cause);
  }
}
