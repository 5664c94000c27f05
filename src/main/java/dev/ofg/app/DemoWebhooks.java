package dev.ofg.app;

import dev.ofg.webhook.HmacAlgorithm;
import dev.ofg.webhook.WebhookSecret;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sets up the demo's webhook sources (conf/demo.yaml declares one per verifier type, named after it, and one for
 * bank statement files): each secret comes from {@code DEMO_WEBHOOK_SECRET_<NAME>} or is generated in that
 * provider's format, and the banner shows them with a ready-to-paste, correctly signed Stripe test event and
 * statement file.
 */
final class DemoWebhooks {
  /** The demo's camt.053 statement (fictional account and parties), two lines for the BNK1 journal. */
  static final String STATEMENT_SAMPLE = "/demo/camt053-statement.xml";
  static final String STATEMENT_SOURCE = "bank-statements";
  static final String STATEMENT_SIGNATURE_HEADER = "X-Statement-Signature";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** Source name to its secret's variable and a generator in the provider's format. */
  static final Map<String, SecretVariable> SOURCES = sources();

  /** Names a source's secret variable and how to generate a value in the provider's format. */
  record SecretVariable(String variable, Supplier<String> generator) {
  }

  private DemoWebhooks() {
  }

  private static Map<String, SecretVariable> sources() {
    Map<String, SecretVariable> sources = new LinkedHashMap<>();
    // Stripe endpoint secrets are "whsec_" and alphanumerics; Stripe keys the HMAC with the whole text.
    sources.put("stripe", new SecretVariable("DEMO_WEBHOOK_SECRET_STRIPE", () -> "whsec_" + alphanumeric(32)));
    // Standard Webhooks: "whsec_" and the base64 of 24 to 64 random bytes (the specification's range).
    sources.put("standard-webhooks", new SecretVariable("DEMO_WEBHOOK_SECRET_STANDARD_WEBHOOKS",
        () -> "whsec_" + Base64.getEncoder().encodeToString(bytes(32))));
    // Adyen HMAC keys are 32 bytes shown as 64 upper-case hex digits in the Customer Area.
    sources.put("adyen", new SecretVariable("DEMO_WEBHOOK_SECRET_ADYEN",
        () -> HexFormat.of().withUpperCase().formatHex(bytes(32))));
    // GoCardless endpoint secrets are plain strings, keyed as UTF-8.
    sources.put("gocardless", new SecretVariable("DEMO_WEBHOOK_SECRET_GOCARDLESS", () -> alphanumeric(40)));
    // Statement files (type hmac): HMAC-SHA256 of the raw file, keyed with the secret's UTF-8 bytes.
    sources.put(STATEMENT_SOURCE, new SecretVariable("DEMO_WEBHOOK_SECRET_BANK_STATEMENTS", () -> alphanumeric(40)));
    return Collections.unmodifiableMap(sources);
  }

  /** Puts every webhook secret into the demo environment, generating the unset ones. */
  static void generate(DemoSecrets secrets) {
    SOURCES.values().forEach(secret -> secrets.get(secret.variable(), secret.generator()));
  }

  /** Prints the sources, their secrets, one signed Stripe event and one signed statement file to post. */
  static void print(PrintStream out, String api, String management, String adminToken, DemoSecrets secrets) {
    out.println("# Webhooks: one source per verifier type and one for statement files; secrets from "
        + "DEMO_WEBHOOK_SECRET_<NAME>, random when unset");
    for (Map.Entry<String, SecretVariable> entry : SOURCES.entrySet()) {
      String source = entry.getKey();
      SecretVariable secret = entry.getValue();
      out.printf("%-18s %s/webhooks/%s   %s=%s%s%n", source, api, source, secret.variable(),
          secrets.get(secret.variable()), secrets.generated(secret.variable()) ? "   (random)" : "");
    }
    out.println("# A Stripe payment_intent.succeeded from partner AZURE, signed now (Stripe's tolerance: 5 minutes): the "
        + "bank target registers it in Odoo; re-send it to see the duplicate answer");
    out.println(signedStripeCurl(api, secrets.get(SOURCES.get("stripe").variable()), Instant.now()));
    String statementSecret = secrets.get(SOURCES.get(STATEMENT_SOURCE).variable());
    out.println("# A camt.053 statement file: the statements target imports its 2 lines into Odoo's BNK1 journal, once "
        + "(sign another file: openssl dgst -sha256 -hmac '" + statementSecret + "' < file)");
    out.println(signedStatementCurl(api, statementSecret, writeStatementSample()));
    out.println("curl -s " + management + "/admin/webhooks/unrouted -H 'Authorization: Bearer " + adminToken + "'");
    out.println();
  }

  /** Returns a curl command posting a Stripe test event signed with {@code secret} at {@code now}. */
  static String signedStripeCurl(String api, String secret, Instant now) {
    long t = now.getEpochSecond();
    JsonObject intent = new JsonObject().put("id", "pi_demo_1001").put("object", "payment_intent")
        .put("amount", 36000).put("amount_received", 36000).put("currency", "eur")
        .put("metadata", new JsonObject().put("reference", "SO-1001").put("partner_ref", "AZURE"));
    String body = new JsonObject().put("id", "evt_demo_" + alphanumeric(16)).put("object", "event")
        .put("type", "payment_intent.succeeded").put("created", t).put("livemode", false)
        .put("data", new JsonObject().put("object", intent)).encode();
    byte[] mac = WebhookSecret.utf8(secret).hmac(HmacAlgorithm.HMAC_SHA256,
        (t + ".").getBytes(StandardCharsets.US_ASCII), body.getBytes(StandardCharsets.UTF_8));
    return "curl -s -X POST " + api + "/webhooks/stripe -H 'Content-Type: application/json' -H 'Stripe-Signature: t="
        + t + ",v1=" + HexFormat.of().formatHex(mac) + "' --data-binary '" + body + "'";
  }

  /** Returns a curl command posting the statement file at {@code file}, signed with {@code secret}. */
  static String signedStatementCurl(String api, String secret, Path file) {
    byte[] mac;
    try {
      mac = WebhookSecret.utf8(secret).hmac(HmacAlgorithm.HMAC_SHA256, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "curl -s -X POST " + api + "/webhooks/" + STATEMENT_SOURCE + " -H 'Content-Type: application/xml' -H '"
        + STATEMENT_SIGNATURE_HEADER + ": sha256=" + HexFormat.of().formatHex(mac) + "' --data-binary @" + file;
  }

  /** Returns the demo statement's bytes, as shipped in the jar. */
  static byte[] statementSample() {
    try (InputStream in = DemoWebhooks.class.getResourceAsStream(STATEMENT_SAMPLE)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + STATEMENT_SAMPLE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the demo statement to a new private temporary file for curl to post (deleted when the demo exits). */
  private static Path writeStatementSample() {
    try {
      Path file = Files.createTempFile("ofg-demo-camt053-", ".xml");
      file.toFile().deleteOnExit();
      return Files.write(file, statementSample());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String alphanumeric(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
    }
    return out.toString();
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
