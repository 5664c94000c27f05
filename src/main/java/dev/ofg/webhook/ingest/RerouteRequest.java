package dev.ofg.webhook.ingest;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Describes which unrouted events of one source an operator wants routed again: named ones
 * ({@code {"source": "stripe", "inboxIds": [101, "inbox:102"]}}) or the next page of all of them
 * ({@code {"source": "stripe", "after": 0, "limit": 100}}), never more than {@link #MAX_EVENTS} per call.
 *
 * @param inboxIds the named events in the order given, or null for a page
 * @param afterId a page starts above this inbox id
 * @param limit the page size
 */
record RerouteRequest(String source, List<Long> inboxIds, long afterId, int limit) {
  /** Most events one call looks at, so that one call is one bounded transaction. */
  static final int MAX_EVENTS = 500;
  static final int DEFAULT_LIMIT = 100;
  private static final Set<String> KEYS = Set.of("source", "inboxIds", "after", "limit");
  private static final String INBOX_PREFIX = "inbox:";

  RerouteRequest {
    inboxIds = inboxIds == null ? null : List.copyOf(inboxIds);
  }

  /** Returns true when the request names its events rather than asking for a page. */
  boolean named() {
    return inboxIds != null;
  }

  /**
   * Reads a request body.
   *
   * @throws GatewayException 400 naming the field and what it expects
   */
  static RerouteRequest parse(JsonObject body) {
    for (String key : body.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw invalid("body: unknown field (expected: source, and inboxIds or after/limit)");
      }
    }
    if (!(body.getValue("source") instanceof String source) || source.isBlank()) {
      throw invalid("source: required (expected: the name of a configured webhook source)");
    }
    if (body.containsKey("inboxIds")) {
      if (body.containsKey("after") || body.containsKey("limit")) {
        throw invalid("inboxIds: given with after/limit (expected: one or the other)");
      }
      return new RerouteRequest(source, inboxIds(body.getValue("inboxIds")), 0, 0);
    }
    long after = number(body.getValue("after"), "after", 0, 0, Long.MAX_VALUE);
    int limit = (int) number(body.getValue("limit"), "limit", DEFAULT_LIMIT, 1, MAX_EVENTS);
    return new RerouteRequest(source, null, after, limit);
  }

  private static List<Long> inboxIds(Object value) {
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_EVENTS) {
      throw invalid("inboxIds: expected an array of 1.." + MAX_EVENTS + " inbox ids");
    }
    Set<Long> ids = new LinkedHashSet<>();
    for (Object item : array) {
      ids.add(inboxId(item));
    }
    return new ArrayList<>(ids);
  }

  /** Reads an inbox id as a number or as the {@code inbox:<id>} payloadRef the unrouted list shows. */
  private static long inboxId(Object item) {
    Object id = item instanceof String text && text.startsWith(INBOX_PREFIX)
        ? text.substring(INBOX_PREFIX.length()) : item;
    try {
      return number(id, "inboxIds", null, 1, Long.MAX_VALUE);
    } catch (GatewayException e) {
      throw invalid("inboxIds: expected positive integers or \"inbox:<id>\"");
    }
  }

  private static long number(Object value, String name, Number defaultValue, long min, long max) {
    if (value == null && defaultValue != null) {
      return defaultValue.longValue();
    }
    try {
      long number = value instanceof Integer || value instanceof Long ? ((Number) value).longValue()
          : value instanceof String text ? Long.parseLong(text) : min - 1;
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw invalid(name + ": expected an integer " + min + ".." + max);
  }

  private static GatewayException invalid(String detail) {
    return GatewayException.of(ProblemCode.VALIDATION_FAILED, detail);
  }
}
