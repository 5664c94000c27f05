package dev.ofg.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.store.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the demo exactly as the README says ({@code java -jar target/odoo-finance-gateway.jar demo}) as a child
 * process, and uses it like a newcomer would: the printed credentials and endpoints must work.
 */
class DemoIT {
  private static final String BANNER = "=== Odoo Finance Gateway demo is running ===";
  private static final String API_KEY = "demo-it-" + UUID.randomUUID();
  private static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
  private static TestDatabase database;
  private static Process demo;
  private static int publicPort;
  private static int managementPort;
  private static int sandboxPort;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startDemo() throws Exception {
    database = TestDatabase.create();
    publicPort = freePort();
    managementPort = freePort();
    sandboxPort = freePort();
    ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", System.getProperty("gateway.jar"), "demo")
        .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("GATEWAY_PUBLIC_PORT", Integer.toString(publicPort));
    env.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(managementPort));
    env.put("SANDBOX_PORT", Integer.toString(sandboxPort));
    env.put("PGDATABASE", database.config().database());
    env.put("DEMO_API_KEY", API_KEY);
    demo = builder.start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          OUTPUT.add(line);
          if (line.contains(BANNER)) {
            ready.complete(null);
          }
        }
        ready.completeExceptionally(new IllegalStateException("demo exited before it was ready:\n" + String.join("\n", OUTPUT)));
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
    }, "demo-output");
    reader.setDaemon(true);
    reader.start();
    ready.get(120, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopDemo() throws Exception {
    if (demo != null && demo.isAlive()) {
      demo.destroy();
      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("demo stops on SIGTERM").isTrue();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void printsTheClientCredentialsAndCurlForEachMainEndpoint() {
    String text = String.join("\n", OUTPUT);
    assertThat(text).contains("client id     demo-erp").contains("API key       " + API_KEY);
    assertThat(text).contains("JWT (client)").contains("JWT (admin)");
    assertThat(text).contains("curl -s -X PUT http://127.0.0.1:" + publicPort + "/api/v1/partners/");
    assertThat(text).contains("/api/v1/invoices", "/api/v1/payments", "/jsonrpc", "/json/2/res.partner/search_read",
        "/web/webclient/version_info", ":" + managementPort + "/health/ready", ":" + managementPort + "/metrics");
  }

  @Test
  void answersOnEveryPortWithThePrintedKey() throws Exception {
    HttpResponse<String> ready = send(HttpRequest.newBuilder(uri(managementPort, "/health/ready")).GET());
    HttpResponse<String> partner = send(HttpRequest.newBuilder(uri(publicPort, "/api/v1/partners/DEMO-IT-1"))
        .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Demo IT customer\"}")));
    HttpResponse<String> login = send(HttpRequest.newBuilder(uri(publicPort, "/jsonrpc"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":1,\"params\":"
            + "{\"service\":\"common\",\"method\":\"login\",\"args\":[\"demo\",\"demo-erp\",\"" + API_KEY + "\"]}}")));
    HttpResponse<String> sandbox = send(HttpRequest.newBuilder(uri(sandboxPort, "/web/webclient/version_info"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"params\":{}}")));

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(partner.statusCode()).as(partner.body()).isIn(200, 201);
    assertThat(new JsonObject(partner.body()).getString("name")).isEqualTo("Demo IT customer");
    assertThat(new JsonObject(login.body()).getInteger("result")).isEqualTo(200001);
    assertThat(new JsonObject(sandbox.body()).getJsonObject("result").getString("server_version")).startsWith("19.0");
  }

  @Test
  void thePrintedStatementCurlPostsAFileTheGatewayStores() throws Exception {
    Matcher curl = Pattern.compile("curl -s -X POST (\\S+/webhooks/bank-statements) -H 'Content-Type: "
        + "application/xml' -H 'X-Statement-Signature: ([^']+)' --data-binary @(\\S+)")
        .matcher(String.join("\n", OUTPUT));
    assertThat(curl.find()).as("the banner prints a statement curl").isTrue();

    HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(curl.group(1)))
        .header("Content-Type", "application/xml").header("X-Statement-Signature", curl.group(2))
        .POST(HttpRequest.BodyPublishers.ofFile(Path.of(curl.group(3)))));

    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    assertThat(new JsonObject(posted.body()).getJsonArray("events").getJsonObject(0).getString("financeEventType"))
        .isEqualTo("bank.statement.file.received");
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String javaBinary() {
    return System.getProperty("java.home") + "/bin/java";
  }

}
