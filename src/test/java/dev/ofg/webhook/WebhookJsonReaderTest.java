package dev.ofg.webhook;

import static dev.ofg.webhook.TestSignatures.request;
import static dev.ofg.webhook.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofg.webhook.WebhookJsonReader.ParsedPayload;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookJsonReaderTest {

  private static final Instant NOW = Instant.parse("2024-03-01T10:00:00Z");
  private final WebhookJsonReader reader = new WebhookJsonReader(PayloadLimits.defaults());

  @Test
  void slicesEachEventExactlyAsSentIncludingWhitespaceAndUnicode() {
    String first = "{ \"id\" : \"é-1\",\n \"n\": [1, {\"x\": null}] }";
    String second = "{\"id\":\"€2\"}";
    String body = "{\"meta\": {\"events\": \"decoy\"},\n \"events\": [ " + first + " ,\t" + second + " ] }";

    ParsedPayload parsed = reader.read(request(NOW, body), List.of("events", "*"));

    assertThat(parsed.eventCount()).isEqualTo(2);
    assertThat(parsed.rawEvent(0)).isEqualTo(utf8(first));
    assertThat(parsed.rawEvent(1)).isEqualTo(utf8(second));
    assertThat(parsed.event(1).getString("id")).isEqualTo("€2");
  }

  @Test
  void followsNamedFieldsInsideArrayElements() {
    String item = "{\"pspReference\":\"1\"}";
    String body = "{\"notificationItems\":[{\"NotificationRequestItem\":" + item + ",\"other\":{}}]}";

    ParsedPayload parsed = reader.read(request(NOW, body), List.of("notificationItems", "*", "NotificationRequestItem"));

    assertThat(parsed.eventCount()).isEqualTo(1);
    assertThat(parsed.rawEvent(0)).isEqualTo(utf8(item));
  }

  @Test
  void keepsDecimalsExact() {
    assertThat(reader.readObject(request(NOW, "{\"amount\": 1250.10}")).getValue("amount"))
        .isEqualTo(new BigDecimal("1250.10"));
  }

  @Test
  void rejectsWhatIsNotASingleJsonObject() {
    for (String body : List.of("", "[]", "\"x\"", "{", "{} {}", "{\"a\":1}x", "{'a':1}", "{\"a\":01}", "nul")) {
      assertThatThrownBy(() -> reader.readObject(request(NOW, body)))
          .as(body).isInstanceOf(WebhookPayloadException.class);
    }
  }

  @Test
  void rejectsDuplicateKeysAtAnyDepth() {
    assertThatThrownBy(() -> reader.readObject(request(NOW, "{\"a\":{\"id\":1,\"id\":2}}")))
        .isInstanceOf(WebhookPayloadException.class);
  }

  @Test
  void rejectsNestingDeeperThanTheLimit() {
    WebhookJsonReader shallow = new WebhookJsonReader(new PayloadLimits(1 << 20, 10, 5));

    assertThat(shallow.readObject(request(NOW, "{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}")).size()).isEqualTo(1);
    assertThatThrownBy(() -> shallow.readObject(request(NOW, "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{}}}}}}")))
        .isInstanceOf(WebhookPayloadException.class).hasMessageContaining("depth 5");
  }

  @Test
  void rejectsVeryDeepNestingWithoutOverflowingTheStack() {
    String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

    assertThatThrownBy(() -> reader.readObject(request(NOW, deep))).isInstanceOf(WebhookPayloadException.class);
  }

  @Test
  void rejectsMoreEventsThanTheLimit() {
    WebhookJsonReader capped = new WebhookJsonReader(new PayloadLimits(1 << 20, 2, 16));

    assertThatThrownBy(() -> capped.read(request(NOW, "{\"events\":[{},{},{}]}"), List.of("events", "*")))
        .isInstanceOf(WebhookPayloadException.class).hasMessageContaining("more than 2 events");
  }

  @Test
  void rejectsBodiesOverTheSizeLimit() {
    WebhookJsonReader small = new WebhookJsonReader(new PayloadLimits(8, 10, 16));

    assertThatThrownBy(() -> small.readObject(request(NOW, "{\"a\":\"123\"}")))
        .isInstanceOf(WebhookPayloadException.class).hasMessageContaining("11 bytes exceeds the limit of 8");
  }

  @Test
  void neverQuotesPayloadTextInItsMessages() {
    assertThatThrownBy(() -> reader.readObject(request(NOW, "{\"iban\": NL91ABNA0417164300}")))
        .isInstanceOf(WebhookPayloadException.class)
        .hasMessageNotContaining("NL91")
        .hasMessageContaining("line 1");
  }
}
