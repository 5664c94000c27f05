package dev.ofg.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads {@code conf/*.yaml} into a validated {@link GatewayConfig}, resolving {@code ${ENV}} placeholders.
 *
 * <p>Loading reads files, so callers on an event loop run it through {@code executeBlocking}.
 */
public final class GatewayConfigLoader {
  private static final int MAX_CONFIG_BYTES = 4 * 1024 * 1024;

  private final Map<String, String> env;

  public GatewayConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Reads a file from disk, or from the classpath when the relative path does not exist on disk. */
  public GatewayConfig load(String location) {
    return parse(readText(location), location);
  }

  public GatewayConfig parse(String yamlText, String sourceName) {
    List<String> problems = new ArrayList<>();
    JsonObject raw = parseYaml(yamlText, sourceName);
    JsonObject resolved = new Placeholders(env).resolve(raw, "", problems);
    GatewayConfig config = GatewayConfig.read(new ConfigReader(resolved, raw, "", problems));
    if (!problems.isEmpty() || config == null) {
      throw new ConfigException(problems.isEmpty() ? List.of(sourceName + ": invalid") : problems);
    }
    return config;
  }

  private static String readText(String location) {
    Path path = Path.of(location);
    try {
      if (Files.isRegularFile(path)) {
        if (Files.size(path) > MAX_CONFIG_BYTES) {
          throw new ConfigException(location + ": larger than " + MAX_CONFIG_BYTES + " bytes");
        }
        return Files.readString(path, StandardCharsets.UTF_8);
      }
      try (InputStream in = GatewayConfigLoader.class.getClassLoader().getResourceAsStream(location)) {
        if (in == null) {
          throw new ConfigException(location + ": no such file (expected: a readable YAML file)");
        }
        return new String(in.readNBytes(MAX_CONFIG_BYTES), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new ConfigException(location + ": cannot read (" + e.getMessage() + ")");
    }
  }

  private static JsonObject parseYaml(String text, String sourceName) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(MAX_CONFIG_BYTES);
    try {
      Object document = new Yaml(new SafeConstructor(options)).load(text);
      if (document == null) {
        return new JsonObject();
      }
      if (!(document instanceof Map)) {
        throw new ConfigException(sourceName + ": the top level is not a mapping");
      }
      return (JsonObject) toJson(document);
    } catch (YAMLException e) {
      throw new ConfigException(sourceName + ": not valid YAML (" + e.getMessage().replace('\n', ' ') + ")");
    }
  }

  private static Object toJson(Object value) {
    if (value instanceof Map) {
      JsonObject object = new JsonObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        object.put(String.valueOf(entry.getKey()), toJson(entry.getValue()));
      }
      return object;
    }
    if (value instanceof List) {
      JsonArray array = new JsonArray();
      for (Object item : (List<?>) value) {
        array.add(toJson(item));
      }
      return array;
    }
    if (value instanceof Date) {
      return ((Date) value).toInstant().toString();
    }
    return value;
  }
}
