package dev.ofg.sandbox;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Converts client values to stored values like Odoo's {@code Field.convert_to_cache}: False/None
 * clear a field, numbers are coerced, dates must match {@code %Y-%m-%d}, selections must be valid.
 */
final class ValueConverter {
  static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private ValueConverter() {}

  static Object toStored(String model, FieldSpec field, Object raw) {
    Object value = JsonValues.plainShallow(raw);
    return switch (field.type()) {
      case CHAR, TEXT -> isUnset(value) ? null : PythonRepr.str(value);
      case INTEGER -> isUnset(value) ? 0L : toLong(field, value);
      case FLOAT, MONETARY -> isUnset(value) ? 0.0 : toDouble(field, value);
      case BOOLEAN -> JsonValues.truthy(value);
      case DATE -> isUnset(value) ? null : toDate(value);
      case DATETIME -> isUnset(value) ? null : toDatetime(value);
      case SELECTION -> isUnset(value) ? null : toSelection(model, field, value);
      case MANY2ONE -> isUnset(value) ? null : toId(field, value);
      case ONE2MANY, MANY2MANY -> throw new IllegalStateException("x2many values are commands");
    };
  }

  static boolean isUnset(Object value) {
    return value == null || Boolean.FALSE.equals(value);
  }

  private static long toLong(FieldSpec field, Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    try {
      return Long.parseLong(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw OdooError.valueError("invalid literal for int() with base 10: " + PythonRepr.repr(value));
    }
  }

  private static double toDouble(FieldSpec field, Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw OdooError.valueError("could not convert string to float: " + PythonRepr.repr(value));
    }
  }

  // fields.Date.to_date keeps the first 10 characters, then strptime('%Y-%m-%d').
  private static String toDate(Object value) {
    String text = String.valueOf(value);
    String head = text.length() > 10 ? text.substring(0, 10) : text;
    try {
      return LocalDate.parse(head).toString();
    } catch (DateTimeParseException e) {
      throw OdooError.valueError("time data " + PythonRepr.repr(head) + " does not match format '%Y-%m-%d'");
    }
  }

  private static String toDatetime(Object value) {
    String text = String.valueOf(value);
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay().format(DATETIME);
      }
      String head = text.length() > 19 ? text.substring(0, 19) : text;
      return LocalDateTime.parse(head, DATETIME).format(DATETIME);
    } catch (DateTimeParseException e) {
      throw OdooError.valueError("time data " + PythonRepr.repr(text) + " does not match format '%Y-%m-%d %H:%M:%S'");
    }
  }

  // fields.Selection.convert_to_cache: raise ValueError("Wrong value for %s: %r" % (self, value))
  private static String toSelection(String model, FieldSpec field, Object value) {
    String text = value instanceof String s ? s : PythonRepr.str(value);
    if (!field.allowsValue(text)) {
      throw OdooError.valueError("Wrong value for " + model + "." + field.name() + ": " + PythonRepr.repr(value));
    }
    return text;
  }

  private static long toId(FieldSpec field, Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof java.util.List<?> list && !list.isEmpty() && list.get(0) instanceof Number n) {
      return n.longValue();
    }
    throw OdooError.valueError("Wrong value for " + field.name() + ": " + PythonRepr.repr(value));
  }
}
