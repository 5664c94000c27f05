package dev.ofg.odoo.xmlrpc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Renders JSON values the way CPython's {@code str()}, {@code repr()} and traceback module would, so
 * that faults and doubles carry the same text Odoo's Python server sends.
 */
final class PythonText {

  private PythonText() {
  }

  /**
   * Returns {@code repr(float)}: the shortest decimal that reads back as the same double, in fixed
   * notation for decimal exponents -5 &lt; e &lt; 16 (always with a fraction, {@code 1.0}) and
   * {@code 1e+16}/{@code 1e-05} notation otherwise; {@code inf}, {@code -inf}, {@code nan}.
   */
  static String floatRepr(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0.0) {
      return 1.0 / value < 0 ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortestRoundTrip(value).stripTrailingZeros();
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    String sign = value < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      return sign + scientific(digits, exponent);
    }
    return sign + fixed(digits, exponent);
  }

  private static BigDecimal shortestRoundTrip(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision < 17; precision++) {
      BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
      boolean downFits = down.doubleValue() == value;
      boolean upFits = up.doubleValue() == value;
      if (downFits && upFits) {
        // Both read back: take the nearer one, as David Gay's algorithm in CPython does.
        return exact.subtract(down).compareTo(up.subtract(exact)) <= 0 ? down : up;
      }
      if (downFits) {
        return down;
      }
      if (upFits) {
        return up;
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }

  private static String scientific(String digits, int exponent) {
    StringBuilder out = new StringBuilder(digits.length() + 6).append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int magnitude = Math.abs(exponent);
    if (magnitude < 10) {
      out.append('0');
    }
    return out.append(magnitude).toString();
  }

  private static String fixed(String digits, int exponent) {
    if (exponent < 0) {
      return "0." + "0".repeat(-exponent - 1) + digits;
    }
    int integerDigits = exponent + 1;
    if (digits.length() <= integerDigits) {
      return digits + "0".repeat(integerDigits - digits.length()) + ".0";
    }
    return digits.substring(0, integerDigits) + '.' + digits.substring(integerDigits);
  }

  /** Returns {@code str(exception)} for an exception built with these {@code args}. */
  static String exceptionStr(List<?> args) {
    if (args.isEmpty()) {
      return "";
    }
    if (args.size() == 1) {
      return str(args.get(0));
    }
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(repr(args.get(i)));
    }
    return out.append(')').toString();
  }

  /**
   * Returns the last line of a Python traceback, {@code traceback.format_exception_only}: the
   * qualified class name (without {@code builtins.}), then {@code ": message"} unless it is empty.
   */
  static String exceptionOnly(String qualifiedName, String message) {
    String name = qualifiedName;
    if (name.startsWith("builtins.")) {
      name = name.substring("builtins.".length());
    } else if (name.startsWith("__main__.")) {
      name = name.substring("__main__.".length());
    }
    return message.isEmpty() ? name + "\n" : name + ": " + message + "\n";
  }

  static String str(Object value) {
    return value instanceof String s ? s : repr(value);
  }

  static String repr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof Number n) {
      return floatRepr(n.doubleValue());
    }
    if (value instanceof String s) {
      return stringRepr(s);
    }
    if (value instanceof JsonArray a) {
      return listRepr(a.getList());
    }
    if (value instanceof List<?> l) {
      return listRepr(l);
    }
    if (value instanceof JsonObject o) {
      return dictRepr(o.getMap());
    }
    if (value instanceof Map<?, ?> m) {
      return dictRepr(m);
    }
    return stringRepr(value.toString());
  }

  private static String listRepr(List<?> list) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      out.append(i > 0 ? ", " : "").append(repr(list.get(i)));
    }
    return out.append(']').toString();
  }

  private static String dictRepr(Map<?, ?> map) {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      out.append(first ? "" : ", ").append(repr(entry.getKey())).append(": ").append(repr(entry.getValue()));
      first = false;
    }
    return out.append('}').toString();
  }

  /** Quotes like CPython: single quotes unless the text has one and no double quote. */
  static String stringRepr(String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
    text.codePoints().forEach(cp -> appendReprCodePoint(out, cp, quote));
    return out.append(quote).toString();
  }

  private static void appendReprCodePoint(StringBuilder out, int cp, char quote) {
    if (cp == quote || cp == '\\') {
      out.append('\\').append((char) cp);
    } else if (cp == '\t') {
      out.append("\\t");
    } else if (cp == '\n') {
      out.append("\\n");
    } else if (cp == '\r') {
      out.append("\\r");
    } else if (cp < 0x20 || cp == 0x7f) {
      out.append(String.format("\\x%02x", cp));
    } else if (cp < 0x7f || isPrintable(cp)) {
      out.appendCodePoint(cp);
    } else if (cp <= 0xff) {
      out.append(String.format("\\x%02x", cp));
    } else if (cp <= 0xffff) {
      out.append(String.format("\\u%04x", cp));
    } else {
      out.append(String.format("\\U%08x", cp));
    }
  }

  /** Mirrors {@code str.isprintable()}: Unicode "Other" and "Separator" categories are not. */
  private static boolean isPrintable(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR -> false;
      default -> true;
    };
  }
}
