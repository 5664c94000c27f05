package dev.ofg.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${NAME}} and {@code ${NAME:-default}} in configuration strings from the environment.
 *
 * <p>This is the only way environment variables enter the configuration, so the YAML file itself
 * documents which variable overrides which key. {@code $${} escapes a literal {@code ${}.
 */
final class Placeholders {
  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Map<String, String> env;

  Placeholders(Map<String, String> env) {
    this.env = env;
  }

  static boolean isPlaceholderOnly(Object raw) {
    if (!(raw instanceof String)) {
      return false;
    }
    Matcher matcher = PLACEHOLDER.matcher(((String) raw).trim());
    return matcher.matches() && matcher.group(1) != null;
  }

  JsonObject resolve(JsonObject raw, String path, List<String> problems) {
    JsonObject resolved = new JsonObject();
    for (Map.Entry<String, Object> entry : raw) {
      resolved.put(entry.getKey(), resolveValue(entry.getValue(), join(path, entry.getKey()), problems));
    }
    return resolved;
  }

  private Object resolveValue(Object value, String path, List<String> problems) {
    if (value instanceof JsonObject) {
      return resolve((JsonObject) value, path, problems);
    }
    if (value instanceof JsonArray) {
      JsonArray out = new JsonArray();
      JsonArray array = (JsonArray) value;
      for (int i = 0; i < array.size(); i++) {
        out.add(resolveValue(array.getValue(i), path + "[" + i + "]", problems));
      }
      return out;
    }
    if (value instanceof String) {
      return resolveString((String) value, path, problems);
    }
    return value;
  }

  private String resolveString(String text, String path, List<String> problems) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (matcher.group(0).equals("$${")) {
        replacement = "${";
      } else {
        String name = matcher.group(1);
        String fallback = matcher.group(2);
        String fromEnv = env.get(name);
        if (fromEnv != null && !fromEnv.isEmpty()) {
          replacement = fromEnv;
        } else if (fallback != null) {
          replacement = fallback;
        } else {
          problems.add(path + ": environment variable " + name + " is not set (expected: a value, or a default as ${"
              + name + ":-default})");
          replacement = "";
        }
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
