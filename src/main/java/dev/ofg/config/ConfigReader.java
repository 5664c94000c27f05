package dev.ofg.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one section of the configuration into typed values, collecting every problem with its full key path.
 *
 * <p>Each section rejects keys it does not know, so a typo ({@code publcPort}) fails at start instead
 * of silently keeping a default.
 */
public final class ConfigReader {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final JsonObject resolved;
  private final JsonObject raw;
  private final String path;
  private final List<String> problems;
  private final Set<String> known = new LinkedHashSet<>();

  ConfigReader(JsonObject resolved, JsonObject raw, String path, List<String> problems) {
    this.resolved = resolved == null ? new JsonObject() : resolved;
    this.raw = raw == null ? new JsonObject() : raw;
    this.path = path;
    this.problems = problems;
  }

  public String path() {
    return path;
  }

  public String path(String key) {
    return Placeholders.join(path, key);
  }

  public boolean has(String key) {
    known.add(key);
    return resolved.containsKey(key) && resolved.getValue(key) != null;
  }

  public void problem(String key, String message) {
    problems.add(path(key) + ": " + message);
  }

  public String string(String key, String defaultValue) {
    known.add(key);
    Object value = resolved.getValue(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof JsonObject || value instanceof JsonArray) {
      problem(key, "a " + typeName(value) + " (expected: a scalar value)");
      return defaultValue;
    }
    String text = String.valueOf(value).trim();
    return text.isEmpty() ? defaultValue : text;
  }

  public String requiredString(String key) {
    String value = string(key, null);
    if (value == null) {
      problem(key, "missing (expected: a non-empty value)");
      return "";
    }
    return value;
  }

  public int integer(String key, int defaultValue, int min, int max) {
    return (int) longValue(key, defaultValue, min, max);
  }

  public long longValue(String key, long defaultValue, long min, long max) {
    String text = string(key, null);
    if (text == null) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(text);
      if (value < min || value > max) {
        problem(key, value + " (expected: " + min + ".." + max + ")");
        return defaultValue;
      }
      return value;
    } catch (NumberFormatException e) {
      problem(key, "\"" + text + "\" (expected: an integer " + min + ".." + max + ")");
      return defaultValue;
    }
  }

  public double decimal(String key, double defaultValue, double min, double max) {
    String text = string(key, null);
    if (text == null) {
      return defaultValue;
    }
    try {
      double value = Double.parseDouble(text);
      if (!(value >= min && value <= max)) {
        problem(key, text + " (expected: " + min + ".." + max + ")");
        return defaultValue;
      }
      return value;
    } catch (NumberFormatException e) {
      problem(key, "\"" + text + "\" (expected: a number " + min + ".." + max + ")");
      return defaultValue;
    }
  }

  public boolean bool(String key, boolean defaultValue) {
    String text = string(key, null);
    if (text == null) {
      return defaultValue;
    }
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
        return true;
      case "false":
      case "no":
      case "off":
        return false;
      default:
        problem(key, "\"" + text + "\" (expected: true or false)");
        return defaultValue;
    }
  }

  /** Reads a duration written as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 7d} or ISO-8601. */
  public Duration duration(String key, Duration defaultValue) {
    String text = string(key, null);
    if (text == null) {
      return defaultValue;
    }
    Duration parsed = parseDuration(text);
    if (parsed == null || parsed.isNegative()) {
      problem(key, "\"" + text + "\" (expected: a duration such as 250ms, 30s, 5m, 24h or PT30S)");
      return defaultValue;
    }
    return parsed;
  }

  static Duration parseDuration(String text) {
    Matcher matcher = DURATION.matcher(text.trim());
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      switch (matcher.group(2)) {
        case "ms":
          return Duration.ofMillis(amount);
        case "s":
          return Duration.ofSeconds(amount);
        case "m":
          return Duration.ofMinutes(amount);
        case "h":
          return Duration.ofHours(amount);
        default:
          return Duration.ofDays(amount);
      }
    }
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
    String text = string(key, null);
    if (text == null) {
      return defaultValue;
    }
    String constant = text.toUpperCase(Locale.ROOT).replace('-', '_');
    for (E candidate : type.getEnumConstants()) {
      if (candidate.name().equals(constant)) {
        return candidate;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E candidate : type.getEnumConstants()) {
      allowed.add(candidate.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    problem(key, "\"" + text + "\" (expected one of: " + String.join(", ", allowed) + ")");
    return defaultValue;
  }

  /**
   * Reads a secret from {@code key} (which must be an environment placeholder, never a literal) or
   * from the file named by {@code keyFile}.
   */
  public Secret secret(String key, boolean required) {
    known.add(key);
    String fileKey = key + "File";
    known.add(fileKey);
    Object rawValue = raw.getValue(key);
    String file = string(fileKey, null);
    if (file != null) {
      if (rawValue != null) {
        problem(key, "set together with " + fileKey + " (expected: only one of them)");
      }
      return readSecretFile(fileKey, file);
    }
    if (rawValue != null && !Placeholders.isPlaceholderOnly(rawValue)) {
      problem(key, "a literal secret (expected: ${ENV_VAR} or " + fileKey + ": /path/to/secret)");
      return null;
    }
    String value = string(key, null);
    if (value == null) {
      if (required) {
        problem(key, "missing (expected: ${ENV_VAR} or " + fileKey + ": /path/to/secret)");
      }
      return null;
    }
    return Secret.of(value);
  }

  private Secret readSecretFile(String fileKey, String file) {
    try {
      String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      if (value.isEmpty()) {
        problem(fileKey, "file " + file + " is empty (expected: the secret)");
        return null;
      }
      return Secret.of(value);
    } catch (IOException | RuntimeException e) {
      problem(fileKey, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
      return null;
    }
  }

  public List<String> strings(String key) {
    known.add(key);
    Object value = resolved.getValue(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray)) {
      problem(key, "a " + typeName(value) + " (expected: a list)");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    JsonArray array = (JsonArray) value;
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (item == null || item instanceof JsonObject || item instanceof JsonArray) {
        problems.add(path(key) + "[" + i + "]: " + typeName(item) + " (expected: a scalar value)");
      } else {
        out.add(String.valueOf(item).trim());
      }
    }
    return out;
  }

  /** Reads a key that holds either one scalar or a list of scalars; absent means an empty list. */
  public List<String> oneOrMore(String key) {
    Object value = resolved.getValue(key);
    if (value instanceof JsonArray) {
      return strings(key);
    }
    String single = string(key, null);
    return single == null ? List.of() : List.of(single);
  }

  public List<Integer> integers(String key, int min, int max) {
    List<Integer> out = new ArrayList<>();
    List<String> texts = strings(key);
    for (int i = 0; i < texts.size(); i++) {
      try {
        int value = Integer.parseInt(texts.get(i));
        if (value < min || value > max) {
          problems.add(path(key) + "[" + i + "]: " + value + " (expected: " + min + ".." + max + ")");
        } else {
          out.add(value);
        }
      } catch (NumberFormatException e) {
        problems.add(path(key) + "[" + i + "]: \"" + texts.get(i) + "\" (expected: an integer)");
      }
    }
    return out;
  }

  public ConfigReader section(String key) {
    known.add(key);
    Object value = resolved.getValue(key);
    if (value != null && !(value instanceof JsonObject)) {
      problem(key, "a " + typeName(value) + " (expected: a mapping)");
      value = null;
    }
    Object rawValue = raw.getValue(key);
    return new ConfigReader((JsonObject) value, rawValue instanceof JsonObject ? (JsonObject) rawValue : null,
        path(key), problems);
  }

  /** Reads a list of mappings, one reader per item. */
  public List<ConfigReader> sections(String key) {
    known.add(key);
    Object value = resolved.getValue(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray)) {
      problem(key, "a " + typeName(value) + " (expected: a list of mappings)");
      return List.of();
    }
    JsonArray array = (JsonArray) value;
    Object rawValue = raw.getValue(key);
    JsonArray rawArray = rawValue instanceof JsonArray ? (JsonArray) rawValue : new JsonArray();
    List<ConfigReader> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      String itemPath = path(key) + "[" + i + "]";
      if (!(item instanceof JsonObject)) {
        problems.add(itemPath + ": " + typeName(item) + " (expected: a mapping)");
        continue;
      }
      Object rawItem = i < rawArray.size() ? rawArray.getValue(i) : null;
      out.add(new ConfigReader((JsonObject) item, rawItem instanceof JsonObject ? (JsonObject) rawItem : null,
          itemPath, problems));
    }
    return out;
  }

  /** Reads a mapping whose keys are names chosen by the user (roles, sources, targets). */
  public Map<String, ConfigReader> namedSections(String key) {
    ConfigReader parent = section(key);
    Map<String, ConfigReader> out = new LinkedHashMap<>();
    for (String name : parent.resolved.fieldNames()) {
      out.put(name, parent.section(name));
    }
    return out;
  }

  public Set<String> keys() {
    return new TreeSet<>(resolved.fieldNames());
  }

  /** Returns the raw JSON of a key, for values whose structure is free-form (e.g. an Odoo context). */
  public JsonObject json(String key) {
    known.add(key);
    Object value = resolved.getValue(key);
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject)) {
      problem(key, "a " + typeName(value) + " (expected: a mapping)");
      return new JsonObject();
    }
    return ((JsonObject) value).copy();
  }

  /**
   * Builds a value whose constructor validates itself; an IllegalArgumentException becomes a problem at this path.
   */
  public <T> T build(Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      problems.add(path + ": " + e.getMessage());
      return null;
    }
  }

  public <T> List<T> each(List<ConfigReader> readers, Function<ConfigReader, T> reader) {
    List<T> out = new ArrayList<>();
    for (ConfigReader item : readers) {
      T value = reader.apply(item);
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  /** Reports keys this section does not define; call after reading every known key. */
  public void rejectUnknownKeys() {
    for (String key : resolved.fieldNames()) {
      if (!known.contains(key)) {
        problem(key, "unknown key (expected one of: " + String.join(", ", known) + ")");
      }
    }
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  private static String typeName(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof JsonObject) {
      return "mapping";
    }
    if (value instanceof JsonArray) {
      return "list";
    }
    return value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
