package dev.ofg.webhook.ingest;

import static dev.ofg.webhook.TestSignatures.base64;
import static dev.ofg.webhook.TestSignatures.hex;
import static dev.ofg.webhook.TestSignatures.hmacSha256;
import static dev.ofg.webhook.TestSignatures.utf8;

import com.adyen.model.notification.NotificationRequestItem;
import com.adyen.notification.WebhookHandler;
import com.adyen.util.HMACValidator;
import dev.ofg.config.StoreConfig;
import dev.ofg.testing.GatewayTestKit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts a real gateway (PostgreSQL, sandbox, HTTP) with one webhook source per verifier type, each with two
 * secrets (current and previous, as during a rotation) read from files, and signs requests like the providers.
 *
 * <p>Sources: {@code stripe}, {@code standard-webhooks} (maps {@code invoice.paid}), {@code adyen} (its second
 * key is Adyen's published test key), {@code gocardless} (its second secret is GoCardless's published test
 * secret), {@code partner} (generic HMAC with a timestamp header, 8 KiB body limit, maps {@code payment.settled}).
 */
final class WebhookTestKit {
  static final String STRIPE = "stripe";
  static final String STANDARD = "standard-webhooks";
  static final String ADYEN = "adyen";
  static final String GOCARDLESS = "gocardless";
  static final String PARTNER = "partner";

  /** Adyen's published test key: Adyen/adyen-ruby-api-library, spec/utils/hmac_validator_spec.rb. */
  static final String ADYEN_PUBLISHED_KEY = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";
  /** GoCardless's published test secret: gocardless/gocardless-pro-java, src/test/java/com/gocardless/WebhookTest.java. */
  static final String GOCARDLESS_PUBLISHED_SECRET = "ED7D658C-D8EB-4941-948B-3973214F2D49";

  private static final SecureRandom RANDOM = new SecureRandom();

  final String stripeSecret = "whsec_" + token(24);
  final String stripeOldSecret = "whsec_" + token(24);
  final String standardSecret = "whsec_" + base64(bytes(24));
  final String standardOldSecret = "whsec_" + base64(bytes(24));
  final String adyenKey = HexFormat.of().withUpperCase().formatHex(bytes(32));
  final String goCardlessSecret = token(32);
  final String partnerSecret = token(32);
  final String partnerOldSecret = token(32);

  private final Vertx vertx;
  private final String extraWebhookYaml;
  private final String webhookRate;
  /** Source name to YAML entries of its {@code events:} list, for the sources without rules of their own. */
  private final Map<String, String> addedEvents = new HashMap<>();
  private GatewayTestKit gateway;
  private WebClient http;

  private WebhookTestKit(Vertx vertx, String extraWebhookYaml, String webhookRate) {
    this.vertx = vertx;
    this.extraWebhookYaml = extraWebhookYaml;
    this.webhookRate = webhookRate;
  }

  /** Starts the gateway; {@code extraWebhookYaml} is inserted under {@code webhooks:} (e.g. a groupCommit). */
  static Future<WebhookTestKit> start(Vertx vertx, String extraWebhookYaml) {
    return start(vertx, extraWebhookYaml, "{ratePerSecond: 100000, burst: 100000}");
  }

  /** Starts the gateway with the given rate of the {@code webhook} route class, e.g. {@code {ratePerSecond: 1}}. */
  static Future<WebhookTestKit> start(Vertx vertx, String extraWebhookYaml, String webhookRate) {
    WebhookTestKit kit = new WebhookTestKit(vertx, extraWebhookYaml, webhookRate);
    return GatewayTestKit.start(vertx, kit.options()).map(started -> {
      kit.gateway = started;
      kit.connect();
      return kit;
    });
  }

  private GatewayTestKit.Options options() {
    return GatewayTestKit.Options.defaults().withJwt().withYaml(webhookYaml(extraWebhookYaml, webhookRate));
  }

  private void connect() {
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(gateway.gateway().publicPort()).setKeepAlive(true),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(256));
  }

  /**
   * Adds mapping rules to sources that have none of their own ({@code stripe}, {@code adyen}, {@code gocardless})
   * and restarts the gateway on the same database with them, as an operator who fixed a mapping does.
   *
   * @param eventsBySource source name to entries of its {@code events:} list, indented by eight spaces
   */
  Future<Void> restartWithEvents(Map<String, String> eventsBySource) {
    addedEvents.putAll(eventsBySource);
    http.close();
    return gateway.writeConfig(options()).compose(v -> gateway.restartGateway()).map(v -> {
      connect();
      return null;
    });
  }

  private String addedEvents(String source) {
    return addedEvents.containsKey(source) ? "      events:\n" + addedEvents.get(source) : "";
  }

  private String webhookYaml(String extra, String webhookRate) {
    return String.join("\n", "",
        "rateLimits:",
        "  routeClasses:",
        "    webhook: " + webhookRate,
        "webhooks:",
        extra,
        "  sources:",
        "    " + STRIPE + ":",
        "      type: stripe",
        secrets(stripeSecret, stripeOldSecret),
        addedEvents(STRIPE),
        "    " + STANDARD + ":",
        "      type: standard-webhooks",
        secrets(standardSecret, standardOldSecret),
        "      events:",
        "        - providerType: invoice.paid",
        "          type: payment.succeeded",
        "          aggregateType: invoice",
        "          aggregateId: /data/invoiceId",
        "          amount: /data/amount",
        "          amountUnit: major",
        "          currency: /data/currency",
        "          reference: [/data/reference, /data/orderId]",
        "    " + ADYEN + ":",
        "      type: adyen",
        secrets(adyenKey, ADYEN_PUBLISHED_KEY),
        addedEvents(ADYEN),
        "    " + GOCARDLESS + ":",
        "      type: gocardless",
        secrets(goCardlessSecret, GOCARDLESS_PUBLISHED_SECRET),
        addedEvents(GOCARDLESS),
        "    " + PARTNER + ":",
        "      type: hmac",
        "      maxBodyBytes: 8192",
        "      settings:",
        "        signatureHeader: X-Partner-Signature",
        "        signaturePrefix: sha256=",
        "        timestampHeader: X-Partner-Timestamp",
        "        eventId: json:/id",
        "        eventType: json:/type",
        "        occurredAt: json:/created",
        secrets(partnerSecret, partnerOldSecret),
        "      events:",
        "        - providerType: payment.settled",
        "          type: payment.succeeded",
        "          aggregateType: payment",
        "          aggregateId: /paymentId",
        "          amount: /amount",
        "          amountUnit: major",
        "          currency: /currency",
        "          reference: /reference",
        "");
  }

  private static String secrets(String... values) {
    List<String> lines = new ArrayList<>(List.of("      secrets:"));
    for (String value : values) {
      lines.add("        - valueFile: " + secretFile(value));
    }
    return String.join("\n", lines);
  }

  private static Path secretFile(String value) {
    try {
      Path file = Files.createTempFile("ofg-webhook-secret", ".txt");
      file.toFile().deleteOnExit();
      return Files.writeString(file, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Future<Void> stop() {
    http.close();
    return gateway.stop();
  }

  GatewayTestKit gateway() {
    return gateway;
  }

  Pool pool() {
    return gateway.gateway().database().pool();
  }

  MeterRegistry registry() {
    return gateway.gateway().registry();
  }

  /** Posts a body to a source with header name/value pairs. */
  Future<HttpResponse<Buffer>> post(String source, String body, String... headers) {
    return post(source, Buffer.buffer(body), headers);
  }

  Future<HttpResponse<Buffer>> post(String source, Buffer body, String... headers) {
    MultiMap map = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      map.set(headers[i], headers[i + 1]);
    }
    return http.post("/webhooks/" + source).putHeaders(map).sendBuffer(body);
  }

  // --- signing like each provider ---

  /** Signs like Stripe with stripe-java's own HMAC helper: {@code t=<t>,v1=<hex>}. */
  static String stripeSignature(String secret, long t, String body) {
    try {
      return "t=" + t + ",v1=" + com.stripe.net.Webhook.Util.computeHmacSha256(secret, t + "." + body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Future<HttpResponse<Buffer>> postStripe(String body) {
    return post(STRIPE, body, "Stripe-Signature", stripeSignature(stripeSecret, Instant.now().getEpochSecond(), body));
  }

  static String stripeEvent(String id, String type, long amountMinor, String currency, String reference) {
    JsonObject object = new JsonObject().put("id", "pi_" + id).put("object", "payment_intent")
        .put("amount", amountMinor).put("amount_received", amountMinor).put("currency", currency)
        .put("metadata", new JsonObject().put("reference", reference));
    return new JsonObject().put("id", id).put("object", "event").put("type", type)
        .put("created", Instant.now().getEpochSecond()).put("livemode", false)
        .put("data", new JsonObject().put("object", object)).encode();
  }

  /** Signs like Standard Webhooks with Svix's library; returns the three headers as name/value pairs. */
  static String[] standardHeaders(String secret, String messageId, long t, String body) {
    try {
      return new String[] {"webhook-id", messageId, "webhook-timestamp", Long.toString(t), "webhook-signature",
          new com.svix.Webhook(secret).sign(messageId, t, body)};
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds an Adyen notification whose items are signed by Adyen's own library with {@code hexKey}. */
  static String adyenNotification(String hexKey, JsonObject... items) {
    JsonArray wrapped = new JsonArray();
    for (JsonObject item : items) {
      wrapped.add(new JsonObject().put("NotificationRequestItem", item));
    }
    JsonObject unsigned = new JsonObject().put("live", "false").put("notificationItems", wrapped);
    try {
      List<NotificationRequestItem> peer = new WebhookHandler().handleNotificationJson(unsigned.encode())
          .getNotificationItems();
      HMACValidator validator = new HMACValidator();
      for (int i = 0; i < items.length; i++) {
        items[i].getJsonObject("additionalData").put("hmacSignature", validator.calculateHMAC(peer.get(i), hexKey));
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    JsonArray signed = new JsonArray();
    for (JsonObject item : items) {
      signed.add(new JsonObject().put("NotificationRequestItem", item));
    }
    return new JsonObject().put("live", "false").put("notificationItems", signed).encode();
  }

  static JsonObject adyenItem(String pspReference, String eventCode, boolean success, long value, String currency,
      String merchantReference) {
    return new JsonObject().put("pspReference", pspReference).put("merchantAccountCode", "OfgMerchant")
        .put("merchantReference", merchantReference)
        .put("amount", new JsonObject().put("value", value).put("currency", currency))
        .put("eventCode", eventCode).put("eventDate", "2026-03-01T10:15:30+01:00").put("success", String.valueOf(success))
        .put("additionalData", new JsonObject().put("paymentMethod", "visa"));
  }

  /** Signs like GoCardless (hex HMAC-SHA256 of the body), with javax.crypto: gocardless-pro has no signer. */
  static String goCardlessSignature(String secret, String body) {
    return hex(hmacSha256(utf8(secret), utf8(body)));
  }

  /** Signs like the configured generic partner: {@code sha256=<hex>} over {@code <t>.<body>}. */
  static String[] partnerHeaders(String secret, long t, String body) {
    return new String[] {"X-Partner-Timestamp", Long.toString(t), "X-Partner-Signature",
        "sha256=" + hex(hmacSha256(utf8(secret), utf8(t + "." + body)))};
  }

  // --- reading the store ---

  /** Counts the inbox rows of a provider event. */
  Future<Integer> inboxRows(String source, String providerEventId) {
    return count(pool(), "SELECT count(*) FROM inbox WHERE source = $1 AND provider_event_id = $2",
        Tuple.of(source, providerEventId));
  }

  /** Counts the outbox events of a provider event. */
  Future<Integer> outboxRows(String source, String providerEventId) {
    return count(pool(), "SELECT count(*) FROM outbox WHERE source = $1 AND source_event_id = $2",
        Tuple.of(source, providerEventId));
  }

  static Future<Integer> count(Pool pool, String sql, Tuple parameters) {
    return pool.preparedQuery(sql).execute(parameters).map(rows -> rows.iterator().next().getInteger(0));
  }

  /** Returns the outbox rows of a provider event as JSON objects (column name to value). */
  Future<List<JsonObject>> outbox(String source, String providerEventId) {
    return pool().preparedQuery("SELECT event_id, event_type, event_version, aggregate_type, aggregate_id, "
            + "source, source_event_id, correlation_id, occurred_at, payload, payload_ref FROM outbox "
            + "WHERE source = $1 AND source_event_id = $2")
        .execute(Tuple.of(source, providerEventId)).map(rows -> {
          List<JsonObject> out = new ArrayList<>();
          for (Row row : rows) {
            out.add(row.toJson());
          }
          return out;
        });
  }

  /** Returns the inbox row of a provider event joined with its delivery, or null. */
  Future<JsonObject> inbox(String source, String providerEventId) {
    return pool().preparedQuery("SELECT i.id, i.routing, i.finance_event_type, i.routing_reason, i.item_index, "
            + "i.payload, i.correlation_id, d.body, d.headers, d.verifier, d.signed_at, d.event_count "
            + "FROM inbox i JOIN inbox_delivery d ON d.id = i.delivery_id "
            + "WHERE i.source = $1 AND i.provider_event_id = $2")
        .execute(Tuple.of(source, providerEventId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().toJson());
  }

  /** Opens a separate pool to the gateway's database, e.g. after the gateway stopped. */
  static Pool openPool(Vertx vertx, StoreConfig store, String database) {
    PgConnectOptions connect = new PgConnectOptions().setHost(store.host()).setPort(store.port())
        .setDatabase(database).setUser(store.user())
        .setProperties(Map.of("search_path", store.schema()));
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(connect).using(vertx).build();
  }

  double counter(String name, String... tags) {
    Counter counter = registry().find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  static String newId(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "");
  }

  private static String token(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
