package dev.ofg.webhook.ingest;

import dev.ofg.config.WebhookConfig;
import dev.ofg.webhook.SignatureVerifier;
import dev.ofg.webhook.WebhookVerifiers;
import dev.ofg.webhook.gocardless.GoCardlessSignatureVerifier;
import dev.ofg.webhook.hmac.FieldSource;
import dev.ofg.webhook.hmac.GenericHmacVerifier;
import dev.ofg.webhook.stripe.StripeSignatureVerifier;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Holds one configured webhook source, compiled once at start: its verifier, its normaliser, its body limit and
 * the request headers worth keeping in the inbox (signature, delivery ids, content type; never credentials).
 */
final class WebhookSource {
  private static final int MAX_HEADER_VALUE = 1024;
  private static final List<String> COMMON_HEADERS = List.of("content-type", "user-agent", "x-correlation-id",
      "traceparent");
  private static final List<String> STANDARD_WEBHOOKS_HEADERS = List.of("webhook-id", "webhook-timestamp",
      "webhook-signature", "svix-id", "svix-timestamp", "svix-signature");

  private final String name;
  private final String type;
  private final SignatureVerifier verifier;
  private final EventNormaliser normaliser;
  private final int maxBodyBytes;
  private final boolean statementFiles;
  private final Set<String> storedHeaders;

  private WebhookSource(WebhookConfig.Source config) {
    this.name = config.name();
    this.type = config.type();
    this.verifier = WebhookVerifiers.create(config.type(), config.settings(), config.revealedSecrets());
    this.normaliser = EventNormaliser.create(config);
    this.maxBodyBytes = config.maxBodyBytes();
    this.statementFiles = config.statementImport() != null;
    this.storedHeaders = storedHeaders(config);
  }

  static WebhookSource create(WebhookConfig.Source config) {
    return new WebhookSource(config);
  }

  String name() {
    return name;
  }

  String type() {
    return type;
  }

  SignatureVerifier verifier() {
    return verifier;
  }

  EventNormaliser normaliser() {
    return normaliser;
  }

  int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Returns true for a source of bank statement files, whose every file is routed (never unrouted). */
  boolean statementFiles() {
    return statementFiles;
  }

  /** Returns the kept headers (lower-case name to first value), skipping values with control characters. */
  JsonObject keptHeaders(MultiMap headers) {
    JsonObject kept = new JsonObject();
    for (String header : storedHeaders) {
      String value = headers.get(header);
      if (value != null && EventNormaliser.isPrintable(value)) {
        kept.put(header, value.length() <= MAX_HEADER_VALUE ? value : value.substring(0, MAX_HEADER_VALUE));
      }
    }
    return kept;
  }

  private static Set<String> storedHeaders(WebhookConfig.Source config) {
    Set<String> names = new LinkedHashSet<>(COMMON_HEADERS);
    switch (config.type()) {
      case StripeSignatureVerifier.TYPE:
        names.add("stripe-signature");
        break;
      case GoCardlessSignatureVerifier.TYPE:
        names.add("webhook-signature");
        names.add("origin");
        break;
      case GenericHmacVerifier.TYPE:
        genericHeaders(config.settings(), names);
        break;
      case "adyen":
        break; // Adyen signs inside the body
      default:
        names.addAll(STANDARD_WEBHOOKS_HEADERS);
    }
    return Set.copyOf(names);
  }

  private static void genericHeaders(JsonObject settings, Set<String> names) {
    for (String key : List.of("signatureHeader", "timestampHeader")) {
      if (settings.getValue(key) instanceof String header) {
        names.add(header.toLowerCase(Locale.ROOT));
      }
    }
    for (String key : List.of("eventId", "eventType", "occurredAt")) {
      if (settings.getValue(key) instanceof String text) {
        FieldSource field = FieldSource.parse(text);
        if (field.kind() == FieldSource.Kind.HEADER) {
          names.add(field.name().toLowerCase(Locale.ROOT));
        }
      }
    }
  }
}
