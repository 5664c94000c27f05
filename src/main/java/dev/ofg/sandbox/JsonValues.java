package dev.ofg.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts decoded JSON into the plain Java values the sandbox works with: {@link Map}, {@link List},
 * {@link String}, {@link Long} for Python ints, {@link Double} for Python floats, {@link Boolean} and
 * {@code null}, the same distinction Python's json module makes.
 */
final class JsonValues {
  /** Deepest nesting accepted in a request body; deeper input is refused as malformed. */
  static final int MAX_DEPTH = 64;

  private JsonValues() {}

  static Object plain(Object value) {
    return plain(value, 0);
  }

  private static Object plain(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("JSON nesting deeper than " + MAX_DEPTH);
    }
    Object v = plainShallow(value);
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, val) -> copy.put(String.valueOf(k), plain(val, depth + 1)));
      return copy;
    }
    if (v instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(plain(item, depth + 1));
      }
      return copy;
    }
    return v;
  }

  /** Unwraps Vert.x containers and normalises numbers without copying nested values. */
  static Object plainShallow(Object value) {
    if (value instanceof JsonObject o) {
      return o.getMap();
    }
    if (value instanceof JsonArray a) {
      return a.getList();
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : b.doubleValue();
    }
    if (value instanceof BigDecimal d) {
      return d.doubleValue();
    }
    return value;
  }

  /** Python truthiness: None, False, 0, empty string and empty containers are false. */
  static boolean truthy(Object value) {
    Object v = plainShallow(value);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof List<?> l) {
      return !l.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  static boolean isInteger(Object value) {
    return value instanceof Long || value instanceof Integer;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    Object v = plainShallow(value);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object value) {
    Object v = plainShallow(value);
    return v instanceof List<?> l ? (List<Object>) l : null;
  }
}
