package dev.ofg.bank;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assigns the stable {@code unique_import_id} of each line of one file, in file order.
 *
 * <p>Rule (also documented on {@link StatementLine}):
 * <ol>
 *   <li>When the bank gives its own reference for the entry, the id is
 *       {@code ACCOUNT:BOOKINGDATE:KIND:REF}, with KIND {@code ASR} (camt entry {@code AcctSvcrRef}),
 *       {@code NTRY} (camt {@code NtryRef}, used only without AcctSvcrRef) or {@code BREF} (MT940
 *       :61: reference after {@code //}, unless {@code NONREF}). A line split from a batched entry
 *       appends {@code /DETAILINDEX}. Transaction-level references are not used: banks repeat them
 *       across the transactions of one batch (the OCA txdtls sample does).</li>
 *   <li>Otherwise the id is {@code ACCOUNT:BOOKINGDATE:H:HEX}, HEX being the first 32 hex digits
 *       (128 bits) of SHA-256 over account, booking date, amount, currency, the line's stable
 *       identifiers (end-to-end, instruction, mandate, transaction and payment information ids,
 *       MT940 owner reference, counterparty account) and the occurrence number of that same material
 *       within the file (1, 2, ... for otherwise identical lines, in file order).</li>
 *   <li>An id produced twice within one file (a bank reusing a reference) gets {@code :2}, {@code :3}
 *       ... appended in file order, so ids are always unique within a file.</li>
 * </ol>
 *
 * <p>Why: the account prefix keeps two accounts apart; the booking date scopes references that some
 * banks only keep unique per day, and never changes for a booked line. Hashed ids do not depend on
 * a line's position, so re-ordering or inserting other lines (of any day) does not change them;
 * only the relative order of fully identical lines matters, and those are interchangeable. The
 * trade-off: two identical reference-less lines of one day delivered in two different files both
 * get occurrence 1 and collide, so such files must carry complete days. Free text is left out of
 * the hash on purpose: banks reword descriptions between an intraday and the final statement.
 */
final class ImportIdAssigner {

  static final String KIND_ACCOUNT_SERVICER_REF = "ASR";
  static final String KIND_ENTRY_REF = "NTRY";
  static final String KIND_BANK_REF = "BREF";
  static final String KIND_HASH = "H";

  private static final int HASH_HEX_DIGITS = 32;
  private static final char SEPARATOR = '\u001F';

  private final Map<String, Integer> contentOccurrences = new HashMap<>();
  private final Set<String> issued = new HashSet<>();

  /** Returns the id of a line identified by a bank reference; {@code detailIndex} 0 for an unsplit entry. */
  String byReference(String account, LocalDate bookingDate, String kind, String reference, int detailIndex) {
    String id = account + ":" + bookingDate + ":" + kind + ":" + reference.strip().replaceAll("\\s+", " ")
        + (detailIndex > 0 ? "/" + detailIndex : "");
    return unique(id);
  }

  /** Returns the id of a line without bank reference, hashed from its content. */
  String byContent(String account, LocalDate bookingDate, BigDecimal amount, String currency,
      List<String> stableIdentifiers) {
    StringBuilder material = new StringBuilder()
        .append(account).append(SEPARATOR).append(bookingDate).append(SEPARATOR)
        .append(amount.toPlainString()).append(SEPARATOR).append(currency);
    for (String identifier : stableIdentifiers) {
      material.append(SEPARATOR).append(identifier == null ? "" : identifier.strip());
    }
    String key = material.toString();
    int occurrence = contentOccurrences.merge(key, 1, Integer::sum);
    String digest = sha256Hex(key + SEPARATOR + occurrence).substring(0, HASH_HEX_DIGITS);
    return unique(account + ":" + bookingDate + ":" + KIND_HASH + ":" + digest);
  }

  private String unique(String id) {
    if (issued.add(id)) {
      return id;
    }
    for (int occurrence = 2; ; occurrence++) {
      String candidate = id + ":" + occurrence;
      if (issued.add(candidate)) {
        return candidate;
      }
    }
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every Java platform", e);
    }
  }
}
