package dev.ofg.webhook.ingest;

import dev.ofg.config.WebhookConfig;
import dev.ofg.config.WebhookConfig.AmountUnit;
import dev.ofg.config.WebhookConfig.EventRule;
import dev.ofg.finance.FinanceEvent;
import dev.ofg.webhook.PayloadLimits;
import dev.ofg.webhook.ProviderEvent;
import dev.ofg.webhook.WebhookJsonReader;
import dev.ofg.webhook.WebhookPayloadException;
import dev.ofg.webhook.WebhookRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns the provider events of one source into canonical, versioned {@link FinanceEvent}s by the source's
 * mapping rules (configured ones first, then the provider's built-in ones); an event no rule matches, or
 * whose mapped fields are absent or unusable, is {@link Unrouted} with a reason for operators.
 *
 * <p>Amounts become decimal strings with exactly the digits the currency has at the provider (see
 * {@link MinorUnits}): {@code 1999} EUR minor units is {@code "19.99"}, {@code 500} JPY is {@code "500"}.
 * The event id is derived from (source, provider event id), so it is stable however often the provider
 * re-sends. Immutable and thread-safe.
 */
public final class EventNormaliser {
  /** Longest aggregate id or reference taken from a payload. */
  static final int MAX_TEXT_LENGTH = 255;
  private static final int MAX_AMOUNT_DIGITS = 30;
  private static final Pattern MINOR_AMOUNT = Pattern.compile("-?[0-9]{1," + MAX_AMOUNT_DIGITS + "}");
  private static final Pattern MAJOR_AMOUNT = Pattern.compile("-?[0-9]{1,24}(\\.[0-9]{1,6})?");
  private static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");
  private static final PayloadLimits EVENT_LIMITS = new PayloadLimits(Integer.MAX_VALUE, 1, 1000);

  private final String source;
  private final String provider;
  private final List<CompiledRule> rules;
  private final MinorUnits minorUnits;
  private final WebhookConfig.StatementImport statementImport;
  private final WebhookJsonReader reader = new WebhookJsonReader(EVENT_LIMITS);

  private EventNormaliser(String source, String provider, List<CompiledRule> rules, MinorUnits minorUnits,
      WebhookConfig.StatementImport statementImport) {
    this.source = source;
    this.provider = provider;
    this.rules = rules;
    this.minorUnits = minorUnits;
    this.statementImport = statementImport;
  }

  /** Compiles a source's rules (its own, then the built-in ones unless turned off). */
  public static EventNormaliser create(WebhookConfig.Source source) {
    List<CompiledRule> rules = new ArrayList<>();
    source.events().forEach(rule -> rules.add(new CompiledRule(rule)));
    if (source.builtInEvents()) {
      BuiltInEventRules.forType(source.type()).forEach(rule -> rules.add(new CompiledRule(rule)));
    }
    return new EventNormaliser(source.name(), source.type(), List.copyOf(rules),
        MinorUnits.of(source.type(), source.currencyDigits()), source.statementImport());
  }

  /** Says what became of a provider event. */
  public sealed interface Normalised permits Routed, Unrouted {
  }

  /** Carries the canonical event, still without its {@code payloadRef} (known once the inbox row exists). */
  public record Routed(FinanceEvent event) implements Normalised {
  }

  /** Says why an event produces no finance event; the text names rules and pointers, never payload values. */
  public record Unrouted(String reason) implements Normalised {
  }

  /**
   * Maps one provider event.
   *
   * @param correlationId the correlation id of the request that carried it
   * @param receivedAt when the request arrived; the occurrence time when the provider gives none
   */
  public Normalised normalise(ProviderEvent event, String correlationId, Instant receivedAt) {
    if (statementImport != null) {
      return statementFile(event, correlationId, receivedAt);
    }
    JsonObject json;
    try {
      json = reader.readObject(WebhookRequest.builder().body(event.rawJson()).receivedAt(receivedAt).build());
    } catch (WebhookPayloadException e) {
      return new Unrouted("the event JSON cannot be read again");
    }
    for (CompiledRule rule : rules) {
      if (rule.matches(event.type(), json)) {
        return map(rule, event, json, correlationId, receivedAt);
      }
    }
    return new Unrouted("no mapping for event type " + event.type());
  }

  /**
   * Turns a bank statement file into one event: the file stays in the inbox ({@code payloadRef}) and the importer
   * reads it from there, so a file is imported once per distinct content however often it is re-sent.
   */
  private Normalised statementFile(ProviderEvent event, String correlationId, Instant receivedAt) {
    JsonObject data = new JsonObject().put("provider", provider).put("source", source)
        .put("journal", statementImport.journal()).put("bytes", event.rawJson().length);
    return new Routed(new FinanceEvent(eventId(event.id()), WebhookConfig.StatementImport.EVENT_TYPE, 1,
        "statement-file", event.id(), source, event.id(), correlationId,
        event.occurredAt().orElse(receivedAt), data, null));
  }

  /** Returns the stable finance event id of a provider event of this source. */
  public UUID eventId(String providerEventId) {
    return UUID.nameUUIDFromBytes(("webhook:" + source + ":" + providerEventId).getBytes(StandardCharsets.UTF_8));
  }

  private Normalised map(CompiledRule rule, ProviderEvent event, JsonObject json, String correlationId,
      Instant receivedAt) {
    try {
      JsonObject data = new JsonObject().put("provider", provider).put("providerEventType", event.type());
      String aggregateId = rule.aggregateId.isEmpty() ? event.id()
          : text(required(rule.aggregateId, json, "aggregateId"), "aggregateId");
      if (!rule.amount.isEmpty()) {
        String currency = currency(required(rule.currency, json, "currency"));
        data.put("amount", amount(required(rule.amount, json, "amount"), rule.rule.amountUnit(), currency))
            .put("currency", currency);
      }
      Object reference = first(rule.reference, json);
      if (reference != null) {
        data.put("reference", text(reference, "reference"));
      }
      EventRule spec = rule.rule;
      Instant occurredAt = event.occurredAt().orElse(receivedAt);
      if (spec.payment() != null) {
        addPayment(rule, json, data, aggregateId, occurredAt);
      }
      return new Routed(new FinanceEvent(eventId(event.id()), spec.type(), spec.version(), spec.aggregateType(),
          aggregateId, source, event.id(), correlationId, occurredAt, data, null));
    } catch (UnusableField e) {
      return new Unrouted(rule.rule.type() + " (from " + event.type() + "): " + e.getMessage());
    }
  }

  /**
   * Adds the canonical payment fields the bank target reads ({@code POST /api/v1/payments}'s): the payment's
   * external reference is {@code <source>:<aggregate id>}, its date the UTC day it occurred, its memo the
   * reference. A payment whose partner reference is absent gets none of these fields: it is still routed (treasury
   * and analytics want it), and the bank target, finding no canonical payment, leaves Odoo alone and says so.
   */
  private void addPayment(CompiledRule rule, JsonObject json, JsonObject data, String aggregateId,
      Instant occurredAt) {
    Object partner = first(rule.partner, json);
    if (partner == null) {
      return;
    }
    data.put("externalRef", source + ":" + aggregateId).put("direction", rule.rule.payment().direction())
        .put("date", LocalDate.ofInstant(occurredAt, ZoneOffset.UTC).toString())
        .put("partner", new JsonObject().put("externalRef", text(partner, "payment.partner")));
    Object invoice = first(rule.invoice, json);
    if (invoice != null) {
      data.put("invoice", new JsonObject().put("externalRef", text(invoice, "payment.invoice")));
    }
    if (data.containsKey("reference")) {
      data.put("memo", data.getString("reference"));
    }
  }

  private static Object required(List<JsonPointer> pointers, JsonObject json, String field) {
    Object value = first(pointers, json);
    if (value == null) {
      throw new UnusableField(field + " missing at " + describe(pointers));
    }
    return value;
  }

  private static Object first(List<JsonPointer> pointers, JsonObject json) {
    for (JsonPointer pointer : pointers) {
      Object value = pointer.queryJson(json);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String describe(List<JsonPointer> pointers) {
    List<String> texts = new ArrayList<>();
    pointers.forEach(pointer -> texts.add(pointer.toString()));
    return String.join(" or ", texts);
  }

  private static String text(Object value, String field) {
    String text = value instanceof String string ? string
        : value instanceof Integer || value instanceof Long || value instanceof BigInteger ? value.toString() : null;
    if (text == null || text.isBlank() || text.length() > MAX_TEXT_LENGTH || !isPrintable(text)) {
      throw new UnusableField(field + " is not a printable string of 1.." + MAX_TEXT_LENGTH + " characters");
    }
    return text;
  }

  /** Returns true if the text has no control characters (which PostgreSQL text and JSONB may refuse). */
  static boolean isPrintable(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private String currency(Object value) {
    if (!(value instanceof String text) || !CURRENCY.matcher(text).matches()) {
      throw new UnusableField("currency is not a three-letter ISO 4217 code");
    }
    String code = text.toUpperCase(Locale.ROOT);
    if (minorUnits.digits(code) < 0) {
      throw new UnusableField("currency " + code + " is unknown (set currencyDigits for it)");
    }
    return code;
  }

  private String amount(Object value, AmountUnit unit, String currency) {
    int digits = minorUnits.digits(currency);
    if (unit == AmountUnit.MINOR) {
      return new BigDecimal(minorUnits(value), digits).toPlainString();
    }
    BigDecimal major = majorUnits(value);
    if (major.stripTrailingZeros().scale() > digits) {
      throw new UnusableField("amount has more decimals than " + currency + " allows (" + digits + ")");
    }
    return major.setScale(digits).toPlainString();
  }

  private static BigInteger minorUnits(Object value) {
    String text = value instanceof Integer || value instanceof Long || value instanceof BigInteger
        ? value.toString() : value instanceof String string ? string : null;
    if (text == null || !MINOR_AMOUNT.matcher(text).matches()) {
      throw new UnusableField("amount is not an integer in minor units");
    }
    return new BigInteger(text);
  }

  private static BigDecimal majorUnits(Object value) {
    String text = value instanceof BigDecimal decimal ? decimal.toPlainString()
        : value instanceof Integer || value instanceof Long || value instanceof BigInteger ? value.toString()
        : value instanceof String string ? string : null;
    if (text == null || !MAJOR_AMOUNT.matcher(text).matches()) {
      throw new UnusableField("amount is not a decimal number");
    }
    return new BigDecimal(text);
  }

  /** Holds one rule with its pointers parsed once. */
  private static final class CompiledRule {
    final EventRule rule;
    final Map<JsonPointer, String> when = new LinkedHashMap<>();
    final List<JsonPointer> aggregateId;
    final List<JsonPointer> amount;
    final List<JsonPointer> currency;
    final List<JsonPointer> reference;
    final List<JsonPointer> partner;
    final List<JsonPointer> invoice;

    CompiledRule(EventRule rule) {
      this.rule = Objects.requireNonNull(rule, "rule");
      rule.when().forEach((pointer, value) -> when.put(JsonPointer.from(pointer), value));
      aggregateId = compile(rule.aggregateId());
      amount = compile(rule.amount());
      currency = compile(rule.currency());
      reference = compile(rule.reference());
      partner = rule.payment() == null ? List.of() : compile(rule.payment().partner());
      invoice = rule.payment() == null ? List.of() : compile(rule.payment().invoice());
    }

    private static List<JsonPointer> compile(List<String> pointers) {
      return pointers.stream().map(JsonPointer::from).toList();
    }

    boolean matches(String providerType, JsonObject json) {
      if (!rule.providerType().equals(providerType)) {
        return false;
      }
      for (Map.Entry<JsonPointer, String> condition : when.entrySet()) {
        Object value = condition.getKey().queryJson(json);
        if (value == null || value instanceof JsonObject || !condition.getValue().equals(String.valueOf(value))) {
          return false;
        }
      }
      return true;
    }
  }

  /** Signals that a mapped field is absent or unusable; the message names the field, never its value. */
  private static final class UnusableField extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnusableField(String message) {
      super(message, null, false, false);
    }
  }
}
