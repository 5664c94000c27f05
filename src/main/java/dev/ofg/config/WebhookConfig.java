package dev.ofg.config;

import dev.ofg.webhook.WebhookVerifiers;
import dev.ofg.webhook.hmac.FieldSource;
import dev.ofg.webhook.hmac.GenericHmacVerifier;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configures webhook ingestion ({@code webhooks:}): the group commit of the inbox, and the sources served at
 * {@code POST /webhooks/<name>}, each with its verifier, secrets, body limit and event mapping.
 *
 * @param groupCommit how concurrent deliveries are batched into one inbox transaction
 * @param retryAfter the Retry-After a sender gets when the inbox is full or the store is unavailable
 * @param sources source name to its configuration, in configuration order
 */
public record WebhookConfig(GroupCommit groupCommit, Duration retryAfter, Map<String, Source> sources) {
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  /** No sources: {@code /webhooks/*} answers 404. */
  public static final WebhookConfig NONE = new WebhookConfig(GroupCommit.DEFAULTS, DEFAULT_RETRY_AFTER, Map.of());

  private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern FINANCE_TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  public WebhookConfig {
    Objects.requireNonNull(groupCommit, "groupCommit");
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.toSeconds() < 1 || retryAfter.toSeconds() > 3600) {
      throw new IllegalArgumentException("retryAfter: " + retryAfter + " (expected: 1s..1h)");
    }
    Map<String, Source> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Source> entry : Objects.requireNonNull(sources, "sources").entrySet()) {
      if (!entry.getKey().equals(entry.getValue().name())) {
        throw new IllegalArgumentException("sources." + entry.getKey() + ": named \"" + entry.getValue().name()
            + "\" (expected: the key and the name to match)");
      }
      copy.put(entry.getKey(), entry.getValue());
    }
    sources = Collections.unmodifiableMap(copy);
  }

  static WebhookConfig read(ConfigReader in) {
    GroupCommit groupCommit = GroupCommit.read(in.section("groupCommit"));
    Duration retryAfter = in.duration("retryAfter", DEFAULT_RETRY_AFTER);
    Map<String, Source> sources = new LinkedHashMap<>();
    in.namedSections("sources").forEach((name, section) -> {
      Source source = Source.read(name, section);
      if (source != null) {
        sources.put(name, source);
      }
    });
    in.rejectUnknownKeys();
    if (in.hasProblems() || groupCommit == null) {
      return null;
    }
    return in.build(() -> new WebhookConfig(groupCommit, retryAfter, sources));
  }

  /**
   * Configures the group commit: deliveries wait at most {@code maxDelay} (or until {@code maxBatch} are
   * queued) and are then written in one transaction; while {@code maxConcurrentBatches} transactions are in
   * flight, new deliveries queue, up to {@code maxQueued} requests and {@code maxQueuedBytes} of bodies.
   */
  public record GroupCommit(int maxBatch, Duration maxDelay, int maxQueued, long maxQueuedBytes,
      int maxConcurrentBatches) {
    public static final int DEFAULT_MAX_BATCH = 64;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(2);
    public static final int DEFAULT_MAX_QUEUED = 4096;
    public static final long DEFAULT_MAX_QUEUED_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_BATCHES = 4;
    public static final GroupCommit DEFAULTS = new GroupCommit(DEFAULT_MAX_BATCH, DEFAULT_MAX_DELAY,
        DEFAULT_MAX_QUEUED, DEFAULT_MAX_QUEUED_BYTES, DEFAULT_MAX_CONCURRENT_BATCHES);

    public GroupCommit {
      if (maxBatch < 1 || maxBatch > 1000) {
        throw new IllegalArgumentException("maxBatch: " + maxBatch + " (expected: 1..1000)");
      }
      Objects.requireNonNull(maxDelay, "maxDelay");
      if (maxDelay.isNegative() || maxDelay.toMillis() > 1000) {
        throw new IllegalArgumentException("maxDelay: " + maxDelay + " (expected: 0ms..1s)");
      }
      if (maxQueued < 1) {
        throw new IllegalArgumentException("maxQueued: " + maxQueued + " (expected: >= 1)");
      }
      if (maxQueuedBytes < 1024) {
        throw new IllegalArgumentException("maxQueuedBytes: " + maxQueuedBytes + " (expected: >= 1024)");
      }
      if (maxConcurrentBatches < 1 || maxConcurrentBatches > 64) {
        throw new IllegalArgumentException(
            "maxConcurrentBatches: " + maxConcurrentBatches + " (expected: 1..64)");
      }
    }

    static GroupCommit read(ConfigReader in) {
      int maxBatch = in.integer("maxBatch", DEFAULT_MAX_BATCH, 1, 1000);
      Duration maxDelay = in.duration("maxDelay", DEFAULT_MAX_DELAY);
      int maxQueued = in.integer("maxQueued", DEFAULT_MAX_QUEUED, 1, 10_000_000);
      long maxQueuedBytes = in.longValue("maxQueuedBytes", DEFAULT_MAX_QUEUED_BYTES, 1024, Long.MAX_VALUE);
      int concurrent = in.integer("maxConcurrentBatches", DEFAULT_MAX_CONCURRENT_BATCHES, 1, 64);
      in.rejectUnknownKeys();
      return in.build(() -> new GroupCommit(maxBatch, maxDelay, maxQueued, maxQueuedBytes, concurrent));
    }
  }

  /**
   * Configures one webhook source.
   *
   * @param name the path segment in {@code /webhooks/<name>}, also the rate-limit client and the metric label
   * @param type the verifier type (see {@link WebhookVerifiers})
   * @param settings the verifier's settings ({@code maxBodyBytes} is filled in from this source's limit)
   * @param secrets the signing secrets valid now, in the provider's text form; several during a rotation
   * @param maxBodyBytes the largest body accepted (413 above)
   * @param events mapping rules tried before the built-in ones
   * @param builtInEvents whether the verifier type's built-in mapping rules apply after {@code events}
   * @param currencyDigits currency to the number of minor-unit digits the provider uses, where it differs
   * @param statementImport set for a source that posts bank statement files (camt.053/054, MT940): each file
   *     becomes a {@code bank.statement.file.received} event and is imported into Odoo; null for event sources
   */
  public record Source(String name, String type, JsonObject settings, List<Secret> secrets, int maxBodyBytes,
      List<EventRule> events, boolean builtInEvents, Map<String, Integer> currencyDigits,
      StatementImport statementImport) {
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    public Source {
      if (name == null || !SOURCE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("name: \"" + name
            + "\" (expected: lower-case letters, digits, . _ -, at most 64)");
      }
      Objects.requireNonNull(type, "type");
      type = type.toLowerCase(Locale.ROOT);
      if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES) {
        throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: 1.." + MAX_BODY_BYTES + ")");
      }
      settings = Objects.requireNonNull(settings, "settings").copy();
      if (settings.containsKey("maxBodyBytes")) {
        throw new IllegalArgumentException("settings.maxBodyBytes: set (expected: maxBodyBytes on the source)");
      }
      settings.put("maxBodyBytes", maxBodyBytes);
      secrets = List.copyOf(secrets);
      events = List.copyOf(events);
      currencyDigits = Map.copyOf(currencyDigits);
      for (Map.Entry<String, Integer> digits : currencyDigits.entrySet()) {
        if (!CURRENCY.matcher(digits.getKey()).matches() || digits.getValue() < 0 || digits.getValue() > 4) {
          throw new IllegalArgumentException("currencyDigits." + digits.getKey() + ": " + digits.getValue()
              + " (expected: an upper-case ISO 4217 code and 0..4 digits)");
        }
      }
      // Builds the verifier once so that a bad type, setting or secret fails at start with its path.
      WebhookVerifiers.create(type, settings, revealed(secrets));
      if (statementImport != null) {
        requireFileSettings(type, settings);
      }
    }

    /**
     * Refuses a statement source whose verifier would read the body as JSON: a camt or MT940 file is not JSON, so
     * every file would be answered 400. Only {@code hmac} can identify a request without reading it: the event id
     * from the body's digest (a re-sent file is then the same event), type and time from headers or constants.
     */
    private static void requireFileSettings(String type, JsonObject settings) {
      if (!GenericHmacVerifier.TYPE.equals(type)) {
        throw new IllegalArgumentException("statementImport: set on a source of type " + type + " (expected: type "
            + GenericHmacVerifier.TYPE + " with settings.eventId body:sha256; a statement file is not JSON)");
      }
      String eventId = settings.getString("eventId");
      if (FieldSource.parse(eventId).kind() != FieldSource.Kind.BODY_SHA256) {
        throw new IllegalArgumentException("statementImport: settings.eventId " + eventId
            + " (expected: body:sha256, so that a re-sent file is the same event and the body is not read as JSON)");
      }
      for (String key : List.of("eventType", "occurredAt")) {
        String value = settings.getString(key);
        if (value != null && FieldSource.parse(value).needsJson()) {
          throw new IllegalArgumentException("statementImport: settings." + key + " " + value
              + " (expected: header:<name> or const:<value>; a statement file is not JSON)");
        }
      }
    }

    /** Returns the secrets in the clear, for building the verifier; never log the result. */
    public List<String> revealedSecrets() {
      return revealed(secrets);
    }

    private static List<String> revealed(List<Secret> secrets) {
      return secrets.stream().map(Secret::reveal).toList();
    }

    @Override
    public JsonObject settings() {
      return settings.copy();
    }

    static Source read(String name, ConfigReader in) {
      String type = in.requiredString("type");
      JsonObject settings = in.json("settings");
      List<ConfigReader> secretItems = in.sections("secrets");
      List<Secret> secrets = in.each(secretItems, item -> {
        Secret secret = item.secret("value", true);
        item.rejectUnknownKeys();
        return secret;
      });
      if (secretItems.isEmpty()) {
        in.problem("secrets", "none (expected: a list of {value: ${ENV}} or {valueFile: /path})");
      }
      int maxBodyBytes = in.integer("maxBodyBytes", DEFAULT_MAX_BODY_BYTES, 1, MAX_BODY_BYTES);
      List<EventRule> events = in.each(in.sections("events"), EventRule::read);
      boolean builtInEvents = in.bool("builtInEvents", true);
      Map<String, Integer> currencyDigits = new LinkedHashMap<>();
      ConfigReader digits = in.section("currencyDigits");
      for (String currency : digits.keys()) {
        currencyDigits.put(currency, digits.integer(currency, 2, 0, 4));
      }
      StatementImport statementImport = in.has("statementImport")
          ? StatementImport.read(in.section("statementImport")) : null;
      in.rejectUnknownKeys();
      // Problems elsewhere must not hide this source's own, so only its missing parts stop the build here.
      if (type.isEmpty() || secrets.isEmpty()) {
        return null;
      }
      return in.build(() -> new Source(name, type, settings, secrets, maxBodyBytes, events, builtInEvents,
          currencyDigits, statementImport));
    }

    @Override
    public String toString() {
      return "Source[name=" + name + ", type=" + type + ", secrets=" + secrets.size() + " (masked), maxBodyBytes="
          + maxBodyBytes + ", events=" + events.size() + ", builtInEvents=" + builtInEvents + "]";
    }
  }

  /**
   * Marks a source whose requests are bank statement files, and says where their lines go.
   *
   * @param journal the Odoo journal code to import into; null lets the importer pick the journal whose bank
   *     account matches the statement (or the configured default)
   */
  public record StatementImport(String journal) {
    public static final String EVENT_TYPE = "bank.statement.file.received";

    static StatementImport read(ConfigReader in) {
      String journal = in.string("journal", null);
      in.rejectUnknownKeys();
      return new StatementImport(journal);
    }
  }

  /** Says how a provider writes an amount: in minor units (cents, an integer) or major units (a decimal). */
  public enum AmountUnit {
    MINOR,
    MAJOR
  }

  /**
   * Maps one provider event type (optionally only when fields have given values) to a canonical finance
   * event, naming with JSON pointers (RFC 6901) into the provider event where its fields come from. Each
   * field may list several pointers: the first one present wins.
   *
   * @param providerType the provider's event type, e.g. {@code payment_intent.succeeded} or {@code AUTHORISATION}
   * @param when JSON pointer to the text the value must have, e.g. {@code /success: "true"}; empty for always
   * @param type the canonical type, e.g. {@code payment.succeeded}
   * @param version the canonical type's version
   * @param aggregateType the kind of business object, e.g. {@code payment}
   * @param aggregateId where the object's id is; empty to use the provider event id
   * @param amount where the amount is; empty for events without an amount
   * @param amountUnit how the amount is written
   * @param currency where the ISO 4217 currency code is (required with an amount)
   * @param reference where the merchant's own reference is (optional in the event)
   */
  public record EventRule(String providerType, Map<String, String> when, String type, int version,
      String aggregateType, List<String> aggregateId, List<String> amount, AmountUnit amountUnit,
      List<String> currency, List<String> reference, PaymentFields payment) {

    public EventRule {
      if (providerType == null || providerType.isBlank()) {
        throw new IllegalArgumentException("providerType: missing (expected: the provider's event type)");
      }
      if (type == null || !FINANCE_TYPE.matcher(type).matches()) {
        throw new IllegalArgumentException("type: " + type + " (expected: dotted lower-case, e.g. payment.succeeded)");
      }
      if (version < 1) {
        throw new IllegalArgumentException("version: " + version + " (expected: >= 1)");
      }
      if (aggregateType == null || aggregateType.isBlank()) {
        throw new IllegalArgumentException("aggregateType: missing (expected: e.g. payment, refund, payout)");
      }
      Objects.requireNonNull(amountUnit, "amountUnit");
      when = Map.copyOf(when);
      when.keySet().forEach(pointer -> requirePointer("when", pointer));
      aggregateId = pointers("aggregateId", aggregateId);
      amount = pointers("amount", amount);
      currency = pointers("currency", currency);
      reference = pointers("reference", reference);
      if (!amount.isEmpty() && currency.isEmpty()) {
        throw new IllegalArgumentException("currency: missing (expected: a JSON pointer when amount is set)");
      }
      if (payment != null && amount.isEmpty()) {
        throw new IllegalArgumentException("payment: set without amount (expected: amount and currency pointers)");
      }
    }

    /** Starts a rule with no conditions, version 1, minor-unit amounts and no field pointers. */
    public static EventRule of(String providerType, String type, String aggregateType) {
      return new EventRule(providerType, Map.of(), type, 1, aggregateType, List.of(), List.of(), AmountUnit.MINOR,
          List.of(), List.of(), null);
    }

    public EventRule when(String pointer, String value) {
      Map<String, String> conditions = new LinkedHashMap<>(when);
      conditions.put(pointer, value);
      return new EventRule(providerType, conditions, type, version, aggregateType, aggregateId, amount, amountUnit,
          currency, reference, payment);
    }

    public EventRule aggregateId(String... pointers) {
      return new EventRule(providerType, when, type, version, aggregateType, List.of(pointers), amount, amountUnit,
          currency, reference, payment);
    }

    public EventRule amount(AmountUnit unit, String amountPointer, String currencyPointer) {
      return new EventRule(providerType, when, type, version, aggregateType, aggregateId, List.of(amountPointer),
          unit, List.of(currencyPointer), reference, payment);
    }

    public EventRule reference(String... pointers) {
      return new EventRule(providerType, when, type, version, aggregateType, aggregateId, amount, amountUnit,
          currency, List.of(pointers), payment);
    }

    /** Makes the event also a canonical payment (for the bank target), with partner and invoice found here. */
    public EventRule payment(String direction, List<String> partner, List<String> invoice) {
      return new EventRule(providerType, when, type, version, aggregateType, aggregateId, amount, amountUnit,
          currency, reference, new PaymentFields(direction, partner, invoice));
    }

    static List<String> pointers(String key, List<String> pointers) {
      List<String> copy = List.copyOf(pointers);
      copy.forEach(pointer -> requirePointer(key, pointer));
      return copy;
    }

    private static void requirePointer(String key, String pointer) {
      boolean valid = pointer != null && pointer.startsWith("/");
      if (valid) {
        try {
          JsonPointer.from(pointer);
        } catch (IllegalArgumentException e) {
          valid = false;
        }
      }
      if (!valid) {
        throw new IllegalArgumentException(key + ": \"" + pointer + "\" (expected: a JSON pointer such as /data/id)");
      }
    }

    static EventRule read(ConfigReader in) {
      String providerType = in.requiredString("providerType");
      Map<String, String> when = new LinkedHashMap<>();
      ConfigReader conditions = in.section("when");
      for (String pointer : conditions.keys()) {
        when.put(pointer, conditions.requiredString(pointer));
      }
      String type = in.requiredString("type");
      int version = in.integer("version", 1, 1, 1000);
      String aggregateType = in.requiredString("aggregateType");
      List<String> aggregateId = in.oneOrMore("aggregateId");
      List<String> amount = in.oneOrMore("amount");
      AmountUnit unit = in.enumValue("amountUnit", AmountUnit.class, AmountUnit.MINOR);
      List<String> currency = in.oneOrMore("currency");
      List<String> reference = in.oneOrMore("reference");
      PaymentFields payment = in.has("payment") ? PaymentFields.read(in.section("payment")) : null;
      in.rejectUnknownKeys();
      if (providerType.isEmpty() || type.isEmpty() || aggregateType.isEmpty()) {
        return null;
      }
      return in.build(() -> new EventRule(providerType, when, type, version, aggregateType, aggregateId, amount, unit,
          currency, reference, payment));
    }
  }

  /**
   * Says where a provider event carries what makes it a canonical payment the bank target can register in Odoo
   * (the fields of {@code POST /api/v1/payments}): the partner's and the invoice's external references, usually
   * set by the merchant in the provider's metadata.
   *
   * @param direction inbound (money received) or outbound (money sent)
   * @param partner JSON pointers to the partner's external reference, first present wins
   * @param invoice JSON pointers to the settled invoice's external reference; empty or absent means none
   */
  public record PaymentFields(String direction, List<String> partner, List<String> invoice) {
    public PaymentFields {
      if (!"inbound".equals(direction) && !"outbound".equals(direction)) {
        throw new IllegalArgumentException("payment.direction: " + direction + " (expected: inbound or outbound)");
      }
      partner = EventRule.pointers("payment.partner", partner);
      invoice = EventRule.pointers("payment.invoice", invoice);
      if (partner.isEmpty()) {
        throw new IllegalArgumentException("payment.partner: missing (expected: a JSON pointer to the partner's "
            + "external reference)");
      }
    }

    static PaymentFields read(ConfigReader in) {
      String direction = in.string("direction", "inbound");
      List<String> partner = in.oneOrMore("partner");
      List<String> invoice = in.oneOrMore("invoice");
      in.rejectUnknownKeys();
      return in.build(() -> new PaymentFields(direction, partner, invoice));
    }
  }
}
