package dev.ofg.sandbox;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders values the way Python's {@code repr()} does, because Odoo builds many error messages with
 * {@code %r} / f-strings ({@code "Invalid field res.users.x in condition ('x', '=', 1)"}).
 */
final class PythonRepr {
  private PythonRepr() {}

  static String repr(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  /** Python's {@code str()}: like repr except that a top-level string is not quoted. */
  static String str(Object value) {
    return value instanceof String s ? s : repr(value);
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("None");
    } else if (value instanceof Boolean b) {
      out.append(b ? "True" : "False");
    } else if (value instanceof String s) {
      appendString(out, s);
    } else if (value instanceof Double || value instanceof Float) {
      out.append(PythonJson.formatFloat(((Number) value).doubleValue()));
    } else if (value instanceof Number n) {
      out.append(n.toString());
    } else if (value instanceof PyTuple t) {
      appendSequence(out, t.items(), "(", t.items().size() == 1 ? ",)" : ")");
    } else if (value instanceof List<?> list) {
      appendSequence(out, list, "[", "]");
    } else if (value instanceof Map<?, ?> map) {
      appendMap(out, map);
    } else {
      append(out, JsonValues.plain(value));
    }
  }

  private static void appendSequence(StringBuilder out, List<?> items, String open, String close) {
    out.append(open);
    for (Iterator<?> it = items.iterator(); it.hasNext(); ) {
      append(out, it.next());
      if (it.hasNext()) {
        out.append(", ");
      }
    }
    out.append(close);
  }

  private static void appendMap(StringBuilder out, Map<?, ?> map) {
    out.append('{');
    for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<?, ?> e = it.next();
      append(out, e.getKey());
      out.append(": ");
      append(out, e.getValue());
      if (it.hasNext()) {
        out.append(", ");
      }
    }
    out.append('}');
  }

  // CPython unicode_repr: single quotes unless the text has ' and no ".
  private static void appendString(StringBuilder out, String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    out.append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == quote || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append(quote);
  }
}
