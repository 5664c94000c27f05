package dev.ofg.webhook.adyen;

import dev.ofg.webhook.WebhookPayloadException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.StringJoiner;

/**
 * Builds the text Adyen signs for a standard notification item: pspReference,
 * originalReference, merchantAccountCode, merchantReference, amount.value, amount.currency,
 * eventCode and success, joined with {@code :}, absent values as empty strings, and no escaping.
 *
 * <p>No escaping, although Adyen's Ruby library escapes {@code \} and {@code :}: Adyen's Java
 * library test {@code testValidateHMACWithoutEscaping} verifies a notification whose
 * merchantReference is {@code \:/\/slashes are fun} against its Adyen-issued signature with the
 * raw values joined (adyen-java-api-library, src/test/java/com/adyen/util/HMACValidatorTest.java).
 */
final class AdyenSignedData {

  private AdyenSignedData() {}

  static String of(JsonObject item, String where) {
    Object amount = item.getValue("amount");
    if (amount != null && !(amount instanceof JsonObject)) {
      throw new WebhookPayloadException(where + "amount is not an object");
    }
    JsonObject money = amount == null ? new JsonObject() : (JsonObject) amount;
    return new StringJoiner(":")
        .add(text(item, "pspReference", where))
        .add(text(item, "originalReference", where))
        .add(text(item, "merchantAccountCode", where))
        .add(text(item, "merchantReference", where))
        .add(text(money, "value", where + "amount."))
        .add(text(money, "currency", where + "amount."))
        .add(text(item, "eventCode", where))
        .add(text(item, "success", where))
        .toString();
  }

  /** Returns a signed field as Adyen writes it; the empty string when absent or null. */
  static String text(JsonObject object, String field, String where) {
    Object value = object.getValue(field);
    if (value == null) {
      return "";
    }
    if (value instanceof JsonObject || value instanceof JsonArray) {
      // A structure where Adyen signs a scalar would be signed as "" yet reach consumers as data.
      throw new WebhookPayloadException(where + field + " is not a scalar");
    }
    return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
  }
}
