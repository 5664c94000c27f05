package dev.ofg.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configures event delivery: the outbox relay, the default delivery policy, the routing rules (event type to
 * targets) and the four targets: treasury (signed HTTP), bank (payments into Odoo), analytics (ledger batches and
 * routed events as NDJSON over HTTP or into a PostgreSQL table) and statements (bank statement files received by
 * webhook sources, imported into Odoo).
 *
 * @param treasury null when no treasury endpoint is configured
 * @param bank null when payment events are not applied to Odoo
 * @param analytics null when no analytics target is configured
 * @param statements null when statement files received by webhook sources are not imported
 */
public record DeliveryConfig(boolean enabled, Relay relay, Policy defaults, List<Route> routes, HttpTarget treasury,
    Bank bank, Analytics analytics, Statements statements) {

  public static final String TREASURY = "treasury";
  public static final String BANK = "bank";
  public static final String ANALYTICS = "analytics";
  public static final String STATEMENTS = "statements";
  public static final List<String> TARGETS = List.of(TREASURY, BANK, ANALYTICS, STATEMENTS);
  public static final DeliveryConfig DISABLED = new DeliveryConfig(false, Relay.DEFAULT, Policy.DEFAULT, List.of(),
      null, null, null, null);

  public DeliveryConfig {
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(defaults, "defaults");
    routes = List.copyOf(routes);
    for (int i = 0; i < routes.size(); i++) {
      for (String target : routes.get(i).targets()) {
        if (!isConfigured(target, treasury, bank, analytics, statements)) {
          throw new IllegalArgumentException("delivery.routes[" + i + "].targets: " + target
              + " (expected: a target configured under delivery.targets)");
        }
      }
    }
  }

  /** Tells whether a target is configured (and so gets deliveries). */
  public boolean configured(String target) {
    return isConfigured(target, treasury, bank, analytics, statements);
  }

  /** Tells whether an event type reaches a target: the target is configured and some route sends the type to it. */
  public boolean delivers(String eventType, String target) {
    return enabled && configured(target) && routes.stream()
        .anyMatch(route -> route.targets().contains(target) && route.matches(eventType));
  }

  /** Returns the delivery policy of a configured target. */
  public Policy policy(String target) {
    switch (target) {
      case TREASURY:
        return treasury.policy();
      case BANK:
        return bank.policy();
      case ANALYTICS:
        return analytics.policy();
      case STATEMENTS:
        return statements.policy();
      default:
        throw new IllegalArgumentException("target: " + target + " (expected one of " + TARGETS + ")");
    }
  }

  /** Lists the configured targets, in the fixed order treasury, bank, analytics, statements. */
  public List<String> configuredTargets() {
    List<String> out = new ArrayList<>();
    for (String target : TARGETS) {
      if (configured(target)) {
        out.add(target);
      }
    }
    return out;
  }

  private static boolean isConfigured(String target, HttpTarget treasury, Bank bank, Analytics analytics,
      Statements statements) {
    switch (target) {
      case TREASURY:
        return treasury != null;
      case BANK:
        return bank != null;
      case ANALYTICS:
        return analytics != null;
      case STATEMENTS:
        return statements != null;
      default:
        return false;
    }
  }

  /**
   * Configures the outbox relay.
   *
   * @param pollInterval how often the relay looks for new outbox rows and due deliveries when idle
   * @param batchSize most outbox rows or deliveries claimed by one query
   * @param leaseMargin added to a target's timeout to give the claim's lease: a claim not finished by then
   *     (its gateway died) is taken over by another relay
   * @param statsInterval how often backlog and lag gauges are refreshed from the store
   */
  public record Relay(Duration pollInterval, int batchSize, Duration leaseMargin, Duration statsInterval) {
    public static final Relay DEFAULT = new Relay(Duration.ofMillis(250), 100, Duration.ofSeconds(30),
        Duration.ofSeconds(5));

    public Relay {
      positive("delivery.relay.pollInterval", pollInterval);
      positive("delivery.relay.leaseMargin", leaseMargin);
      positive("delivery.relay.statsInterval", statsInterval);
      if (batchSize < 1 || batchSize > 10_000) {
        throw new IllegalArgumentException("delivery.relay.batchSize: " + batchSize + " (expected: 1..10000)");
      }
    }

    static Relay read(ConfigReader in) {
      Duration poll = in.duration("pollInterval", DEFAULT.pollInterval());
      int batch = in.integer("batchSize", DEFAULT.batchSize(), 1, 10_000);
      Duration margin = in.duration("leaseMargin", DEFAULT.leaseMargin());
      Duration stats = in.duration("statsInterval", DEFAULT.statsInterval());
      in.rejectUnknownKeys();
      return in.build(() -> new Relay(poll, batch, margin, stats));
    }
  }

  /** Says how a retry delay is drawn from the schedule's delay {@code d}. */
  public enum Jitter {
    /** Uniformly between 0 and d ("full jitter"): spreads retries of many events over the whole interval. */
    FULL,
    /** Exactly d. */
    NONE
  }

  /**
   * Configures retries of technical failures.
   *
   * @param schedule the delay before attempt 2, 3, ...; so at most {@code schedule.size() + 1} attempts. The
   *     default is the Standard Webhooks / Svix schedule: 5s, 5m, 30m, 2h, 5h, 10h, 10h
   */
  public record Retry(List<Duration> schedule, Jitter jitter) {
    public static final Retry DEFAULT = new Retry(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
        Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)),
        Jitter.FULL);

    public Retry {
      schedule = List.copyOf(schedule);
      Objects.requireNonNull(jitter, "jitter");
      if (schedule.size() > 100) {
        throw new IllegalArgumentException("delivery.retry.schedule: " + schedule.size()
            + " delays (expected: at most 100)");
      }
      for (Duration delay : schedule) {
        positive("delivery.retry.schedule", delay);
      }
    }

    public int maxAttempts() {
      return schedule.size() + 1;
    }

    static Retry read(ConfigReader in, Retry defaults) {
      List<Duration> schedule = defaults.schedule();
      if (in.has("schedule")) {
        schedule = new ArrayList<>();
        List<String> texts = in.strings("schedule");
        for (int i = 0; i < texts.size(); i++) {
          Duration delay = ConfigReader.parseDuration(texts.get(i));
          if (delay == null || delay.isNegative() || delay.isZero()) {
            in.problem("schedule[" + i + "]", "\"" + texts.get(i) + "\" (expected: a positive duration such as 5s)");
          } else {
            schedule.add(delay);
          }
        }
      }
      Jitter jitter = in.enumValue("jitter", Jitter.class, defaults.jitter());
      in.rejectUnknownKeys();
      List<Duration> delays = schedule;
      return in.build(() -> new Retry(delays, jitter));
    }
  }

  /** Configures the circuit breaker of one target: it counts technical failures only. */
  public record Breaker(int failureThreshold, Duration failureWindow, Duration resetTimeout) {
    public static final Breaker DEFAULT = new Breaker(5, Duration.ofSeconds(60), Duration.ofSeconds(30));

    public Breaker {
      if (failureThreshold < 1) {
        throw new IllegalArgumentException("delivery.breaker.failureThreshold: " + failureThreshold
            + " (expected: >= 1)");
      }
      positive("delivery.breaker.failureWindow", failureWindow);
      positive("delivery.breaker.resetTimeout", resetTimeout);
    }

    static Breaker read(ConfigReader in, Breaker defaults) {
      int threshold = in.integer("failureThreshold", defaults.failureThreshold(), 1, 1_000_000);
      Duration window = in.duration("failureWindow", defaults.failureWindow());
      Duration reset = in.duration("resetTimeout", defaults.resetTimeout());
      in.rejectUnknownKeys();
      return in.build(() -> new Breaker(threshold, window, reset));
    }
  }

  /**
   * Configures parking: an event whose prerequisite is missing (a payment for an invoice Odoo does not have
   * yet) is re-checked every {@code recheck} and as soon as an event about the prerequisite arrives, and
   * dead-lettered once it has waited {@code deadline}.
   */
  public record Park(Duration deadline, Duration recheck) {
    public static final Park DEFAULT = new Park(Duration.ofHours(24), Duration.ofMinutes(5));

    public Park {
      positive("delivery.park.deadline", deadline);
      positive("delivery.park.recheck", recheck);
    }

    static Park read(ConfigReader in, Park defaults) {
      Duration deadline = in.duration("deadline", defaults.deadline());
      Duration recheck = in.duration("recheck", defaults.recheck());
      in.rejectUnknownKeys();
      return in.build(() -> new Park(deadline, recheck));
    }
  }

  /**
   * Configures how one target is delivered to.
   *
   * @param window most attempts in flight (in memory) for the target; when full the relay stops claiming
   * @param timeout longest one attempt may take
   */
  public record Policy(Retry retry, Breaker breaker, Park park, int window, Duration timeout) {
    public static final Policy DEFAULT = new Policy(Retry.DEFAULT, Breaker.DEFAULT, Park.DEFAULT, 64,
        Duration.ofSeconds(10));

    public Policy {
      Objects.requireNonNull(retry, "retry");
      Objects.requireNonNull(breaker, "breaker");
      Objects.requireNonNull(park, "park");
      if (window < 1 || window > 100_000) {
        throw new IllegalArgumentException("delivery.window: " + window + " (expected: 1..100000)");
      }
      positive("delivery.timeout", timeout);
    }

    /** Reads the policy keys of {@code in} (the delivery section or one target), each falling back to defaults. */
    static Policy read(ConfigReader in, Policy defaults) {
      Retry retry = in.has("retry") ? Retry.read(in.section("retry"), defaults.retry()) : defaults.retry();
      Breaker breaker = in.has("breaker") ? Breaker.read(in.section("breaker"), defaults.breaker())
          : defaults.breaker();
      Park park = in.has("park") ? Park.read(in.section("park"), defaults.park()) : defaults.park();
      int window = in.integer("window", defaults.window(), 1, 100_000);
      Duration timeout = in.duration("timeout", defaults.timeout());
      if (retry == null || breaker == null || park == null) {
        return null;
      }
      return in.build(() -> new Policy(retry, breaker, park, window, timeout));
    }
  }

  /** Says which deliveries go first within a target: payment status and alerts ahead of bulk. */
  public enum Priority {
    HIGH, NORMAL, LOW;

    /** The value stored with a delivery; lower is claimed first. */
    public int rank() {
      return ordinal();
    }
  }

  /**
   * Routes events to targets.
   *
   * @param events event type patterns: {@code payment.succeeded}, {@code payment.*} (any suffix) or {@code *}
   */
  public record Route(List<String> events, List<String> targets, Priority priority) {
    private static final Pattern EVENT_PATTERN = Pattern.compile("\\*|[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*(\\.\\*)?");

    public Route {
      events = List.copyOf(events);
      targets = List.copyOf(targets);
      Objects.requireNonNull(priority, "priority");
      if (events.isEmpty()) {
        throw new IllegalArgumentException("events: [] (expected: at least one event type pattern)");
      }
      if (targets.isEmpty()) {
        throw new IllegalArgumentException("targets: [] (expected: at least one of " + TARGETS + ")");
      }
      for (String event : events) {
        if (!EVENT_PATTERN.matcher(event).matches()) {
          throw new IllegalArgumentException("events: \"" + event
              + "\" (expected: a type such as payment.succeeded, a prefix such as payment.*, or *)");
        }
      }
      for (String target : targets) {
        if (!TARGETS.contains(target)) {
          throw new IllegalArgumentException("targets: \"" + target + "\" (expected one of " + TARGETS + ")");
        }
      }
      // The statements target imports files and nothing else: any other event sent there would be dead-lettered.
      if (targets.contains(STATEMENTS) && !events.equals(List.of(WebhookConfig.StatementImport.EVENT_TYPE))) {
        throw new IllegalArgumentException("events: " + events + " (expected: only "
            + WebhookConfig.StatementImport.EVENT_TYPE + " on a route to " + STATEMENTS + ")");
      }
    }

    /** Tells whether one of this route's patterns matches an event type ({@code payment.*} matches any suffix). */
    public boolean matches(String eventType) {
      for (String pattern : events) {
        if (pattern.equals("*") || pattern.equals(eventType)
            || pattern.endsWith(".*") && eventType.regionMatches(0, pattern, 0, pattern.length() - 1)) {
          return true;
        }
      }
      return false;
    }

    static Route read(ConfigReader in) {
      List<String> events = in.strings("events");
      List<String> targets = in.strings("targets");
      Priority priority = in.enumValue("priority", Priority.class, Priority.NORMAL);
      in.rejectUnknownKeys();
      return in.build(() -> new Route(events, targets, priority));
    }
  }

  /**
   * Configures an HTTP target: the events are POSTed to {@code url}, signed as Standard Webhooks with
   * {@code secret} (a {@code whsec_}-prefixed base64 key) when one is set.
   */
  public record HttpTarget(URI url, Secret secret, Policy policy) {
    public HttpTarget {
      requireHttpUrl("url", url);
      Objects.requireNonNull(policy, "policy");
    }

    static HttpTarget read(ConfigReader in, Policy defaults, boolean secretRequired) {
      URI url = uri(in, "url", true);
      Secret secret = in.secret("secret", secretRequired);
      Policy policy = Policy.read(in, defaults);
      in.rejectUnknownKeys();
      if (url == null || policy == null) {
        return null;
      }
      return in.build(() -> new HttpTarget(url, secret, policy));
    }
  }

  /**
   * Configures the bank target: payment and settlement events registered in Odoo against their invoice.
   *
   * @param journalCode the Odoo journal payments are registered in when the event names none (null: Odoo's
   *     first bank journal)
   */
  public record Bank(Policy policy, String journalCode) {
    public Bank {
      Objects.requireNonNull(policy, "policy");
    }

    static Bank read(ConfigReader in, Policy defaults) {
      String journal = in.string("journalCode", null);
      Policy policy = Policy.read(in, defaults);
      in.rejectUnknownKeys();
      if (policy == null) {
        return null;
      }
      return in.build(() -> new Bank(policy, journal));
    }
  }

  /** Says where analytics data goes. */
  public enum AnalyticsMode {
    /** NDJSON over HTTP POST, one request per batch (or per routed event). */
    HTTP,
    /** Rows in the gateway's PostgreSQL: analytics_ledger_lines and analytics_events. */
    POSTGRES
  }

  /**
   * Configures the analytics target.
   *
   * @param url the NDJSON endpoint (mode http only)
   * @param interval how often a batch of changed ledger lines is cut
   * @param cutoffLag how far behind now a batch's cut-off lies, so that Odoo transactions still committing
   *     (whose write_date is their start time) land in the next batch, not nowhere
   * @param pageSize ledger lines read from Odoo per call
   * @param maxRows most lines in one batch; a larger window is cut at a whole write_date second
   * @param since the first batch's lower watermark (Odoo write_date, UTC)
   */
  public record Analytics(AnalyticsMode mode, URI url, Secret secret, Policy policy, Duration interval,
      Duration cutoffLag, int pageSize, int maxRows, LocalDateTime since) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CUTOFF_LAG = Duration.ofSeconds(10);
    public static final int DEFAULT_PAGE_SIZE = 500;
    public static final int DEFAULT_MAX_ROWS = 50_000;
    public static final LocalDateTime DEFAULT_SINCE = LocalDateTime.of(2000, 1, 1, 0, 0);

    public Analytics {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(since, "since");
      if (mode == AnalyticsMode.HTTP) {
        requireHttpUrl("delivery.targets.analytics.url", url);
      }
      positive("delivery.targets.analytics.interval", interval);
      if (cutoffLag.isNegative()) {
        throw new IllegalArgumentException("delivery.targets.analytics.cutoffLag: " + cutoffLag
            + " (expected: >= 0)");
      }
      if (pageSize < 1 || pageSize > 10_000) {
        throw new IllegalArgumentException("delivery.targets.analytics.pageSize: " + pageSize
            + " (expected: 1..10000)");
      }
      if (maxRows < pageSize) {
        throw new IllegalArgumentException("delivery.targets.analytics.maxRows: " + maxRows
            + " (expected: >= pageSize " + pageSize + ")");
      }
    }

    static Analytics read(ConfigReader in, Policy defaults) {
      AnalyticsMode mode = in.enumValue("mode", AnalyticsMode.class, AnalyticsMode.HTTP);
      URI url = uri(in, "url", mode == AnalyticsMode.HTTP);
      Secret secret = in.secret("secret", false);
      Policy policy = Policy.read(in, defaults);
      Duration interval = in.duration("interval", DEFAULT_INTERVAL);
      Duration lag = in.duration("cutoffLag", DEFAULT_CUTOFF_LAG);
      int pageSize = in.integer("pageSize", DEFAULT_PAGE_SIZE, 1, 10_000);
      int maxRows = in.integer("maxRows", DEFAULT_MAX_ROWS, 1, 10_000_000);
      LocalDateTime since = dateTime(in, "since", DEFAULT_SINCE);
      in.rejectUnknownKeys();
      if (policy == null) {
        return null;
      }
      return in.build(() -> new Analytics(mode, url, secret, policy, interval, lag, pageSize, maxRows, since));
    }
  }

  /**
   * Configures the statements target: each {@code bank.statement.file.received} event's file is read from the
   * webhook inbox and imported into Odoo by the bank statement importer (settings under {@code bankImport}). Only
   * the delivery policy can be overridden; an import of a large file takes longer than a webhook call, so give it
   * a {@code timeout} to match.
   */
  public record Statements(Policy policy) {
    public Statements {
      Objects.requireNonNull(policy, "policy");
    }

    static Statements read(ConfigReader in, Policy defaults) {
      Policy policy = Policy.read(in, defaults);
      in.rejectUnknownKeys();
      if (policy == null) {
        return null;
      }
      return in.build(() -> new Statements(policy));
    }
  }

  static DeliveryConfig read(ConfigReader in) {
    boolean enabled = in.bool("enabled", true);
    Relay relay = in.has("relay") ? Relay.read(in.section("relay")) : Relay.DEFAULT;
    Policy defaults = Policy.read(in, Policy.DEFAULT);
    List<Route> routes = in.each(in.sections("routes"), Route::read);
    ConfigReader targets = in.section("targets");
    HttpTarget treasury = targets.has(TREASURY)
        ? HttpTarget.read(targets.section(TREASURY), policyOrDefault(defaults), true) : null;
    Bank bank = targets.has(BANK) ? Bank.read(targets.section(BANK), policyOrDefault(defaults)) : null;
    Analytics analytics = targets.has(ANALYTICS)
        ? Analytics.read(targets.section(ANALYTICS), policyOrDefault(defaults)) : null;
    Statements statements = targets.has(STATEMENTS)
        ? Statements.read(targets.section(STATEMENTS), policyOrDefault(defaults)) : null;
    targets.rejectUnknownKeys();
    in.rejectUnknownKeys();
    if (in.hasProblems()) {
      return null;
    }
    return in.build(() -> new DeliveryConfig(enabled, relay, defaults, routes, treasury, bank, analytics,
        statements));
  }

  private static Policy policyOrDefault(Policy policy) {
    return policy == null ? Policy.DEFAULT : policy;
  }

  private static URI uri(ConfigReader in, String key, boolean required) {
    String text = required ? in.requiredString(key) : in.string(key, null);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        in.problem(key, "\"" + text + "\" (expected: an http:// or https:// URL)");
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      in.problem(key, "\"" + text + "\" (expected: an http:// or https:// URL)");
      return null;
    }
  }

  private static LocalDateTime dateTime(ConfigReader in, String key, LocalDateTime defaultValue) {
    String text = in.string(key, null);
    if (text == null) {
      return defaultValue;
    }
    try {
      if (text.chars().allMatch(Character::isDigit)) {
        // YAML reads an unquoted 2026-01-01T00:00:00 as a timestamp, which reaches us as epoch milliseconds.
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(text)), ZoneOffset.UTC);
      }
      return LocalDateTime.parse(text.replace(' ', 'T'));
    } catch (DateTimeParseException | NumberFormatException e) {
      in.problem(key, "\"" + text + "\" (expected: a UTC date-time such as 2026-01-01T00:00:00)");
      return defaultValue;
    }
  }

  private static void requireHttpUrl(String name, URI url) {
    if (url == null || url.getScheme() == null || url.getHost() == null
        || !List.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(name + ": " + url + " (expected: an http:// or https:// URL)");
    }
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }
}
