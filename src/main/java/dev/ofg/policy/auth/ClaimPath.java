package dev.ofg.policy.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads a claim named by a configured path: the exact name first (namespaced claims such as
 * {@code https://example.com/roles} contain dots), else a dotted path into nested objects
 * ({@code realm_access.roles}).
 */
final class ClaimPath {
  static final int MAX_ROLES = 100;

  private ClaimPath() {
  }

  static Object value(JsonObject claims, String path) {
    if (claims.containsKey(path)) {
      return claims.getValue(path);
    }
    Object node = claims;
    for (String step : path.split("\\.")) {
      if (!(node instanceof JsonObject)) {
        return null;
      }
      node = ((JsonObject) node).getValue(step);
    }
    return node;
  }

  /** Returns the claim when it is a string, else null. */
  static String string(JsonObject claims, String path) {
    Object value = value(claims, path);
    return value instanceof String ? (String) value : null;
  }

  /**
   * Returns the claim as a set of strings: a JSON array of strings, or one space-separated string (the OAuth
   * {@code scope} style). Non-strings are skipped; at most {@link #MAX_ROLES} entries are read.
   */
  static Set<String> strings(JsonObject claims, String path) {
    Object value = value(claims, path);
    Set<String> out = new LinkedHashSet<>();
    if (value instanceof JsonArray) {
      JsonArray array = (JsonArray) value;
      for (int i = 0; i < array.size() && out.size() < MAX_ROLES; i++) {
        Object item = array.getValue(i);
        if (item instanceof String) {
          out.add((String) item);
        }
      }
    } else if (value instanceof String) {
      for (String item : ((String) value).trim().split("\\s+")) {
        if (!item.isEmpty() && out.size() < MAX_ROLES) {
          out.add(item);
        }
      }
    }
    return Set.copyOf(out);
  }
}
