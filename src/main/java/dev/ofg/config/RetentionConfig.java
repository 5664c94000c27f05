package dev.ofg.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Configures how long the gateway keeps its own finished rows before the retention job deletes them (see
 * docs/retention.md). A null age means the class is kept forever ({@code never} in the file).
 *
 * <p>{@code external_refs} and {@code bank_import_lines} have no age on purpose: they are the exactly-once
 * guarantees for Odoo writes and statement lines, and are never purged.
 *
 * @param enabled whether the job runs every {@code interval}; {@code POST /admin/retention/run} works either way
 * @param interval time between two runs of one gateway
 * @param batchSize rows one DELETE statement removes at most, so no statement holds locks for long
 * @param maxRowsPerRun rows of one data class one run deletes at most; the rest waits for the next run
 * @param audit age of {@code audit_log} rows (by {@code occurred_at}) after which they go
 * @param webhookInbox age of inbox events and raw webhook bodies after which they go, unless an event's finance
 *     event is still undelivered; the inbox is also the webhook dedupe memory, so at least {@link #MIN_WEBHOOK_INBOX}
 * @param deliveredEvents age after which an outbox event all of whose deliveries were delivered goes, with those
 *     deliveries and their attempts (dead-lettered and parked ones never)
 * @param analyticsLineage age of finished analytics batch rows (lineage) after which they go, unless delivered
 *     ledger lines still name them; null (the default) keeps them
 */
public record RetentionConfig(boolean enabled, Duration interval, int batchSize, long maxRowsPerRun, Duration audit,
    Duration webhookInbox, Duration deliveredEvents, Duration analyticsLineage) {

  public static final String NEVER = "never";
  public static final int MAX_BATCH_SIZE = 100_000;
  public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
  /** Longer than the automatic retries of Stripe (up to 3 days) and GoCardless (8 retries, hours apart). */
  public static final Duration MIN_WEBHOOK_INBOX = Duration.ofDays(7);
  /** How long Adyen's retry queue keeps re-sending a notification the endpoint did not acknowledge. */
  public static final Duration ADYEN_RETRY_WINDOW = Duration.ofDays(30);

  /* A day at least guards against a unit typo (90m for 90d) wiping what operators look at today. */
  private static final Floor AUDIT = new Floor("audit", Duration.ofDays(1), "1d or never");
  private static final Floor DELIVERED_EVENTS = new Floor("deliveredEvents", Duration.ofDays(1), "1d or never");
  private static final Floor WEBHOOK_INBOX = new Floor("webhookInbox", MIN_WEBHOOK_INBOX, "7d or never; the inbox"
      + " is the webhook dedupe memory and must outlast the providers' retries, up to 3 days at Stripe, or a late"
      + " re-send is taken for a new event");
  /* A fiscal year plus its closing: the span over which an auditor compares exports with the ledger. */
  private static final Floor ANALYTICS_LINEAGE = new Floor("analyticsLineage", Duration.ofDays(400), "400d or never");

  public static final RetentionConfig DEFAULT = new RetentionConfig(true, Duration.ofHours(1), 5000, 1_000_000,
      Duration.ofDays(400), Duration.ofDays(35), Duration.ofDays(30), null);

  public RetentionConfig {
    if (interval == null || interval.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("retention.interval: " + interval + " (expected: >= 1m)");
    }
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("retention.batchSize: " + batchSize + " (expected: 1.." + MAX_BATCH_SIZE
          + ")");
    }
    if (maxRowsPerRun < batchSize) {
      throw new IllegalArgumentException("retention.maxRowsPerRun: " + maxRowsPerRun + " (expected: >= batchSize "
          + batchSize + ")");
    }
    AUDIT.check(audit);
    DELIVERED_EVENTS.check(deliveredEvents);
    WEBHOOK_INBOX.check(webhookInbox);
    ANALYTICS_LINEAGE.check(analyticsLineage);
  }

  /** Names the least age a data class accepts, and says why in the words of a validation message. */
  private record Floor(String key, Duration min, String expected) {
    boolean allows(Duration age) {
      return age == null || age.compareTo(min) >= 0;
    }

    void check(Duration age) {
      if (!allows(age)) {
        throw new IllegalArgumentException("retention." + key + ": " + age + " " + expectation());
      }
    }

    String expectation() {
      return "(expected: >= " + expected + ")";
    }
  }

  /**
   * Returns a warning when webhook sources of a type whose provider re-sends for longer than the floor (Adyen: up to
   * 30 days) are configured and the inbox, their dedupe memory, is not kept longer than that.
   */
  public Optional<String> inboxRetentionWarning(Collection<String> sourceTypes) {
    if (webhookInbox == null || webhookInbox.compareTo(ADYEN_RETRY_WINDOW) > 0 || !sourceTypes.contains("adyen")) {
      return Optional.empty();
    }
    return Optional.of("retention.webhookInbox is " + webhookInbox.toDays() + "d, but Adyen re-sends an"
        + " unacknowledged notification for up to 30 days: set it above 30d (e.g. 35d) so that such a late re-send"
        + " is still recognised as a duplicate");
  }

  static RetentionConfig read(ConfigReader in) {
    boolean enabled = in.bool("enabled", DEFAULT.enabled());
    Duration interval = in.duration("interval", DEFAULT.interval());
    int batchSize = in.integer("batchSize", DEFAULT.batchSize(), 1, MAX_BATCH_SIZE);
    long maxRows = in.longValue("maxRowsPerRun", DEFAULT.maxRowsPerRun(), 1, Long.MAX_VALUE);
    Duration audit = ageOrNever(in, AUDIT, DEFAULT.audit());
    Duration inbox = ageOrNever(in, WEBHOOK_INBOX, DEFAULT.webhookInbox());
    Duration delivered = ageOrNever(in, DELIVERED_EVENTS, DEFAULT.deliveredEvents());
    Duration lineage = ageOrNever(in, ANALYTICS_LINEAGE, DEFAULT.analyticsLineage());
    in.rejectUnknownKeys();
    return in.build(() -> new RetentionConfig(enabled, interval, batchSize, maxRows, audit, inbox, delivered,
        lineage));
  }

  /** Reads a maximum age: a duration at or above its floor, or {@code never} (null: kept forever). */
  private static Duration ageOrNever(ConfigReader in, Floor floor, Duration defaultValue) {
    String text = in.string(floor.key(), null);
    if (text == null) {
      return defaultValue;
    }
    if (NEVER.equals(text.toLowerCase(Locale.ROOT))) {
      return null;
    }
    Duration age = ConfigReader.parseDuration(text);
    if (age == null || age.isNegative()) {
      in.problem(floor.key(), "\"" + text + "\" (expected: a duration such as 30d or 720h, or never)");
      return defaultValue;
    }
    if (!floor.allows(age)) {
      in.problem(floor.key(), "\"" + text + "\" " + floor.expectation());
      return defaultValue;
    }
    return age;
  }
}
