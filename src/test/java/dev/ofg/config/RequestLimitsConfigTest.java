package dev.ofg.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofg.config.RequestLimitsConfig.BodyLimits;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class RequestLimitsConfigTest {
  private final List<String> problems = new ArrayList<>();

  private ConfigReader reader(String yaml, String path) {
    Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    JsonObject raw = new JsonObject(Json.encode(document));
    return new ConfigReader(raw, raw, path, problems);
  }

  private RequestLimitsConfig read(String yaml) {
    return RequestLimitsConfig.read(reader(yaml, "limits"));
  }

  @Test
  void readsDefaultsRouteClassesAndRoutes() {
    RequestLimitsConfig config = read(String.join("\n",
        "defaults: { maxBodyBytes: 100000, maxJsonDepth: 16, maxStringLength: 4096 }",
        "routeClasses:",
        "  facade: { maxBodyBytes: 200000 }",
        "routes:",
        "  /api/v1/invoices: { contentTypes: [Application/JSON, application/vnd.api+json], maxJsonDepth: 8 }",
        ""));

    assertThat(problems).isEmpty();
    assertThat(config.defaults()).isEqualTo(new BodyLimits(100_000, null, 16, 4096));
    assertThat(config.routeClasses()).containsEntry("facade", new BodyLimits(200_000, null, null, null));
    assertThat(config.routes().get("/api/v1/invoices").contentTypes())
        .containsExactly("application/json", "application/vnd.api+json");
  }

  @Test
  void anAbsentSectionSetsNothing() {
    assertThat(read("{}")).isEqualTo(RequestLimitsConfig.none());
  }

  @Test
  void levelsInheritUnsetMembersFromLessSpecificOnes() {
    BodyLimits route = new BodyLimits(null, List.of("text/xml"), 4, null);
    BodyLimits routeClass = new BodyLimits(5000, List.of("application/json"), 8, 99);

    assertThat(route.orElse(routeClass)).isEqualTo(new BodyLimits(5000, List.of("text/xml"), 4, 99));
  }

  @Test
  void rejectsOutOfRangeValuesNamingTheKey() {
    read("routes:\n  /jsonrpc: { maxJsonDepth: 0, maxBodyBytes: -1 }\n");

    assertThat(problems).anySatisfy(p -> assertThat(p).isEqualTo("limits.routes./jsonrpc.maxJsonDepth: 0 (expected: 1..1000)"))
        .anySatisfy(p -> assertThat(p).startsWith("limits.routes./jsonrpc.maxBodyBytes: -1 (expected: 0.."));
  }

  @Test
  void rejectsUnknownKeysSoTyposFailLoudly() {
    read("routeClasses:\n  facade: { maxBodyByte: 10 }\n");

    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("limits.routeClasses.facade.maxBodyByte: unknown key"));
  }

  @Test
  void rejectsContentTypesInDefaultsBecauseJsonAndXmlRoutesDiffer() {
    assertThatThrownBy(() -> new RequestLimitsConfig(new BodyLimits(null, List.of("application/json"), null, null),
        Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("defaults.contentTypes: set (expected: contentTypes per route class or route only");
  }

  @Test
  void rejectsMalformedMediaTypesAndEmptyLists() {
    assertThatThrownBy(() -> new BodyLimits(null, List.of("json"), null, null))
        .hasMessage("contentTypes: \"json\" (expected: a media type without parameters, such as application/json)");
    assertThatThrownBy(() -> new BodyLimits(null, List.of("application/json; charset=utf-8"), null, null))
        .hasMessageStartingWith("contentTypes: \"application/json; charset=utf-8\"");
    assertThatThrownBy(() -> new BodyLimits(null, List.of(), null, null))
        .hasMessage("contentTypes: [] (expected: at least one media type)");
  }

  @Test
  void rejectsRouteKeysThatAreNotTemplates() {
    assertThatThrownBy(() -> new RequestLimitsConfig(BodyLimits.INHERIT, Map.of(),
        Map.of("api/v1/invoices", BodyLimits.INHERIT)))
        .hasMessage("routes: \"api/v1/invoices\" (expected: a route template such as /api/v1/invoices)");
  }

  @Test
  void namesRouteClassesAndRoutesTheGatewayDoesNotHave() {
    RequestLimitsConfig config = new RequestLimitsConfig(BodyLimits.INHERIT,
        Map.of("facade", BodyLimits.INHERIT, "fasade", BodyLimits.INHERIT),
        Map.of("/jsonrpc", BodyLimits.INHERIT, "/jsonrcp", BodyLimits.INHERIT));

    assertThat(config.unknownRouteClasses(List.of("facade", "finance-write")))
        .containsExactly("limits.routeClasses.fasade: unknown route class (expected one of: [facade, finance-write])");
    assertThat(config.unknownRoutes(List.of("/jsonrpc")))
        .containsExactly("limits.routes./jsonrcp: unknown route (expected one of: [/jsonrpc])");
  }

  @Test
  void readsThePolicyWatchSection() {
    PolicyReloadConfig config = PolicyReloadConfig.read(reader("watch: true\nwatchInterval: 250ms\n", "policy"));

    assertThat(problems).isEmpty();
    assertThat(config).isEqualTo(new PolicyReloadConfig(true, Duration.ofMillis(250)));
    assertThatThrownBy(() -> new PolicyReloadConfig(true, Duration.ofMillis(10)))
        .hasMessage("watchInterval: PT0.01S (expected: >= PT0.05S)");
  }
}
