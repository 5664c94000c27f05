package dev.ofg.sandbox;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Serialises values byte-for-byte like Odoo's {@code Request.make_json_response}, which calls
 * {@code json.dumps(data, ensure_ascii=False, default=json_default)}: separators {@code ", "} and
 * {@code ": "}, insertion-ordered keys, non-ASCII left as is, floats written like Python's repr.
 */
final class PythonJson {
  private PythonJson() {}

  static String dumps(Object value) {
    StringBuilder out = new StringBuilder(128);
    append(out, value);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    Object v = JsonValues.plainShallow(value);
    if (v == null) {
      out.append("null");
    } else if (v instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (v instanceof String s) {
      appendString(out, s);
    } else if (v instanceof Double || v instanceof Float) {
      out.append(formatFloat(((Number) v).doubleValue()));
    } else if (v instanceof BigDecimal d) {
      out.append(formatFloat(d.doubleValue()));
    } else if (v instanceof Number n) {
      out.append(n.toString());
    } else if (v instanceof PyTuple t) {
      appendList(out, t.items());
    } else if (v instanceof List<?> list) {
      appendList(out, list);
    } else if (v instanceof Map<?, ?> map) {
      appendMap(out, map);
    } else {
      appendString(out, v.toString());
    }
  }

  private static void appendList(StringBuilder out, List<?> list) {
    out.append('[');
    for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
      append(out, it.next());
      if (it.hasNext()) {
        out.append(", ");
      }
    }
    out.append(']');
  }

  private static void appendMap(StringBuilder out, Map<?, ?> map) {
    out.append('{');
    for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<?, ?> e = it.next();
      appendString(out, String.valueOf(e.getKey()));
      out.append(": ");
      append(out, e.getValue());
      if (it.hasNext()) {
        out.append(", ");
      }
    }
    out.append('}');
  }

  private static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Formats a double like Python's {@code float.__repr__} (shortest round-trip, Python exponent style). */
  static String formatFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = exact.precision() - exact.scale() - 1;
    if (exponent >= 16 || exponent < -4) {
      return scientific(exact, exponent);
    }
    String plain = exact.toPlainString();
    return plain.indexOf('.') >= 0 ? plain : plain + ".0";
  }

  private static String scientific(BigDecimal exact, int exponent) {
    String digits = exact.unscaledValue().abs().toString();
    String sign = exact.signum() < 0 ? "-" : "";
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String exp = (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    return sign + mantissa + "e" + exp;
  }
}
