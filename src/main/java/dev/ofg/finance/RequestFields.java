package dev.ofg.finance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads typed fields from a JSON request object, recording an error per bad field instead of stopping at
 * the first, so a client learns everything wrong with a payload at once.
 */
public final class RequestFields {
  /** External references: what integrators use as order or document numbers, slashes included. */
  public static final Pattern EXTERNAL_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/#-]{0,79}");
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,14})(\\.[0-9]{1,6})?");

  private final JsonObject json;
  private final String pointer;
  private final FieldErrors errors;

  public RequestFields(JsonObject json, String pointer, FieldErrors errors) {
    this.json = json == null ? new JsonObject() : json;
    this.pointer = pointer;
    this.errors = errors;
  }

  public static RequestFields root(JsonObject json, FieldErrors errors) {
    return new RequestFields(json, "", errors);
  }

  public String pointer(String field) {
    return pointer + "/" + field;
  }

  public String string(String field, boolean required, int maxLength) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        errors.add(pointer(field), "is required");
      }
      return null;
    }
    if (!(value instanceof String)) {
      errors.add(pointer(field), "must be a string");
      return null;
    }
    String text = ((String) value).strip();
    if (required && text.isEmpty()) {
      errors.add(pointer(field), "must not be empty");
      return null;
    }
    if (text.length() > maxLength) {
      errors.add(pointer(field), "must be at most " + maxLength + " characters");
      return null;
    }
    return text.isEmpty() ? null : text;
  }

  public String externalRef(String field, boolean required) {
    String text = string(field, required, 80);
    if (text != null && !EXTERNAL_REF.matcher(text).matches()) {
      errors.add(pointer(field), "must be 1-80 characters: letters, digits and . _ : / # -, starting with a letter or digit");
      return null;
    }
    return text;
  }

  public boolean bool(String field, boolean defaultValue) {
    Object value = json.getValue(field);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Boolean)) {
      errors.add(pointer(field), "must be true or false");
      return defaultValue;
    }
    return (Boolean) value;
  }

  /**
   * Reads a decimal written as a JSON string ("12.50"), never a JSON number, so no float rounding happens
   * on the way in; {@code maxScale} bounds the decimals.
   */
  public BigDecimal decimal(String field, boolean required, int maxScale, boolean positive) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        errors.add(pointer(field), "is required");
      }
      return null;
    }
    if (!(value instanceof String) || !DECIMAL.matcher((String) value).matches()) {
      errors.add(pointer(field), "must be a decimal string such as \"1250.00\"");
      return null;
    }
    BigDecimal decimal = new BigDecimal((String) value);
    if (decimal.scale() > maxScale) {
      errors.add(pointer(field), "must have at most " + maxScale + " decimals");
      return null;
    }
    if (positive && decimal.signum() <= 0) {
      errors.add(pointer(field), "must be greater than zero");
      return null;
    }
    return decimal;
  }

  public Currency currency(String field, boolean required) {
    String code = string(field, required, 3);
    if (code == null) {
      return null;
    }
    try {
      if (!code.matches("[A-Z]{3}")) {
        throw new IllegalArgumentException();
      }
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      errors.add(pointer(field), "must be an ISO 4217 currency code such as EUR");
      return null;
    }
  }

  public LocalDate date(String field, boolean required) {
    String text = string(field, required, 10);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(pointer(field), "must be an ISO 8601 date (YYYY-MM-DD)");
      return null;
    }
  }

  public <E extends Enum<E>> E enumValue(String field, Class<E> type, E defaultValue) {
    String text = string(field, defaultValue == null, 40);
    if (text == null) {
      return defaultValue;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text.replace('-', '_'))) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add(constant.name().toLowerCase(java.util.Locale.ROOT));
    }
    errors.add(pointer(field), "must be one of " + String.join(", ", allowed));
    return defaultValue;
  }

  public RequestFields object(String field, boolean required) {
    Object value = json.getValue(field);
    if (value == null) {
      if (required) {
        errors.add(pointer(field), "is required");
      }
      return null;
    }
    if (!(value instanceof JsonObject)) {
      errors.add(pointer(field), "must be an object");
      return null;
    }
    return new RequestFields((JsonObject) value, pointer(field), errors);
  }

  public <T> List<T> list(String field, int min, int max, Function<RequestFields, T> item) {
    Object value = json.getValue(field);
    if (value == null) {
      if (min > 0) {
        errors.add(pointer(field), "is required");
      }
      return List.of();
    }
    if (!(value instanceof JsonArray)) {
      errors.add(pointer(field), "must be a list");
      return List.of();
    }
    JsonArray array = (JsonArray) value;
    if (array.size() < min || array.size() > max) {
      errors.add(pointer(field), "must have " + min + " to " + max + " items");
      return List.of();
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object element = array.getValue(i);
      String itemPointer = pointer(field) + "/" + i;
      if (!(element instanceof JsonObject)) {
        errors.add(itemPointer, "must be an object");
        continue;
      }
      out.add(item.apply(new RequestFields((JsonObject) element, itemPointer, errors)));
    }
    return out;
  }

  /** Reports fields the payload carries but the API does not define, catching typos early. */
  public void rejectUnknown(String... known) {
    List<String> allowed = List.of(known);
    for (String field : json.fieldNames()) {
      if (!allowed.contains(field)) {
        errors.add(pointer(field), "is not a known field (expected one of: " + String.join(", ", allowed) + ")");
      }
    }
  }
}
