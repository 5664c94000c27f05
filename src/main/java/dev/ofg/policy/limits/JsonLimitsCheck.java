package dev.ofg.policy.limits;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a JSON body against a route's limits in one streaming pass (Jackson's {@link JsonParser}), before anything
 * builds objects from it: nesting depth, string and member-name length, well-formedness, a single top-level value
 * and no duplicate member names (two parsers must never disagree about which value counts).
 *
 * <p>Work and memory are bounded by the body, which the body reader already bounded; the parser never holds more
 * than one string at a time, and {@link StreamReadConstraints} stop it one step past each limit.
 */
public final class JsonLimitsCheck {
  /** Longest number literal accepted, as Jackson's default: far beyond any amount, short enough to parse. */
  static final int MAX_NUMBER_LENGTH = 1000;

  /** One factory per distinct pair of limits; a handful at most. */
  private static final Map<Long, JsonFactory> FACTORIES = new ConcurrentHashMap<>();

  private JsonLimitsCheck() {
  }

  /** Returns normally when {@code body} is one well-formed JSON value within the limits; else throws 400. */
  public static void check(byte[] body, RouteLimits limits) {
    try (JsonParser parser = factory(limits).createParser(body)) {
      scan(parser, limits);
    } catch (StreamConstraintsException e) {
      throw exceeded("the JSON exceeds a limit of this route (depth " + limits.maxJsonDepth() + ", string length "
          + limits.maxStringLength() + ", number length " + MAX_NUMBER_LENGTH + ")");
    } catch (JsonProcessingException e) {
      // Jackson's message quotes payload text, which may be personal data: say where, not what.
      throw GatewayException.of(ProblemCode.MALFORMED_JSON, "the request body is not valid JSON"
          + (isDuplicate(e) ? ": a member name appears twice in one object" : "") + where(e.getLocation()));
    } catch (IOException | RuntimeException e) {
      if (e instanceof GatewayException) {
        throw (GatewayException) e;
      }
      throw GatewayException.of(ProblemCode.MALFORMED_JSON, "the request body is not valid JSON");
    }
  }

  private static void scan(JsonParser parser, RouteLimits limits) throws IOException {
    int depth = 0;
    boolean rootDone = false;
    for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
      if (rootDone) {
        throw GatewayException.of(ProblemCode.MALFORMED_JSON,
            "the request body has content after the JSON value" + where(parser.currentTokenLocation()));
      }
      if (token.isStructStart()) {
        depth++;
        if (depth > limits.maxJsonDepth()) {
          throw exceeded("the JSON nests deeper than " + limits.maxJsonDepth() + " levels"
              + where(parser.currentTokenLocation()));
        }
      } else if (token.isStructEnd()) {
        depth--;
      } else if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
        // Reading the length makes Jackson finish the string, which is where its own length check runs.
        if (parser.getTextLength() > limits.maxStringLength()) {
          throw exceeded("a JSON " + (token == JsonToken.FIELD_NAME ? "member name" : "string") + " is longer than "
              + limits.maxStringLength() + " characters" + where(parser.currentTokenLocation()));
        }
      }
      rootDone = depth == 0;
    }
    if (!rootDone) {
      throw GatewayException.of(ProblemCode.MALFORMED_JSON, "the request body is empty or ends early");
    }
  }

  private static JsonFactory factory(RouteLimits limits) {
    long key = ((long) limits.maxJsonDepth() << 32) | limits.maxStringLength();
    return FACTORIES.computeIfAbsent(key, k -> JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            // One past each limit, so the scan above sees the offending token and names the limit precisely.
            .maxNestingDepth(limits.maxJsonDepth() + 1)
            .maxStringLength(saturatedIncrement(limits.maxStringLength()))
            .maxNameLength(saturatedIncrement(limits.maxStringLength()))
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build());
  }

  private static int saturatedIncrement(int value) {
    return value == Integer.MAX_VALUE ? value : value + 1;
  }

  private static boolean isDuplicate(JsonProcessingException e) {
    return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
  }

  private static GatewayException exceeded(String detail) {
    return GatewayException.of(ProblemCode.JSON_LIMIT_EXCEEDED, detail);
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 0 ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
