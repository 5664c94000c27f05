package dev.ofg.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Grants a set of Odoo model methods; clients hold roles, and a client may call only what its roles grant.
 *
 * <p>Method lists may use groups so that configurations stay short and reviewable:
 * {@code @read} (read, search, search_read, search_count, name_search, fields_get, default_get),
 * {@code @write} (create, write), {@code @unlink} (unlink).
 */
public record RoleConfig(String name, Map<String, Set<String>> models, boolean admin) {
  public static final Map<String, List<String>> METHOD_GROUPS = Map.of(
      "@read", List.of("read", "search", "search_read", "search_count", "name_search", "fields_get", "default_get"),
      "@write", List.of("create", "write"),
      "@unlink", List.of("unlink"));

  private static final Pattern MODEL = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");
  private static final Pattern METHOD = Pattern.compile("[a-z][a-zA-Z0-9_]*");

  public RoleConfig {
    Objects.requireNonNull(name, "name");
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> entry : models.entrySet()) {
      if (!MODEL.matcher(entry.getKey()).matches()) {
        throw new IllegalArgumentException("models: \"" + entry.getKey() + "\" (expected: an Odoo model name such as res.partner)");
      }
      for (String method : entry.getValue()) {
        if (!METHOD.matcher(method).matches()) {
          // Private methods (leading underscore) are never callable over RPC in Odoo either.
          throw new IllegalArgumentException("models." + entry.getKey() + ": \"" + method
              + "\" (expected: a public method name or one of " + new TreeSet<>(METHOD_GROUPS.keySet()) + ")");
        }
      }
      copy.put(entry.getKey(), Set.copyOf(entry.getValue()));
    }
    models = Map.copyOf(copy);
  }

  static RoleConfig read(String name, ConfigReader in) {
    Map<String, Set<String>> models = new LinkedHashMap<>();
    ConfigReader modelsSection = in.section("models");
    for (String model : modelsSection.keys()) {
      Set<String> methods = new TreeSet<>();
      for (String method : modelsSection.strings(model)) {
        if (method.startsWith("@")) {
          List<String> group = METHOD_GROUPS.get(method);
          if (group == null) {
            modelsSection.problem(model, "unknown method group " + method + " (expected one of: "
                + new TreeSet<>(METHOD_GROUPS.keySet()) + ")");
          } else {
            methods.addAll(group);
          }
        } else {
          methods.add(method);
        }
      }
      models.put(model, methods);
    }
    boolean admin = in.bool("admin", false);
    in.rejectUnknownKeys();
    return in.build(() -> new RoleConfig(name, models, admin));
  }
}
