package dev.ofg.policy.schema;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaException;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Holds the JSON Schemas (draft 2020-12) of one API version, compiled once when loaded.
 *
 * <p>A catalog is immutable; a reload builds a new one and swaps it in with the rest of the policy, and a
 * catalog that fails to load is refused as a whole.
 */
public final class SchemaCatalog {
  /** The schema files every catalog must contain: one per canonical object accepted by the API. */
  public static final List<String> CANONICAL = List.of("partner", "invoice", "payment");
  static final String BASE_URI = "https://odoo-finance-gateway.dev/schemas/";
  private static final int MAX_SCHEMA_BYTES = 1024 * 1024;

  private final String version;
  private final Map<String, Validator> validators;

  private SchemaCatalog(String version, Map<String, Validator> validators) {
    this.version = version;
    this.validators = Map.copyOf(validators);
  }

  /** Describes one failing field: a JSON Pointer into the payload and what is wrong there. */
  public record FieldError(String pointer, String detail) {
  }

  /**
   * Loads {@code <directory>/<version>/*.json} from disk, or from the classpath when the directory does not
   * exist on disk (the jar ships {@code conf/}).
   *
   * @throws IllegalArgumentException naming the file and the problem when a schema is missing or invalid
   */
  public static SchemaCatalog load(String directory, String version) {
    Map<String, JsonObject> documents = read(directory, version);
    for (String required : CANONICAL) {
      if (!documents.containsKey(required)) {
        throw new IllegalArgumentException("schemas: " + directory + "/" + version + "/" + required
            + ".json is missing (expected: one schema per canonical object " + CANONICAL + ")");
      }
    }
    JsonSchemaOptions options = new JsonSchemaOptions()
        .setDraft(Draft.DRAFT202012)
        .setBaseUri(BASE_URI + version + "/")
        .setOutputFormat(OutputFormat.Basic);
    SchemaRepository repository = SchemaRepository.create(options);
    Map<String, Validator> validators = new LinkedHashMap<>();
    try {
      documents.forEach((name, json) -> repository.dereference(BASE_URI + version + "/" + name + ".json",
          JsonSchema.of(json)));
      for (String name : documents.keySet()) {
        validators.put(name, repository.validator(BASE_URI + version + "/" + name + ".json"));
      }
    } catch (SchemaException | IllegalArgumentException e) {
      throw new IllegalArgumentException("schemas: " + directory + "/" + version + " does not compile ("
          + e.getMessage() + ")");
    }
    return new SchemaCatalog(version, validators);
  }

  public String version() {
    return version;
  }

  public boolean has(String name) {
    return validators.containsKey(name);
  }

  /** Validates a parsed JSON payload; an empty list means valid. */
  public List<FieldError> validate(String name, Object payload) {
    Validator validator = validators.get(name);
    if (validator == null) {
      throw new IllegalStateException("no schema named " + name + " in " + version);
    }
    OutputUnit result = validator.validate(payload);
    if (Boolean.TRUE.equals(result.getValid())) {
      return List.of();
    }
    List<OutputUnit> units = result.getErrors() == null ? List.of() : result.getErrors();
    if (units.isEmpty()) {
      return List.of(new FieldError("", result.getError() == null ? "does not match the schema" : result.getError()));
    }
    return specificErrors(units);
  }

  /**
   * Keeps the errors a client can act on: the validator also reports every enclosing property and subschema
   * that failed because of a nested error, and flags failed declared properties as "additional" too.
   */
  static List<FieldError> specificErrors(List<OutputUnit> units) {
    List<FieldError> candidates = new ArrayList<>();
    for (OutputUnit unit : units) {
      String detail = unit.getError() == null ? "does not match the schema" : unit.getError();
      if (detail.equals("A subschema had errors") || detail.startsWith("Items did not match")
          || detail.endsWith("\" does not match schema")) {
        continue;
      }
      String pointer = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation().replaceFirst("^#", "");
      candidates.add(new FieldError(pointer, detail));
    }
    Set<FieldError> kept = new LinkedHashSet<>();
    for (FieldError error : candidates) {
      boolean additional = error.detail().endsWith("does not match additional properties schema");
      boolean explainedElsewhere = candidates.stream().anyMatch(other -> other != error
          && (other.pointer().startsWith(error.pointer() + "/") || other.pointer().equals(error.pointer())
              && !other.detail().endsWith("does not match additional properties schema")));
      if (explainedElsewhere) {
        continue;
      }
      kept.add(additional ? new FieldError(error.pointer(), "is not a known field") : error);
    }
    return new ArrayList<>(kept);
  }

  private static Map<String, JsonObject> read(String directory, String version) {
    Path onDisk = Path.of(directory, version);
    Map<String, JsonObject> documents = new LinkedHashMap<>();
    if (Files.isDirectory(onDisk)) {
      try (Stream<Path> files = Files.list(onDisk)) {
        for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json")).sorted()::iterator) {
          if (Files.size(file) > MAX_SCHEMA_BYTES) {
            throw new IllegalArgumentException("schemas: " + file + " is larger than " + MAX_SCHEMA_BYTES + " bytes");
          }
          documents.put(stem(file.getFileName().toString()), parse(file.toString(), Files.readString(file)));
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("schemas: cannot read " + onDisk + " (" + e.getMessage() + ")");
      }
      return documents;
    }
    for (String name : List.of("common", "partner", "invoice", "payment")) {
      String resource = directory + "/" + version + "/" + name + ".json";
      try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(resource)) {
        if (in != null) {
          documents.put(name, parse(resource, new String(in.readNBytes(MAX_SCHEMA_BYTES), StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("schemas: cannot read " + resource + " (" + e.getMessage() + ")");
      }
    }
    return documents;
  }

  private static JsonObject parse(String source, String text) {
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("schemas: " + source + " is not a JSON object (" + e.getMessage() + ")");
    }
  }

  private static String stem(String fileName) {
    return fileName.substring(0, fileName.length() - ".json".length());
  }

}
