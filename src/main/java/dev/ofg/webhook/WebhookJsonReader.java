package dev.ofg.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Parses webhook payloads under {@link PayloadLimits} and locates the event objects in them with
 * their exact byte ranges, so each event can be stored byte for byte as the provider sent it.
 *
 * <p>Rejects, as {@link WebhookPayloadException}: malformed JSON, a root that is not an object,
 * trailing content, duplicate keys (a verifier and a downstream parser must never disagree about
 * which value counts), nesting deeper than the limit and more events than the limit. Floating
 * numbers become {@link java.math.BigDecimal} so amounts keep their exact value.
 */
public final class WebhookJsonReader {

  private static final String ANY_ELEMENT = "*";

  private final PayloadLimits limits;
  private final JsonFactory factory;

  /** Creates a reader enforcing the given limits. */
  public WebhookJsonReader(PayloadLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth())
            .maxStringLength(limits.maxBodyBytes())
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }

  /** Parses the body, which must be one JSON object. */
  public JsonObject readObject(WebhookRequest request) {
    return read(request, List.of()).root();
  }

  /**
   * Parses the body and collects the objects found at {@code eventPath}, in document order.
   *
   * @param eventPath field names from the root, with {@code "*"} for "every array element"; for
   *     example {@code ["events", "*"]}. A value found there that is not an object is rejected.
   */
  public ParsedPayload read(WebhookRequest request, List<String> eventPath) {
    limits.requireBodyWithin(request);
    byte[] body = request.bodyArray();
    Collector collector = new Collector(List.copyOf(eventPath));
    try (JsonParser parser = factory.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new WebhookPayloadException("body is not a JSON object");
      }
      JsonObject root = (JsonObject) readValue(parser, first, eventPath.isEmpty() ? -1 : 0, collector);
      if (parser.nextToken() != null) {
        throw new WebhookPayloadException("body has content after the JSON object");
      }
      return new ParsedPayload(body, root, collector.items, collector.ranges);
    } catch (StreamConstraintsException e) {
      throw new WebhookPayloadException("body exceeds the JSON limits (depth " + limits.maxDepth()
          + ", string length " + limits.maxBodyBytes() + ")");
    } catch (JsonProcessingException e) {
      throw new WebhookPayloadException("body is not valid JSON" + where(e.getLocation()));
    } catch (IOException | IllegalArgumentException | ArithmeticException e) {
      // Number conversion of hostile input surfaces as unchecked exceptions in some versions.
      throw new WebhookPayloadException("body is not valid JSON");
    }
  }

  private static String where(JsonLocation location) {
    // The location only: Jackson's own message quotes payload text, which may be personal data.
    return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private Object readValue(JsonParser parser, JsonToken token, int pathIndex, Collector collector)
      throws IOException {
    boolean atEvent = collector.isEvent(pathIndex);
    if (atEvent && token != JsonToken.START_OBJECT) {
      throw new WebhookPayloadException("an event at " + collector.path + " is not a JSON object");
    }
    switch (token) {
      case START_OBJECT:
        long start = parser.currentTokenLocation().getByteOffset();
        JsonObject object = readObject(parser, pathIndex, collector);
        if (atEvent) {
          collector.add(object, start, parser.currentLocation().getByteOffset(), limits.maxEvents());
        }
        return object;
      case START_ARRAY:
        return readArray(parser, pathIndex, collector);
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new WebhookPayloadException("body is not valid JSON");
    }
  }

  private JsonObject readObject(JsonParser parser, int pathIndex, Collector collector) throws IOException {
    JsonObject object = new JsonObject();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      int next = collector.childOfField(pathIndex, name);
      object.put(name, readValue(parser, parser.nextToken(), next, collector));
    }
    return object;
  }

  private JsonArray readArray(JsonParser parser, int pathIndex, Collector collector) throws IOException {
    JsonArray array = new JsonArray();
    int next = collector.childOfElement(pathIndex);
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      array.add(readValue(parser, token, next, collector));
    }
    return array;
  }

  /** Tracks where in the event path the walk is, and the events found so far. */
  private static final class Collector {
    final List<String> path;
    final List<JsonObject> items = new ArrayList<>();
    final List<long[]> ranges = new ArrayList<>();

    Collector(List<String> path) {
      this.path = path;
    }

    boolean isEvent(int pathIndex) {
      return pathIndex >= 0 && pathIndex == path.size();
    }

    int childOfField(int pathIndex, String name) {
      boolean follows = pathIndex >= 0 && pathIndex < path.size()
          && !ANY_ELEMENT.equals(path.get(pathIndex)) && path.get(pathIndex).equals(name);
      return follows ? pathIndex + 1 : -1;
    }

    int childOfElement(int pathIndex) {
      boolean follows = pathIndex >= 0 && pathIndex < path.size() && ANY_ELEMENT.equals(path.get(pathIndex));
      return follows ? pathIndex + 1 : -1;
    }

    void add(JsonObject item, long start, long end, int maxEvents) {
      if (items.size() >= maxEvents) {
        throw new WebhookPayloadException("payload carries more than " + maxEvents + " events");
      }
      items.add(item);
      ranges.add(new long[] {start, end});
    }
  }

  /** Holds a parsed payload: the root object and the events found at the requested path. */
  public static final class ParsedPayload {
    private final byte[] body;
    private final JsonObject root;
    private final List<JsonObject> events;
    private final List<long[]> ranges;

    private ParsedPayload(byte[] body, JsonObject root, List<JsonObject> events, List<long[]> ranges) {
      this.body = body;
      this.root = root;
      this.events = events;
      this.ranges = ranges;
    }

    /** Returns the root object. */
    public JsonObject root() {
      return root;
    }

    /** Returns how many events were found at the path. */
    public int eventCount() {
      return events.size();
    }

    /** Returns the parsed event at a position. */
    public JsonObject event(int index) {
      return events.get(index);
    }

    /** Returns a copy of the event's bytes exactly as they appear in the body. */
    public byte[] rawEvent(int index) {
      long[] range = ranges.get(index);
      return Arrays.copyOfRange(body, (int) range[0], (int) range[1]);
    }
  }
}
