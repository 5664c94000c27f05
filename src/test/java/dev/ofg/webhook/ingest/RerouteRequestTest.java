package dev.ofg.webhook.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RerouteRequestTest {

  private static void assertRefused(String json, String detail) {
    assertThatThrownBy(() -> RerouteRequest.parse(new JsonObject(json)))
        .isInstanceOfSatisfying(GatewayException.class, problem -> {
          assertThat(problem.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
          assertThat(problem.getMessage()).contains(detail);
        });
  }

  @Test
  void readsNamedEventsAsNumbersOrPayloadRefsWithoutDuplicates() {
    RerouteRequest request = RerouteRequest.parse(new JsonObject(
        "{\"source\": \"stripe\", \"inboxIds\": [7, \"inbox:9\", \"7\"]}"));

    assertThat(request.named()).isTrue();
    assertThat(request.source()).isEqualTo("stripe");
    assertThat(request.inboxIds()).containsExactly(7L, 9L);
  }

  @Test
  void readsAPageWithDefaults() {
    RerouteRequest first = RerouteRequest.parse(new JsonObject("{\"source\": \"adyen\"}"));
    RerouteRequest next = RerouteRequest.parse(new JsonObject("{\"source\": \"adyen\", \"after\": 42, \"limit\": 500}"));

    assertThat(first.named()).isFalse();
    assertThat(first.afterId()).isZero();
    assertThat(first.limit()).isEqualTo(RerouteRequest.DEFAULT_LIMIT);
    assertThat(next.afterId()).isEqualTo(42);
    assertThat(next.limit()).isEqualTo(RerouteRequest.MAX_EVENTS);
  }

  @Test
  void requiresASource() {
    assertRefused("{\"inboxIds\": [1]}", "source: required");
    assertRefused("{\"source\": \" \"}", "source: required");
    assertRefused("{\"source\": 3}", "source: required");
  }

  @Test
  void refusesUnknownFields() {
    assertRefused("{\"source\": \"stripe\", \"from\": \"2026-01-01T00:00:00Z\"}", "body: unknown field");
  }

  @Test
  void refusesInboxIdsTogetherWithAPage() {
    assertRefused("{\"source\": \"stripe\", \"inboxIds\": [1], \"after\": 0}", "one or the other");
  }

  @Test
  void boundsTheNamedEvents() {
    JsonArray tooMany = new JsonArray();
    LongStream.rangeClosed(1, RerouteRequest.MAX_EVENTS + 1).forEach(tooMany::add);

    assertRefused("{\"source\": \"stripe\", \"inboxIds\": []}", "inboxIds: expected an array of 1..500");
    assertRefused("{\"source\": \"stripe\", \"inboxIds\": 5}", "inboxIds: expected an array of 1..500");
    assertRefused(new JsonObject().put("source", "stripe").put("inboxIds", tooMany).encode(), "1..500");
  }

  @Test
  void refusesInboxIdsThatAreNotPositiveIntegers() {
    for (String id : new String[] {"0", "-1", "\"inbox:x\"", "1.5", "null", "\"outbox:1\""}) {
      assertRefused("{\"source\": \"stripe\", \"inboxIds\": [" + id + "]}", "inboxIds: expected positive integers");
    }
  }

  @Test
  void boundsThePage() {
    assertRefused("{\"source\": \"stripe\", \"limit\": 0}", "limit: expected an integer 1..500");
    assertRefused("{\"source\": \"stripe\", \"limit\": 501}", "limit: expected an integer 1..500");
    assertRefused("{\"source\": \"stripe\", \"after\": -1}", "after: expected an integer 0..");
    assertRefused("{\"source\": \"stripe\", \"after\": \"x\"}", "after: expected an integer 0..");
  }
}
