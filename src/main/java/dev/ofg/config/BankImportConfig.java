package dev.ofg.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configures bank statement imports ({@code POST /api/v1/bank-statements} and bank-statement webhook sources).
 *
 * @param maxBodyBytes largest accepted upload (raw body or the whole multipart request), also the parser's file limit
 * @param maxLines most statement lines one file may carry
 * @param uploadsDirectory where multipart uploads are spooled; each file is deleted when its request ends
 * @param defaultJournal Odoo journal code used when the request names none and no bank journal has the
 *     statement's account number; null: such a request is refused
 * @param allowMissingBalances import camt.053/MT940 statements that lack an opening or closing balance (their
 *     lines are reported {@code unverified}); off by default because such lines cannot be proven complete
 * @param createBatchSize statement lines sent to Odoo in one {@code create} call (and recorded in one transaction)
 * @param staleClaimAfter how long a line claimed by an import that stopped answering stays reserved before another
 *     import may take it over; null: two Odoo timeouts plus five seconds (see {@link #staleClaimAfter(Duration)})
 */
public record BankImportConfig(long maxBodyBytes, int maxLines, Path uploadsDirectory, String defaultJournal,
    boolean allowMissingBalances, int createBatchSize, Duration staleClaimAfter) {

  /** 20 MiB: a month of a busy account in camt.053 is a few MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 20L * 1024 * 1024;
  public static final int DEFAULT_MAX_LINES = 100_000;
  public static final int DEFAULT_CREATE_BATCH_SIZE = 50;
  public static final int MAX_CREATE_BATCH_SIZE = 1000;
  public static final Path DEFAULT_UPLOADS_DIRECTORY =
      Path.of(System.getProperty("java.io.tmpdir"), "ofg-bank-uploads");
  /** Odoo journal codes: short, no blanks (Odoo limits them to 5 characters; some versions allow more). */
  private static final Pattern JOURNAL_CODE = Pattern.compile("[A-Za-z0-9._-]{1,32}");

  public static final BankImportConfig DEFAULT = new BankImportConfig(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_LINES,
      DEFAULT_UPLOADS_DIRECTORY, null, false, DEFAULT_CREATE_BATCH_SIZE, null);

  public BankImportConfig {
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("bankImport.maxBodyBytes: " + maxBodyBytes + " (expected: >= 1024)");
    }
    if (maxLines < 1) {
      throw new IllegalArgumentException("bankImport.maxLines: " + maxLines + " (expected: >= 1)");
    }
    Objects.requireNonNull(uploadsDirectory, "bankImport.uploadsDirectory");
    if (defaultJournal != null && !JOURNAL_CODE.matcher(defaultJournal).matches()) {
      throw new IllegalArgumentException("bankImport.defaultJournal: " + defaultJournal
          + " (expected: an Odoo journal code, 1-32 letters, digits, '.', '_' or '-')");
    }
    if (createBatchSize < 1 || createBatchSize > MAX_CREATE_BATCH_SIZE) {
      throw new IllegalArgumentException("bankImport.createBatchSize: " + createBatchSize + " (expected: 1.."
          + MAX_CREATE_BATCH_SIZE + ")");
    }
    if (staleClaimAfter != null && staleClaimAfter.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("bankImport.staleClaimAfter: " + staleClaimAfter + " (expected: >= 1s)");
    }
  }

  /** Tells whether a value is shaped like an Odoo journal code. */
  public static boolean isJournalCode(String value) {
    return value != null && JOURNAL_CODE.matcher(value).matches();
  }

  /**
   * Returns how long a claim stays reserved: the configured value, else two Odoo call timeouts plus five seconds,
   * because the owner of a claim holds it for one Odoo create call at most.
   */
  public Duration staleClaimAfter(Duration odooTimeout) {
    return staleClaimAfter != null ? staleClaimAfter : odooTimeout.multipliedBy(2).plusSeconds(5);
  }

  static BankImportConfig read(ConfigReader in) {
    long maxBody = in.longValue("maxBodyBytes", DEFAULT_MAX_BODY_BYTES, 1024, 1024L * 1024 * 1024);
    int maxLines = in.integer("maxLines", DEFAULT_MAX_LINES, 1, 10_000_000);
    String uploads = in.string("uploadsDirectory", DEFAULT_UPLOADS_DIRECTORY.toString());
    String journal = in.string("defaultJournal", null);
    boolean allowMissing = in.bool("allowMissingBalances", false);
    int batch = in.integer("createBatchSize", DEFAULT_CREATE_BATCH_SIZE, 1, MAX_CREATE_BATCH_SIZE);
    Duration stale = in.duration("staleClaimAfter", null);
    in.rejectUnknownKeys();
    return in.build(() -> new BankImportConfig(maxBody, maxLines, Path.of(uploads), journal, allowMissing, batch,
        stale));
  }
}
