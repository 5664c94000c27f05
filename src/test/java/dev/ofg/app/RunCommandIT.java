package dev.ofg.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.sandbox.OdooSandbox;
import dev.ofg.sandbox.SandboxOptions;
import dev.ofg.sandbox.SandboxUser;
import dev.ofg.store.TestDatabase;
import dev.ofg.testing.Await;
import io.vertx.core.Vertx;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the production entry point ({@code run --config conf/gateway.yaml}) as a process against an "Odoo"
 * (the sandbox, in this JVM) with everything set through the environment variables the file documents.
 */
class RunCommandIT {
  private static final String ODOO_PASSWORD = "svc-" + UUID.randomUUID();
  private static final String SHOP_KEY = "shop-" + UUID.randomUUID();
  private static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
  private static Vertx vertx;
  private static OdooSandbox odoo;
  private static TestDatabase database;
  private static Process gateway;
  private static int publicPort;
  private static int managementPort;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    SandboxUser service = SandboxUser.financeService(6, "integration@example.com", ODOO_PASSWORD,
        "key-" + UUID.randomUUID(), List.of(1L));
    odoo = Await.result(OdooSandbox.start(vertx,
        new SandboxOptions("127.0.0.1", 0, "production", "18.0", List.of(service), true)), Duration.ofSeconds(30));
    database = TestDatabase.create();
    publicPort = freePort();
    managementPort = freePort();
    ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar",
        System.getProperty("gateway.jar"), "run", "--config", "conf/gateway.yaml").redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("ODOO_URL", odoo.baseUrl());
    env.put("ODOO_DB", "production");
    env.put("ODOO_LOGIN", "integration@example.com");
    env.put("ODOO_PASSWORD", ODOO_PASSWORD);
    env.put("WEBSHOP_API_KEY", SHOP_KEY);
    env.put("PARTNER_WEBHOOK_SECRET", "partner-" + UUID.randomUUID());
    env.put("PGHOST", "127.0.0.1");
    env.put("PGDATABASE", database.config().database());
    env.put("PGUSER", "postgres");
    env.put("GATEWAY_HOST", "127.0.0.1");
    env.put("GATEWAY_PUBLIC_PORT", Integer.toString(publicPort));
    env.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(managementPort));
    gateway = builder.start();
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          OUTPUT.add(line);
          if (line.contains("gateway listening")) {
            listening.complete(null);
          }
        }
        listening.completeExceptionally(new IllegalStateException("gateway exited:\n" + String.join("\n", OUTPUT)));
      } catch (IOException e) {
        listening.completeExceptionally(e);
      }
    }, "run-output");
    reader.setDaemon(true);
    reader.start();
    listening.get(120, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null && gateway.isAlive()) {
      gateway.destroy();
      assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    if (odoo != null) {
      Await.result(odoo.close(), Duration.ofSeconds(10));
    }
    Await.result(vertx.close(), Duration.ofSeconds(10));
    if (database != null) {
      database.close();
    }
  }

  @Test
  void servesTheConfiguredClientAgainstTheConfiguredOdoo() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + managementPort + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> count = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + publicPort + "/jsonrpc"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"call\",\"id\":9,\"params\":"
            + "{\"service\":\"object\",\"method\":\"execute_kw\",\"args\":[\"production\",200001,\"" + SHOP_KEY
            + "\",\"res.partner\",\"search_count\",[[]]]}}")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(new JsonObject(count.body()).getInteger("result")).isPositive();
    assertThat(String.join("\n", OUTPUT)).doesNotContain(ODOO_PASSWORD).doesNotContain(SHOP_KEY);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
