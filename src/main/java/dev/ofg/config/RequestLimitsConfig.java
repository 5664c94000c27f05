package dev.ofg.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Configures request body limits (size, content types, JSON nesting depth, JSON string length) by default, per
 * route class (the names {@code rateLimits} uses) and per route template; for each limit the most specific level
 * that sets it wins, and the route's own format supplies the content types when no level names them.
 *
 * @param defaults limits for every route; {@code contentTypes} is not allowed here because JSON and XML routes
 *     accept different ones
 * @param routeClasses route class name to its limits
 * @param routes route template (as in metrics, e.g. {@code /api/v1/invoices}) to its limits
 */
public record RequestLimitsConfig(
    BodyLimits defaults,
    Map<String, BodyLimits> routeClasses,
    Map<String, BodyLimits> routes) {

  public static final int DEFAULT_MAX_JSON_DEPTH = 32;
  public static final int DEFAULT_MAX_STRING_LENGTH = 64 * 1024;
  public static final int MAX_JSON_DEPTH = 1000;
  public static final int MAX_BODY_BYTES = 512 * 1024 * 1024;

  private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");
  private static final Pattern ROUTE_CLASS = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public RequestLimitsConfig {
    Objects.requireNonNull(defaults, "defaults");
    if (defaults.contentTypes() != null) {
      throw new IllegalArgumentException("defaults.contentTypes: set (expected: contentTypes per route class or "
          + "route only, because JSON and XML routes accept different types)");
    }
    routeClasses = copy("routeClasses", routeClasses);
    routes = copy("routes", routes);
    for (String name : routeClasses.keySet()) {
      if (!ROUTE_CLASS.matcher(name).matches()) {
        throw new IllegalArgumentException("routeClasses: \"" + name
            + "\" (expected: a route class name: lower-case letters, digits, . _ -)");
      }
    }
    for (String template : routes.keySet()) {
      if (!template.startsWith("/") || template.length() > 256) {
        throw new IllegalArgumentException("routes: \"" + template
            + "\" (expected: a route template such as /api/v1/invoices)");
      }
    }
  }

  /** Returns a configuration that sets nothing: every route gets the built-in limits. */
  public static RequestLimitsConfig none() {
    return new RequestLimitsConfig(BodyLimits.INHERIT, Map.of(), Map.of());
  }

  /** Names the route classes this configuration refers to that {@code known} does not define. */
  public List<String> unknownRouteClasses(Collection<String> known) {
    List<String> problems = new ArrayList<>();
    for (String name : routeClasses.keySet()) {
      if (!known.contains(name)) {
        problems.add("limits.routeClasses." + name + ": unknown route class (expected one of: "
            + new TreeSet<>(known) + ")");
      }
    }
    return problems;
  }

  /** Names the route templates this configuration refers to that the gateway does not serve. */
  public List<String> unknownRoutes(Collection<String> templates) {
    List<String> problems = new ArrayList<>();
    for (String template : routes.keySet()) {
      if (!templates.contains(template)) {
        problems.add("limits.routes." + template + ": unknown route (expected one of: " + new TreeSet<>(templates)
            + ")");
      }
    }
    return problems;
  }

  private static Map<String, BodyLimits> copy(String name, Map<String, BodyLimits> limits) {
    Map<String, BodyLimits> copy = new LinkedHashMap<>();
    Objects.requireNonNull(limits, name).forEach((key, value) -> copy.put(key, Objects.requireNonNull(value, key)));
    return Map.copyOf(copy);
  }

  /**
   * Describes limits at one level; a null member inherits from the less specific level.
   *
   * @param maxBodyBytes the largest body accepted, checked against Content-Length before reading and while reading
   * @param contentTypes the accepted media types (without parameters), lower case
   * @param maxJsonDepth the deepest nesting of objects and arrays accepted in a JSON body
   * @param maxStringLength the longest JSON string (value or member name) accepted, in characters
   */
  public record BodyLimits(Integer maxBodyBytes, List<String> contentTypes, Integer maxJsonDepth,
      Integer maxStringLength) {

    /** Sets nothing. */
    public static final BodyLimits INHERIT = new BodyLimits(null, null, null, null);

    public BodyLimits {
      if (maxBodyBytes != null && (maxBodyBytes < 0 || maxBodyBytes > MAX_BODY_BYTES)) {
        throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: 0.." + MAX_BODY_BYTES + ")");
      }
      if (maxJsonDepth != null && (maxJsonDepth < 1 || maxJsonDepth > MAX_JSON_DEPTH)) {
        throw new IllegalArgumentException("maxJsonDepth: " + maxJsonDepth + " (expected: 1.." + MAX_JSON_DEPTH + ")");
      }
      if (maxStringLength != null && (maxStringLength < 1 || maxStringLength > MAX_BODY_BYTES)) {
        throw new IllegalArgumentException("maxStringLength: " + maxStringLength + " (expected: 1.."
            + MAX_BODY_BYTES + ")");
      }
      contentTypes = contentTypes == null ? null : mediaTypes(contentTypes);
    }

    private static List<String> mediaTypes(List<String> types) {
      if (types.isEmpty()) {
        throw new IllegalArgumentException("contentTypes: [] (expected: at least one media type)");
      }
      Set<String> normalized = new LinkedHashSet<>();
      for (String type : types) {
        String lower = type.trim().toLowerCase(Locale.ROOT);
        if (!MEDIA_TYPE.matcher(lower).matches()) {
          throw new IllegalArgumentException("contentTypes: \"" + type
              + "\" (expected: a media type without parameters, such as application/json)");
        }
        normalized.add(lower);
      }
      return List.copyOf(normalized);
    }

    /** Returns these limits with every unset member taken from {@code fallback}. */
    public BodyLimits orElse(BodyLimits fallback) {
      return new BodyLimits(
          maxBodyBytes != null ? maxBodyBytes : fallback.maxBodyBytes,
          contentTypes != null ? contentTypes : fallback.contentTypes,
          maxJsonDepth != null ? maxJsonDepth : fallback.maxJsonDepth,
          maxStringLength != null ? maxStringLength : fallback.maxStringLength);
    }

    static BodyLimits read(ConfigReader in) {
      Integer maxBodyBytes = in.has("maxBodyBytes") ? in.integer("maxBodyBytes", 0, 0, MAX_BODY_BYTES) : null;
      List<String> contentTypes = in.has("contentTypes") ? in.strings("contentTypes") : null;
      Integer maxJsonDepth = in.has("maxJsonDepth") ? in.integer("maxJsonDepth", 1, 1, MAX_JSON_DEPTH) : null;
      Integer maxStringLength = in.has("maxStringLength")
          ? in.integer("maxStringLength", 1, 1, MAX_BODY_BYTES) : null;
      in.rejectUnknownKeys();
      return in.build(() -> new BodyLimits(maxBodyBytes, contentTypes, maxJsonDepth, maxStringLength));
    }
  }

  /** Reads the {@code limits} section; absent, it sets nothing. */
  static RequestLimitsConfig read(ConfigReader in) {
    BodyLimits defaults = in.has("defaults") ? BodyLimits.read(in.section("defaults")) : BodyLimits.INHERIT;
    Map<String, BodyLimits> routeClasses = readNamed(in, "routeClasses");
    Map<String, BodyLimits> routes = readNamed(in, "routes");
    in.rejectUnknownKeys();
    if (defaults == null || in.hasProblems()) {
      return null;
    }
    return in.build(() -> new RequestLimitsConfig(defaults, routeClasses, routes));
  }

  private static Map<String, BodyLimits> readNamed(ConfigReader in, String key) {
    Map<String, BodyLimits> out = new LinkedHashMap<>();
    in.namedSections(key).forEach((name, section) -> {
      BodyLimits limits = BodyLimits.read(section);
      if (limits != null) {
        out.put(name, limits);
      }
    });
    return out;
  }
}
