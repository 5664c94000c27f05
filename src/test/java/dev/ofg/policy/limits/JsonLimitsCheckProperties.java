package dev.ofg.policy.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class JsonLimitsCheckProperties {

  private static RouteLimits limits(int depth, int stringLength) {
    return new RouteLimits(1 << 20, List.of("application/json"), depth, stringLength, BodyFormat.JSON);
  }

  /** Nests {@code depth} levels, alternating arrays and objects, around a string. */
  private static String nested(int depth, String leaf) {
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      boolean array = i % 2 == 0;
      open.append(array ? "[" : "{\"k\":");
      close.insert(0, array ? "]" : "}");
    }
    return open + "\"" + leaf + "\"" + close;
  }

  @Property
  void acceptsExactlyTheDepthsUpToTheLimit(@ForAll @IntRange(min = 1, max = 40) int limit,
      @ForAll @IntRange(min = 0, max = 45) int depth) {
    byte[] body = nested(depth, "x").getBytes(StandardCharsets.UTF_8);
    if (depth <= limit) {
      assertThatCode(() -> JsonLimitsCheck.check(body, limits(limit, 100))).doesNotThrowAnyException();
    } else {
      assertRejected(body, limits(limit, 100), ProblemCode.JSON_LIMIT_EXCEEDED);
    }
  }

  @Property
  void acceptsExactlyTheStringLengthsUpToTheLimit(@ForAll @IntRange(min = 1, max = 300) int limit,
      @ForAll @IntRange(min = 0, max = 320) int length) {
    byte[] body = nested(3, "é".repeat(length)).getBytes(StandardCharsets.UTF_8);
    if (length <= limit) {
      assertThatCode(() -> JsonLimitsCheck.check(body, limits(8, limit))).doesNotThrowAnyException();
    } else {
      assertRejected(body, limits(8, limit), ProblemCode.JSON_LIMIT_EXCEEDED);
    }
  }

  @Property
  void anyByteSequenceIsAcceptedOrRefusedWithA400AndNothingElse(@ForAll("jsonish") String text) {
    try {
      JsonLimitsCheck.check(text.getBytes(StandardCharsets.UTF_8), limits(6, 20));
    } catch (GatewayException e) {
      assertThat(e.status()).isEqualTo(400);
    }
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+ truefalsn\\u").ofMaxLength(200);
  }

  private static void assertRejected(byte[] body, RouteLimits limits, ProblemCode code) {
    try {
      JsonLimitsCheck.check(body, limits);
    } catch (GatewayException e) {
      assertThat(e.code()).isEqualTo(code);
      return;
    }
    throw new AssertionError("accepted " + new String(body, StandardCharsets.UTF_8));
  }
}
