package dev.ofg.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.testing.Await;
import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Throws random and half-valid payloads at every kind of public route: the answer is always a 4xx or a success
 * in the route's own format, never a 5xx, a hang or a dropped connection.
 */
class BadInputProperties {
  private static Vertx vertx;
  private static GatewayTestKit kit;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeContainer
  static void start() {
    vertx = Vertx.vertx();
    kit = Await.result(GatewayTestKit.start(vertx, GatewayTestKit.Options.defaults()), Duration.ofSeconds(60));
  }

  @AfterContainer
  static void stop() {
    Await.result(kit.stop(), Duration.ofSeconds(30));
    Await.result(vertx.close(), Duration.ofSeconds(10));
  }

  private static HttpResponse<String> post(String path, String contentType, byte[] body, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kit.gateway().publicPort() + path))
        .timeout(Duration.ofSeconds(20)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Property(tries = 150)
  void jsonRpcNeverAnswers5xx(@ForAll("jsonRpcBodies") String body) throws Exception {
    HttpResponse<String> response = post("/jsonrpc", "application/json", body.getBytes());
    assertThat(response.statusCode()).as(body).isLessThan(500);
    JsonObject envelope = new JsonObject(response.body());
    assertThat(envelope.getString("jsonrpc")).isEqualTo("2.0");
  }

  @Property(tries = 100)
  void json2NeverAnswers5xx(@ForAll("json2Methods") String method, @ForAll("jsonValues") String body) throws Exception {
    HttpResponse<String> response = post("/json/2/res.partner/" + method, "application/json", body.getBytes(),
        "Authorization", "bearer " + kit.key(GatewayTestKit.ERP));
    assertThat(response.statusCode()).as(method + " " + body + " -> " + response.body()).isLessThan(500);
  }

  @Property(tries = 100)
  void xmlRpcNeverAnswers5xx(@ForAll("xmlBodies") String body) throws Exception {
    HttpResponse<String> response = post("/xmlrpc/2/object", "text/xml", body.getBytes());
    assertThat(response.statusCode()).as(body).isLessThan(500);
    assertThat(response.body()).contains("<methodResponse>");
  }

  @Property(tries = 100)
  void canonicalWritesNeverAnswer5xx(@ForAll("jsonValues") String body) throws Exception {
    HttpResponse<String> response = post("/api/v1/invoices", "application/json", body.getBytes(),
        "Authorization", "Bearer " + kit.key(GatewayTestKit.ERP), "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(response.statusCode()).as(body).isLessThan(500);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).isIn("application/json", "application/problem+json"));
  }

  @Provide
  Arbitrary<String> json2Methods() {
    return Arbitraries.of("search_read", "read", "search", "search_count", "name_search", "fields_get", "create",
        "write", "default_get", "nonexistent", "_private");
  }

  @Provide
  Arbitrary<String> jsonValues() {
    Arbitrary<String> encoded = jsonTree(3).map(Json::encode);
    return Arbitraries.oneOf(encoded, Arbitraries.strings().ofMaxLength(60),
        encoded.map(json -> json.substring(0, json.length() / 2)));
  }

  @Provide
  Arbitrary<String> jsonRpcBodies() {
    Arbitrary<String> services = Arbitraries.of("common", "object", "db", "nope", "");
    Arbitrary<String> methods = Arbitraries.of("login", "authenticate", "version", "execute_kw", "execute", "list", "x");
    Arbitrary<String> envelopes = net.jqwik.api.Combinators.combine(services, methods, jsonTree(3))
        .as((service, method, args) -> new JsonObject().put("jsonrpc", "2.0").put("method", "call").put("id", 1)
            .put("params", new JsonObject().put("service", service).put("method", method)
                .put("args", args instanceof JsonArray ? args : new JsonArray().add("testdb").add(200001)
                    .add(kit.key(GatewayTestKit.ERP)).add("res.partner").add("search_read").add(args)))
            .encode());
    return Arbitraries.oneOf(envelopes, jsonValues());
  }

  @Provide
  Arbitrary<String> xmlBodies() {
    Arbitrary<String> values = Arbitraries.of("<int>1</int>", "<string>x</string>", "<boolean>1</boolean>",
        "<array><data/></array>", "<struct></struct>", "<nil/>", "<double>nan</double>", "<int>99999999999</int>",
        "<dateTime.iso8601>bad</dateTime.iso8601>", "<base64>!!</base64>", "<unknown/>");
    Arbitrary<String> calls = values.list().ofMaxSize(8).map(params -> {
      StringBuilder xml = new StringBuilder("<?xml version='1.0'?><methodCall><methodName>execute_kw</methodName><params>");
      for (String param : params) {
        xml.append("<param><value>").append(param).append("</value></param>");
      }
      return xml.append("</params></methodCall>").toString();
    });
    return Arbitraries.oneOf(calls, calls.map(c -> c.substring(0, c.length() / 2)), Arbitraries.strings().ofMaxLength(80));
  }

  /** Generates JSON values of bounded depth: objects, arrays, strings, numbers, booleans and null. */
  private static Arbitrary<Object> jsonTree(int depth) {
    Arbitrary<Object> leaves = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just(null));
    if (depth == 0) {
      return leaves;
    }
    Arbitrary<Object> arrays = jsonTree(depth - 1).list().ofMaxSize(4).map(list -> (Object) new JsonArray(list));
    Arbitrary<Object> objects = Arbitraries.maps(Arbitraries.of("domain", "fields", "ids", "limit", "vals_list",
        "externalRef", "kind", "lines", "partner", "currency", "context", "x"), jsonTree(depth - 1)).ofMaxSize(5)
        .map(map -> (Object) new JsonObject(new java.util.HashMap<>(map)));
    return Arbitraries.oneOf(leaves, arrays, objects);
  }
}
