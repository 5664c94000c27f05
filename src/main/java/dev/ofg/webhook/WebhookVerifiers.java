package dev.ofg.webhook;

import dev.ofg.webhook.adyen.AdyenHmacVerifier;
import dev.ofg.webhook.adyen.AdyenVerifierOptions;
import dev.ofg.webhook.gocardless.GoCardlessSignatureVerifier;
import dev.ofg.webhook.gocardless.GoCardlessVerifierOptions;
import dev.ofg.webhook.hmac.FieldSource;
import dev.ofg.webhook.hmac.GenericHmacVerifier;
import dev.ofg.webhook.hmac.GenericHmacVerifierOptions;
import dev.ofg.webhook.hmac.SignedPayloadTemplate;
import dev.ofg.webhook.standardwebhooks.StandardWebhooksSignatureVerifier;
import dev.ofg.webhook.standardwebhooks.StandardWebhooksVerifierOptions;
import dev.ofg.webhook.stripe.StripeSignatureVerifier;
import dev.ofg.webhook.stripe.StripeVerifierOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a {@link SignatureVerifier} from a configured type name, its settings and its secrets.
 *
 * <p>Types: {@code stripe}, {@code standard-webhooks} (alias {@code svix}), {@code adyen},
 * {@code gocardless}, {@code hmac}. Secrets come separately, already resolved from the environment
 * or files, in the form the provider hands them out (see each options' {@code of}). Settings, all
 * optional except where noted for {@code hmac}:
 *
 * <ul>
 *   <li>every type: {@code maxBodyBytes}, {@code maxEvents}, {@code maxDepth} (integers);
 *   <li>{@code stripe}, {@code standard-webhooks}, {@code hmac}: {@code toleranceSeconds};
 *   <li>{@code hmac}: {@code signatureHeader} (required), {@code eventId} and {@code eventType}
 *       (required, {@code header:<name>} or {@code json:<pointer>}), {@code occurredAt},
 *       {@code algorithm} ({@code HmacSHA256}/{@code HmacSHA512}), {@code encoding}
 *       ({@code hex}/{@code base64}), {@code signaturePrefix}, {@code timestampHeader},
 *       {@code signedPayload} (e.g. <code>{timestamp}.{body}</code>), {@code secretEncoding}
 *       ({@code utf8}/{@code hex}/{@code base64}).
 * </ul>
 *
 * Unknown settings are rejected, so that a misspelt key fails at start-up rather than silently.
 */
public final class WebhookVerifiers {

  /** The accepted type names. */
  public static final Set<String> TYPES = Set.of(StripeSignatureVerifier.TYPE,
      StandardWebhooksSignatureVerifier.TYPE, "svix", AdyenHmacVerifier.TYPE,
      GoCardlessSignatureVerifier.TYPE, GenericHmacVerifier.TYPE);

  private static final Set<String> LIMIT_KEYS = Set.of("maxBodyBytes", "maxEvents", "maxDepth");
  private static final Set<String> GENERIC_KEYS = Set.of("signatureHeader", "eventId", "eventType",
      "occurredAt", "algorithm", "encoding", "signaturePrefix", "timestampHeader", "signedPayload",
      "secretEncoding");

  private WebhookVerifiers() {}

  /**
   * Creates a verifier.
   *
   * @param type the verifier type name
   * @param settings the type's settings (may be empty)
   * @param secrets the secrets valid now, in the provider's text form; several during a rotation
   * @throws IllegalArgumentException naming the offending setting if the configuration is invalid
   */
  public static SignatureVerifier create(String type, JsonObject settings, List<String> secrets) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(secrets, "secrets");
    switch (type.toLowerCase(Locale.ROOT)) {
      case StripeSignatureVerifier.TYPE:
        requireKnownKeys(settings, true, Set.of());
        return new StripeSignatureVerifier(StripeVerifierOptions.of(secrets)
            .withTolerance(tolerance(settings)).withLimits(limits(settings)));
      case StandardWebhooksSignatureVerifier.TYPE:
      case "svix":
        requireKnownKeys(settings, true, Set.of());
        return new StandardWebhooksSignatureVerifier(StandardWebhooksVerifierOptions.of(secrets)
            .withTolerance(tolerance(settings)).withLimits(limits(settings)));
      case AdyenHmacVerifier.TYPE:
        requireKnownKeys(settings, false, Set.of());
        return new AdyenHmacVerifier(AdyenVerifierOptions.of(secrets).withLimits(limits(settings)));
      case GoCardlessSignatureVerifier.TYPE:
        requireKnownKeys(settings, false, Set.of());
        return new GoCardlessSignatureVerifier(GoCardlessVerifierOptions.of(secrets).withLimits(limits(settings)));
      case GenericHmacVerifier.TYPE:
        requireKnownKeys(settings, true, GENERIC_KEYS);
        return new GenericHmacVerifier(genericOptions(settings, secrets));
      default:
        throw new IllegalArgumentException("type: " + type + " (expected: one of " + TYPES + ")");
    }
  }

  private static GenericHmacVerifierOptions genericOptions(JsonObject settings, List<String> secrets) {
    Function<String, WebhookSecret> decoder = secretDecoder(string(settings, "secretEncoding", "utf8"));
    GenericHmacVerifierOptions.Builder builder = GenericHmacVerifierOptions.builder()
        .signatureHeader(string(settings, "signatureHeader", null))
        .eventId(FieldSource.parse(requiredString(settings, "eventId")))
        .eventType(FieldSource.parse(requiredString(settings, "eventType")))
        .algorithm(HmacAlgorithm.fromName(string(settings, "algorithm", "HmacSHA256")))
        .encoding(SignatureEncoding.fromName(string(settings, "encoding", "hex")))
        .signaturePrefix(string(settings, "signaturePrefix", ""))
        .timestampHeader(string(settings, "timestampHeader", null))
        .secrets(secrets.stream().map(decoder).toList())
        .tolerance(tolerance(settings))
        .limits(limits(settings));
    String occurredAt = string(settings, "occurredAt", null);
    if (occurredAt != null) {
      builder.occurredAt(FieldSource.parse(occurredAt));
    }
    String signedPayload = string(settings, "signedPayload", null);
    if (signedPayload != null) {
      builder.signedPayload(new SignedPayloadTemplate(signedPayload));
    }
    return builder.build();
  }

  private static Function<String, WebhookSecret> secretDecoder(String encoding) {
    switch (encoding.toLowerCase(Locale.ROOT)) {
      case "utf8":
      case "utf-8":
        return WebhookSecret::utf8;
      case "hex":
        return WebhookSecret::hex;
      case "base64":
        return WebhookSecret::base64;
      default:
        throw new IllegalArgumentException("secretEncoding: " + encoding + " (expected: utf8, hex or base64)");
    }
  }

  private static void requireKnownKeys(JsonObject settings, boolean timestamped, Set<String> extra) {
    Set<String> known = new HashSet<>(LIMIT_KEYS);
    known.addAll(extra);
    if (timestamped) {
      known.add("toleranceSeconds");
    }
    for (String key : settings.fieldNames()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("setting: " + key + " (expected: one of " + known + ")");
      }
    }
  }

  private static TimestampTolerance tolerance(JsonObject settings) {
    return new TimestampTolerance(Duration.ofSeconds(integer(settings, "toleranceSeconds",
        (int) TimestampTolerance.DEFAULT_TOLERANCE.toSeconds())));
  }

  private static PayloadLimits limits(JsonObject settings) {
    return new PayloadLimits(
        integer(settings, "maxBodyBytes", PayloadLimits.DEFAULT_MAX_BODY_BYTES),
        integer(settings, "maxEvents", PayloadLimits.DEFAULT_MAX_EVENTS),
        integer(settings, "maxDepth", PayloadLimits.DEFAULT_MAX_DEPTH));
  }

  private static int integer(JsonObject settings, String key, int defaultValue) {
    Object value = settings.getValue(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Integer integer)) {
      throw new IllegalArgumentException(key + ": " + value + " (expected: an integer)");
    }
    return integer;
  }

  private static String string(JsonObject settings, String key, String defaultValue) {
    Object value = settings.getValue(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof String string)) {
      throw new IllegalArgumentException(key + ": " + value + " (expected: a string)");
    }
    return string;
  }

  private static String requiredString(JsonObject settings, String key) {
    String value = string(settings, key, null);
    if (value == null) {
      throw new IllegalArgumentException(key + ": missing (expected: header:<name> or json:<pointer>)");
    }
    return value;
  }
}
