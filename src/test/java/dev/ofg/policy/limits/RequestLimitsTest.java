package dev.ofg.policy.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.RequestLimitsConfig;
import dev.ofg.config.RequestLimitsConfig.BodyLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {
  private static final RequestLimits LIMITS = RequestLimits.compile(new RequestLimitsConfig(
      new BodyLimits(null, null, 20, null),
      Map.of("facade", new BodyLimits(8000, null, null, 500)),
      Map.of("/jsonrpc", new BodyLimits(null, List.of("application/json", "application/json-rpc"), 6, null))),
      65_536);

  @Test
  void theRouteTemplateWinsThenTheRouteClassThenTheDefaultsThenTheBuiltIns() {
    assertThat(LIMITS.forRoute("/jsonrpc", "facade", BodyFormat.JSON))
        .isEqualTo(new RouteLimits(8000, List.of("application/json", "application/json-rpc"), 6, 500, BodyFormat.JSON));
    assertThat(LIMITS.forRoute("/json/2/:model/:method", "facade", BodyFormat.JSON))
        .isEqualTo(new RouteLimits(8000, List.of("application/json"), 20, 500, BodyFormat.JSON));
    assertThat(LIMITS.forRoute("/api/v1/invoices", "finance-write", BodyFormat.JSON)).isEqualTo(new RouteLimits(
        65_536, List.of("application/json"), 20, RequestLimitsConfig.DEFAULT_MAX_STRING_LENGTH, BodyFormat.JSON));
  }

  @Test
  void xmlRoutesAcceptXmlMediaTypesUnlessConfiguredOtherwise() {
    RouteLimits xml = LIMITS.forRoute("/xmlrpc/2/:service", "facade", BodyFormat.XML);

    assertThat(xml.contentTypes()).containsExactly("text/xml", "application/xml");
    assertThat(xml.accepts("text/xml; charset=utf-8")).isTrue();
    assertThat(xml.accepts("application/json")).isFalse();
    assertThat(xml.accepts(null)).isFalse();
  }

  @Test
  void matchesMediaTypesIgnoringCaseAndParameters() {
    RouteLimits json = LIMITS.forRoute("/api/v1/invoices", "finance-write", BodyFormat.JSON);

    assertThat(json.accepts("Application/JSON ; charset=UTF-8")).isTrue();
    assertThat(json.accepts("application/jsonx")).isFalse();
    assertThat(json.accepts("text/plain")).isFalse();
  }
}
