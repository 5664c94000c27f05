package dev.ofg.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.adyen.util.HMACValidator;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.ofg.bank.BalanceCheck;
import dev.ofg.bank.BankStatement;
import dev.ofg.bank.BankStatementReader;
import dev.ofg.config.GatewayConfigLoader;
import dev.ofg.config.WebhookConfig;
import dev.ofg.webhook.ProviderEvent;
import dev.ofg.webhook.WebhookRequest;
import dev.ofg.webhook.WebhookVerifiers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoWebhooksTest {
  private static final Pattern CURL = Pattern.compile(
      "curl -s -X POST (\\S+)/webhooks/stripe .* -H 'Stripe-Signature: ([^']+)' --data-binary '([^']+)'");
  private static final Pattern STATEMENT_CURL = Pattern.compile("curl -s -X POST http://127.0.0.1:8080/webhooks/"
      + "bank-statements -H 'Content-Type: application/xml' -H 'X-Statement-Signature: ([^']+)' --data-binary @(\\S+)");

  /** Returns what the demo prints about webhooks, for an API on 8080 and management on 9090. */
  private static String banner(DemoSecrets secrets) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DemoWebhooks.print(new PrintStream(buffer, true, StandardCharsets.UTF_8), "http://127.0.0.1:8080",
        "http://127.0.0.1:9090", "admin.jwt.token", secrets);
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void generatesEverySecretInItsProvidersFormat() throws Exception {
    DemoSecrets secrets = new DemoSecrets(Map.of());
    DemoWebhooks.generate(secrets);

    String stripe = secrets.get("DEMO_WEBHOOK_SECRET_STRIPE");
    String standard = secrets.get("DEMO_WEBHOOK_SECRET_STANDARD_WEBHOOKS");
    String adyen = secrets.get("DEMO_WEBHOOK_SECRET_ADYEN");
    String goCardless = secrets.get("DEMO_WEBHOOK_SECRET_GOCARDLESS");
    assertThat(stripe).matches("whsec_[A-Za-z0-9]{32}");
    assertThat(standard).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(standard.substring(6))).hasSize(32);
    assertThatCode(() -> new com.svix.Webhook(standard).sign("msg_1", 1, "{}")).doesNotThrowAnyException();
    assertThat(adyen).matches("[0-9A-F]{64}");
    assertThat(new HMACValidator().calculateHMAC("data", adyen)).isNotBlank();
    assertThat(goCardless).matches("[A-Za-z0-9]{40}");
    assertThat(secrets.get("DEMO_WEBHOOK_SECRET_BANK_STATEMENTS")).matches("[A-Za-z0-9]{40}");
    assertThat(secrets.generated("DEMO_WEBHOOK_SECRET_ADYEN")).isTrue();
  }

  @Test
  void keepsSecretsSetInTheEnvironment() {
    DemoSecrets secrets = new DemoSecrets(Map.of("DEMO_WEBHOOK_SECRET_STRIPE", "whsec_mine"));
    DemoWebhooks.generate(secrets);

    assertThat(secrets.get("DEMO_WEBHOOK_SECRET_STRIPE")).isEqualTo("whsec_mine");
    assertThat(secrets.generated("DEMO_WEBHOOK_SECRET_STRIPE")).isFalse();
  }

  @Test
  void printsAStripeEventWhoseSignatureStripeJavaAccepts() throws Exception {
    DemoSecrets secrets = new DemoSecrets(Map.of());
    DemoWebhooks.generate(secrets);
    String banner = banner(secrets);

    Matcher curl = CURL.matcher(banner);
    assertThat(curl.find()).as(banner).isTrue();
    Event event = Webhook.constructEvent(curl.group(3), curl.group(2), secrets.get("DEMO_WEBHOOK_SECRET_STRIPE"));
    assertThat(event.getType()).isEqualTo("payment_intent.succeeded");
    assertThat(banner).contains("http://127.0.0.1:8080/webhooks/standard-webhooks",
        "http://127.0.0.1:8080/webhooks/adyen", "http://127.0.0.1:8080/webhooks/gocardless",
        "DEMO_WEBHOOK_SECRET_GOCARDLESS=" + secrets.get("DEMO_WEBHOOK_SECRET_GOCARDLESS"),
        "http://127.0.0.1:8080/webhooks/bank-statements",
        "http://127.0.0.1:9090/admin/webhooks/unrouted -H 'Authorization: Bearer admin.jwt.token'");
  }

  @Test
  void printsAStatementFileThatTheDemosStatementSourceAccepts() throws Exception {
    DemoSecrets secrets = new DemoSecrets(Map.of());
    DemoWebhooks.generate(secrets);
    String banner = banner(secrets);
    Matcher curl = STATEMENT_CURL.matcher(banner);
    assertThat(curl.find()).as(banner).isTrue();
    byte[] file = Files.readAllBytes(Path.of(curl.group(2)));
    Map<String, String> env = new HashMap<>(secrets.environment());
    env.put("DEMO_ODOO_PASSWORD", "p");
    env.put("DEMO_API_KEY", "k");
    env.put("DEMO_JWT_SECRET", "0123456789abcdef0123456789abcdef");
    env.put("DEMO_TREASURY_SECRET", "whsec_c2VjcmV0");
    WebhookConfig.Source source = new GatewayConfigLoader(env).load("conf/demo.yaml").webhooks().sources()
        .get("bank-statements");

    ProviderEvent event = WebhookVerifiers.create(source.type(), source.settings(), source.revealedSecrets())
        .verify(WebhookRequest.builder().header("X-Statement-Signature", curl.group(1)).body(file)
            .receivedAt(Instant.now()).build()).events().get(0);
    List<BankStatement> statements = new BankStatementReader().read(file);

    assertThat(file).isEqualTo(DemoWebhooks.statementSample());
    assertThat(event.id()).as("the file's digest").hasSize(64);
    assertThat(statements).hasSize(1);
    assertThat(statements.get(0).lines()).extracting(line -> line.amount())
        .containsExactly(new BigDecimal("360.00"), new BigDecimal("-2.50"));
    assertThat(statements.get(0).lines()).extracting(line -> line.currency()).containsOnly("EUR");
    assertThat(BalanceCheck.verify(statements.get(0), false)).isEqualTo(BalanceCheck.Result.VERIFIED);
  }

  @Test
  void signsWithTheTimeItIsGiven() {
    Instant then = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(DemoWebhooks.signedStripeCurl("http://h", "whsec_x", then))
        .contains("Stripe-Signature: t=" + then.getEpochSecond() + ",v1=");
  }
}
