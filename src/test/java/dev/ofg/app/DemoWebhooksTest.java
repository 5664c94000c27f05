package dev.ofg.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.adyen.util.HMACValidator;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoWebhooksTest {
  private static final Pattern CURL = Pattern.compile(
      "curl -s -X POST (\\S+)/webhooks/stripe .* -H 'Stripe-Signature: ([^']+)' --data-binary '([^']+)'");

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
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DemoWebhooks.print(new PrintStream(buffer, true, StandardCharsets.UTF_8), "http://127.0.0.1:8080",
        "http://127.0.0.1:9090", secrets);
    String banner = buffer.toString(StandardCharsets.UTF_8);

    Matcher curl = CURL.matcher(banner);
    assertThat(curl.find()).as(banner).isTrue();
    Event event = Webhook.constructEvent(curl.group(3), curl.group(2), secrets.get("DEMO_WEBHOOK_SECRET_STRIPE"));
    assertThat(event.getType()).isEqualTo("payment_intent.succeeded");
    assertThat(banner).contains("http://127.0.0.1:8080/webhooks/standard-webhooks",
        "http://127.0.0.1:8080/webhooks/adyen", "http://127.0.0.1:8080/webhooks/gocardless",
        "DEMO_WEBHOOK_SECRET_GOCARDLESS=" + secrets.get("DEMO_WEBHOOK_SECRET_GOCARDLESS"),
        "http://127.0.0.1:9090/admin/webhooks/unrouted");
  }

  @Test
  void signsWithTheTimeItIsGiven() {
    Instant then = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(DemoWebhooks.signedStripeCurl("http://h", "whsec_x", then))
        .contains("Stripe-Signature: t=" + then.getEpochSecond() + ",v1=");
  }
}
