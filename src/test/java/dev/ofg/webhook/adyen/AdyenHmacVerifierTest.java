package dev.ofg.webhook.adyen;

import static dev.ofg.webhook.TestSignatures.base64;
import static dev.ofg.webhook.TestSignatures.hmacSha256;
import static dev.ofg.webhook.TestSignatures.request;
import static dev.ofg.webhook.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adyen.model.notification.NotificationRequestItem;
import com.adyen.notification.WebhookHandler;
import com.adyen.util.HMACValidator;
import dev.ofg.webhook.PayloadLimits;
import dev.ofg.webhook.ProviderEvent;
import dev.ofg.webhook.VerifiedWebhook;
import dev.ofg.webhook.WebhookException;
import dev.ofg.webhook.WebhookFailureCode;
import dev.ofg.webhook.WebhookPayloadException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdyenHmacVerifierTest {

  // Published vector 1: Adyen/adyen-ruby-api-library, spec/utils/hmac_validator_spec.rb (the same
  // item and signature appear in Adyen's Node library tests); data to sign there:
  // "7914073381342284::TestMerchant:TestPayment-1407325143704:1130:EUR:AUTHORISATION:true".
  private static final String RUBY_KEY = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";
  private static final String RUBY_ITEM = "{\"additionalData\":{\"hmacSignature\":\"coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0=\"},"
      + "\"amount\":{\"value\":1130,\"currency\":\"EUR\"},\"pspReference\":\"7914073381342284\","
      + "\"eventCode\":\"AUTHORISATION\",\"merchantAccountCode\":\"TestMerchant\","
      + "\"merchantReference\":\"TestPayment-1407325143704\",\"paymentMethod\":\"visa\",\"success\":\"true\"}";

  // Published vector 2: Adyen/adyen-php-api-library, tests/Adyen/Util/HmacSignatureTest.php
  // (testNotificationRequestItemHmac): the same item under another key.
  private static final String PHP_KEY = "DFB1EB5485895CFA84146406857104ABB4CBCABDC8AAF103A624C8F6A3EAAB00";
  private static final String PHP_ITEM = "{\"pspReference\":\"7914073381342284\",\"merchantAccountCode\":\"TestMerchant\","
      + "\"merchantReference\":\"TestPayment-1407325143704\",\"amount\":{\"value\":1130,\"currency\":\"EUR\"},"
      + "\"eventCode\":\"AUTHORISATION\",\"success\":\"true\","
      + "\"additionalData\":{\"hmacSignature\":\"Ny9gS2veKo5E4w8/OL6xz1/wvT/hYkAXy1xNc/QvO4I=\"}}";

  // Published vector 3: Adyen/adyen-java-api-library, src/test/java/com/adyen/util/HMACValidatorTest.java
  // (testValidateHMAC): amount value sent as the string "0", an eventDate, no originalReference.
  private static final String JAVA_KEY = "9064450A8892A093D9E97EFCC9639DE31B74F3A7803135555A3C96F5A57915D6";
  private static final String JAVA_ITEM = "{\"additionalData\":{\"hmacSignature\":\"NuEkADFmlCC6VgX+wcoPAegIWxVPNBPCuKlM4Hzo5qc=\"},"
      + "\"amount\":{\"currency\":\"EUR\",\"value\":\"0\"},\"eventCode\":\"REPORT_AVAILABLE\","
      + "\"eventDate\":\"2019-11-20T14:35:36+01:00\",\"merchantAccountCode\":\"Magento2Rik\","
      + "\"merchantReference\":\"testMerchantRef1\",\"pspReference\":\"test_REPORT_AVAILABLE\","
      + "\"reason\":\"will contain the url to the report\",\"success\":\"true\"}";

  // Published vector 4: the same test class, testValidateHMACWithoutEscaping, with the Adyen-issued
  // notification src/test/resources/mocks/hmac-validation-webhook.json: its merchantReference holds
  // ':' and '\', and the signature only verifies over the unescaped values.
  private static final String UNESCAPED_KEY = "74F490DD33F7327BAECC88B2947C011FC02D014A473AAA33A8EC93E4DC069174";
  private static final String UNESCAPED_ITEM = "{\"additionalData\":{\"acquirerCode\":\"TestPmmAcquirer\","
      + "\"acquirerReference\":\"J8DXDJ2PV6P\",\"authCode\":\"052095\",\"avsResult\":\"5 No AVS data provided\","
      + "\"avsResultRaw\":\"5\",\"cardSummary\":\"1111\",\"checkout.cardAddedBrand\":\"visa\",\"cvcResult\":\"1 Matches\","
      + "\"cvcResultRaw\":\"M\",\"expiryDate\":\"03/2030\",\"hmacSignature\":\"CZErGCNQaSsxbaQfZaJlakqo7KPP+mIa8a+wx3yNs9A=\","
      + "\"paymentMethod\":\"visa\",\"refusalReasonRaw\":\"AUTHORISED\",\"retry.attempt1.acquirer\":\"TestPmmAcquirer\","
      + "\"retry.attempt1.acquirerAccount\":\"TestPmmAcquirerAccount\",\"retry.attempt1.avsResultRaw\":\"5\","
      + "\"retry.attempt1.rawResponse\":\"AUTHORISED\",\"retry.attempt1.responseCode\":\"Approved\","
      + "\"retry.attempt1.scaExemptionRequested\":\"lowValue\",\"scaExemptionRequested\":\"lowValue\"},"
      + "\"amount\":{\"currency\":\"EUR\",\"value\":1000},\"eventCode\":\"AUTHORISATION\","
      + "\"eventDate\":\"2023-01-10T13:42:29+01:00\",\"merchantAccountCode\":\"AntoniStroinski\","
      + "\"merchantReference\":\"\\\\:/\\\\/slashes are fun\",\"operations\":[\"CANCEL\",\"CAPTURE\",\"REFUND\"],"
      + "\"paymentMethod\":\"visa\",\"pspReference\":\"ZVWN7D3WSMK2WN82\",\"reason\":\"052095:1111:03/2030\","
      + "\"success\":\"true\"}";

  private static final String KEY = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";
  private static final String OLD_KEY = "FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210";

  private final Instant now = Instant.now();

  static String notification(String... items) {
    StringBuilder json = new StringBuilder("{\"live\":\"false\",\"notificationItems\":[");
    for (int i = 0; i < items.length; i++) {
      json.append(i == 0 ? "" : ",").append("{\"NotificationRequestItem\":").append(items[i]).append('}');
    }
    return json.append("]}").toString();
  }

  /** An unsigned capture item; the test signer below knows its signed fields. */
  static JsonObject captureItem(String pspReference, String merchantReference) {
    return new JsonObject().put("pspReference", pspReference).put("originalReference", "8313842560770001")
        .put("merchantAccountCode", "OfgMerchant").put("merchantReference", merchantReference)
        .put("amount", new JsonObject().put("value", 2500).put("currency", "EUR"))
        .put("eventCode", "CAPTURE").put("eventDate", "2024-03-01T10:15:30+01:00").put("success", "true")
        .put("additionalData", new JsonObject().put("paymentMethod", "visa"));
  }

  /** Signs a capture item from {@link #captureItem} with javax.crypto over its fields joined by ':'. */
  static JsonObject signCapture(JsonObject item, String hexKey) {
    String data = String.join(":", item.getString("pspReference"), "8313842560770001", "OfgMerchant",
        item.getString("merchantReference"), "2500", "EUR", "CAPTURE", "true");
    String signature = base64(hmacSha256(HexFormat.of().parseHex(hexKey), utf8(data)));
    item.getJsonObject("additionalData").put("hmacSignature", signature);
    return item;
  }

  private static AdyenHmacVerifier verifier(String... keys) {
    return new AdyenHmacVerifier(AdyenVerifierOptions.of(List.of(keys)));
  }

  private static List<NotificationRequestItem> peerItems(String json) throws Exception {
    return new WebhookHandler().handleNotificationJson(json).getNotificationItems();
  }

  private WebhookFailureCode failure(AdyenHmacVerifier verifier, String body) {
    try {
      verifier.verify(request(now, body));
    } catch (WebhookException e) {
      return e.code();
    }
    throw new AssertionError("verification unexpectedly succeeded");
  }

  @Test
  void verifiesPublishedRubyLibraryVector() {
    VerifiedWebhook verified = verifier(RUBY_KEY).verify(request(now, notification(RUBY_ITEM)));

    ProviderEvent event = verified.events().get(0);
    assertThat(event.id()).isEqualTo("7914073381342284:AUTHORISATION:true");
    assertThat(event.type()).isEqualTo("AUTHORISATION");
    assertThat(event.occurredAt()).isEmpty();
    assertThat(event.rawJson()).isEqualTo(utf8(RUBY_ITEM));
    assertThat(verified.signedAt()).isEmpty();
  }

  @Test
  void verifiesPublishedPhpLibraryVector() {
    assertThat(verifier(PHP_KEY).verify(request(now, notification(PHP_ITEM))).events())
        .extracting(ProviderEvent::id).containsExactly("7914073381342284:AUTHORISATION:true");
  }

  @Test
  void verifiesPublishedJavaLibraryVectorWithStringAmountAndMissingFields() {
    ProviderEvent event = verifier(JAVA_KEY).verify(request(now, notification(JAVA_ITEM))).events().get(0);

    assertThat(event.id()).isEqualTo("test_REPORT_AVAILABLE:REPORT_AVAILABLE:true");
    assertThat(event.occurredAt()).contains(Instant.parse("2019-11-20T13:35:36Z"));
  }

  @Test
  void verifiesPublishedVectorWhoseReferenceHoldsColonAndBackslashWithoutEscaping() {
    assertThat(verifier(UNESCAPED_KEY).verify(request(now, notification(UNESCAPED_ITEM))).events())
        .extracting(ProviderEvent::id).containsExactly("ZVWN7D3WSMK2WN82:AUTHORISATION:true");
  }

  @Test
  void peerLibraryAgreesWithEveryPublishedVector() throws Exception {
    HMACValidator peer = new HMACValidator();
    List<List<String>> vectors = List.of(List.of(RUBY_KEY, RUBY_ITEM), List.of(PHP_KEY, PHP_ITEM),
        List.of(JAVA_KEY, JAVA_ITEM), List.of(UNESCAPED_KEY, UNESCAPED_ITEM));
    for (List<String> vector : vectors) {
      assertThat(peer.validateHMAC(peerItems(notification(vector.get(1))).get(0), vector.get(0))).isTrue();
    }
  }

  @Test
  void acceptsItemsSignedByAdyenLibrary() throws Exception {
    JsonObject first = captureItem("8823842560770001", "order:42\\a");
    JsonObject second = captureItem("8823842560770002", "order-43");
    HMACValidator peer = new HMACValidator();
    List<NotificationRequestItem> unsigned = peerItems(notification(first.encode(), second.encode()));
    first.getJsonObject("additionalData").put("hmacSignature", peer.calculateHMAC(unsigned.get(0), KEY));
    second.getJsonObject("additionalData").put("hmacSignature", peer.calculateHMAC(unsigned.get(1), KEY));

    VerifiedWebhook verified = verifier(KEY).verify(request(now, notification(first.encode(), second.encode())));

    assertThat(verified.events()).extracting(ProviderEvent::id)
        .containsExactly("8823842560770001:CAPTURE:true", "8823842560770002:CAPTURE:true");
    assertThat(verified.events()).extracting(ProviderEvent::index).containsExactly(0, 1);
    assertThat(verified.events().get(1).rawJson()).isEqualTo(utf8(second.encode()));
    assertThat(verified.events().get(0).occurredAt()).contains(Instant.parse("2024-03-01T09:15:30Z"));
  }

  @Test
  void adyenLibraryAcceptsItemSignedByTestSigner() throws Exception {
    String body = notification(signCapture(captureItem("8823842560770003", "order-44"), KEY).encode());

    assertThat(new HMACValidator().validateHMAC(peerItems(body).get(0), KEY)).isTrue();
    assertThat(verifier(KEY).verify(request(now, body)).events()).hasSize(1);
  }

  @Test
  void rejectsChangeToAnySignedField() {
    JsonObject signed = signCapture(captureItem("8823842560770004", "order-45"), KEY);
    List<JsonObject> tampered = List.of(
        signed.copy().put("pspReference", "8823842560770005"),
        signed.copy().put("merchantReference", "order-46"),
        signed.copy().put("eventCode", "REFUND"),
        signed.copy().put("success", "false"),
        signed.copy().put("amount", new JsonObject().put("value", 25000).put("currency", "EUR")),
        signed.copy().put("amount", new JsonObject().put("value", 2500).put("currency", "USD")));
    for (JsonObject item : tampered) {
      assertThat(failure(verifier(KEY), notification(item.encode()))).as(item.encode())
          .isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
    }
  }

  @Test
  void acceptsChangeToUnsignedFieldsAsAdyenSchemeAllows() {
    // Adyen signs eight fields only; everything else (reason, additionalData, eventDate) is not
    // covered by the HMAC. Consumers must take amounts and references from the signed fields.
    JsonObject item = signCapture(captureItem("8823842560770006", "order-47"), KEY).put("reason", "edited");

    assertThat(verifier(KEY).verify(request(now, notification(item.encode()))).events()).hasSize(1);
  }

  @Test
  void rejectsSignatureMadeWithAnotherKey() {
    assertThat(failure(verifier(KEY), notification(RUBY_ITEM))).isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsMissingAndMalformedSignatures() {
    JsonObject unsigned = captureItem("8823842560770007", "order-48");
    JsonObject noAdditionalData = unsigned.copy();
    noAdditionalData.remove("additionalData");
    assertThat(failure(verifier(KEY), notification(unsigned.encode()))).isEqualTo(WebhookFailureCode.SIGNATURE_MISSING);
    assertThat(failure(verifier(KEY), notification(noAdditionalData.encode())))
        .isEqualTo(WebhookFailureCode.SIGNATURE_MISSING);

    for (String signature : List.of("not base64!", "YWJj", "invalidHMACsign")) {
      JsonObject item = unsigned.copy();
      item.getJsonObject("additionalData").put("hmacSignature", signature);
      assertThat(failure(verifier(KEY), notification(item.encode()))).as(signature)
          .isEqualTo(WebhookFailureCode.SIGNATURE_MALFORMED);
    }
  }

  @Test
  void rejectsWholeBatchWhenOneItemIsNotAuthentic() {
    String good = signCapture(captureItem("8823842560770008", "order-49"), KEY).encode();
    String forged = signCapture(captureItem("8823842560770009", "order-50"), OLD_KEY).encode();
    String unsigned = captureItem("8823842560770010", "order-51").encode();

    assertThat(failure(verifier(KEY), notification(good, forged))).isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
    assertThat(failure(verifier(KEY), notification(good, unsigned))).isEqualTo(WebhookFailureCode.SIGNATURE_MISSING);
  }

  @Test
  void acceptsItemsSignedWithEitherKeyDuringRotation() {
    String withOld = signCapture(captureItem("8823842560770011", "order-52"), OLD_KEY).encode();
    String withNew = signCapture(captureItem("8823842560770012", "order-53"), KEY).encode();

    assertThat(verifier(OLD_KEY, KEY).verify(request(now, notification(withOld, withNew))).events()).hasSize(2);
  }

  @Test
  void rejectsOldKeySignatureOnceOnlyTheNewKeyIsConfigured() {
    String withOld = signCapture(captureItem("8823842560770013", "order-54"), OLD_KEY).encode();

    assertThat(failure(verifier(KEY), notification(withOld))).isEqualTo(WebhookFailureCode.SIGNATURE_INVALID);
  }

  @Test
  void rejectsPayloadsThatAreNotNotificationBatches() {
    String good = signCapture(captureItem("8823842560770014", "order-55"), KEY).encode();
    for (String body : List.of("not json", "{}", "{\"notificationItems\":[]}", "{\"notificationItems\":{}}",
        "{\"notificationItems\":[{}]}", "{\"notificationItems\":[{\"NotificationRequestItem\":[]}]}",
        "{\"notificationItems\":[{\"NotificationRequestItem\":" + good + "}, 7]}")) {
      assertThatThrownBy(() -> verifier(KEY).verify(request(now, body)))
          .as(body).isInstanceOf(WebhookPayloadException.class);
    }
  }

  @Test
  void rejectsSignedFieldsThatAreStructures() {
    JsonObject item = signCapture(captureItem("8823842560770015", "order-56"), KEY);
    item.put("originalReference", new JsonArray().add("8313842560770001"));

    assertThat(failure(verifier(KEY), notification(item.encode()))).isEqualTo(WebhookFailureCode.PAYLOAD_INVALID);
  }

  @Test
  void rejectsDuplicateKeysThatCouldHideASecondValue() {
    String item = signCapture(captureItem("8823842560770016", "order-57"), KEY).encode();
    String duplicated = item.replaceFirst("\"eventCode\":\"CAPTURE\"", "\"eventCode\":\"CAPTURE\",\"eventCode\":\"REFUND\"");

    assertThat(failure(verifier(KEY), notification(duplicated))).isEqualTo(WebhookFailureCode.PAYLOAD_INVALID);
  }

  @Test
  void rejectsMoreItemsThanTheLimit() {
    String item = signCapture(captureItem("8823842560770017", "order-58"), KEY).encode();
    AdyenHmacVerifier capped = new AdyenHmacVerifier(
        AdyenVerifierOptions.of(List.of(KEY)).withLimits(new PayloadLimits(1 << 20, 2, 16)));

    assertThatThrownBy(() -> capped.verify(request(now, notification(item, item, item))))
        .isInstanceOf(WebhookPayloadException.class).hasMessageContaining("more than 2 events");
  }

  @Test
  void rejectsAKeyThatIsNotHexWithoutEchoingIt() {
    assertThatThrownBy(() -> AdyenVerifierOptions.of(List.of("S3CRETZZ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("S3CRETZZ");
    assertThat(AdyenVerifierOptions.of(List.of(KEY)).toString()).doesNotContain(KEY).doesNotContain("0123456789");
  }
}
