package dev.ofg.policy.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLimitsCheckTest {
  private static final RouteLimits LIMITS = new RouteLimits(1 << 20, List.of("application/json"), 4, 10, BodyFormat.JSON);

  private static void check(String json) {
    JsonLimitsCheck.check(json.getBytes(StandardCharsets.UTF_8), LIMITS);
  }

  private static GatewayException rejection(String json) {
    try {
      check(json);
    } catch (GatewayException e) {
      return e;
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void acceptsJsonWithinEveryLimit() {
    assertThatCode(() -> check("{\"a\": [1, {\"b\": [\"0123456789\"]}], \"n\": 1.5e3, \"t\": true}"))
        .doesNotThrowAnyException();
    assertThatCode(() -> check("42")).doesNotThrowAnyException();
  }

  @Test
  void rejectsNestingOneLevelTooDeepNamingTheLimit() {
    assertThatCode(() -> check("[[[[1]]]]")).doesNotThrowAnyException();

    GatewayException e = rejection("[[[[[1]]]]]");
    assertThat(e.code()).isEqualTo(ProblemCode.JSON_LIMIT_EXCEEDED);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.detail()).startsWith("the JSON nests deeper than 4 levels (line 1, column 5)");
  }

  @Test
  void rejectsAStringOneCharacterTooLong() {
    assertThatCode(() -> check("[\"0123456789\"]")).doesNotThrowAnyException();

    assertThat(rejection("[\"0123456789x\"]").detail()).startsWith("a JSON string is longer than 10 characters");
  }

  @Test
  void rejectsALongMemberName() {
    assertThat(rejection("{\"abcdefghijk\": 1}").detail()).startsWith("a JSON member name is longer than 10 characters");
  }

  @Test
  void rejectsAVeryLongStringThroughJacksonsOwnConstraintWithoutQuotingIt() {
    String huge = "\"" + "x".repeat(100_000) + "\"";

    GatewayException e = rejection(huge);
    assertThat(e.code()).isEqualTo(ProblemCode.JSON_LIMIT_EXCEEDED);
    assertThat(e.detail()).doesNotContain("xxxx");
  }

  @Test
  void rejectsMalformedJsonWithItsPositionButNotItsText() {
    GatewayException e = rejection("{\"iban\": \"NL91ABNA04\",}");
    assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED_JSON);
    assertThat(e.detail()).startsWith("the request body is not valid JSON (line 1").doesNotContain("NL91");
  }

  @Test
  void rejectsContentAfterTheTopLevelValue() {
    assertThat(rejection("{} {}").detail()).startsWith("the request body has content after the JSON value");
    assertThat(rejection("{\"a\":1} x").code()).isEqualTo(ProblemCode.MALFORMED_JSON);
  }

  @Test
  void rejectsDuplicateMemberNamesBecauseParsersDisagreeOnWhichCounts() {
    GatewayException e = rejection("{\"amount\": \"1.00\", \"amount\": \"1000.00\"}");
    assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED_JSON);
    assertThat(e.detail()).contains("a member name appears twice in one object");
  }

  @Test
  void rejectsTruncatedAndEmptyBodies() {
    assertThat(rejection("{\"a\": [1, 2").code()).isEqualTo(ProblemCode.MALFORMED_JSON);
    assertThat(rejection("   ").code()).isEqualTo(ProblemCode.MALFORMED_JSON);
  }

  @Test
  void rejectsOverlongNumbers() {
    assertThatThrownBy(() -> check("[" + "9".repeat(JsonLimitsCheck.MAX_NUMBER_LENGTH + 1) + "]"))
        .isInstanceOf(GatewayException.class)
        .satisfies(e -> assertThat(((GatewayException) e).code()).isEqualTo(ProblemCode.JSON_LIMIT_EXCEEDED));
  }
}
