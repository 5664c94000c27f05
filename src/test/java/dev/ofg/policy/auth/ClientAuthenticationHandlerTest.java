package dev.ofg.policy.auth;

import static dev.ofg.policy.auth.JwtTestKit.ERP;
import static dev.ofg.policy.auth.JwtTestKit.ERP_API_KEY;
import static dev.ofg.policy.auth.JwtTestKit.HMAC_SECRET;
import static dev.ofg.policy.auth.JwtTestKit.OPS;
import static dev.ofg.policy.auth.JwtTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.JwtConfig;
import dev.ofg.config.Secret;
import dev.ofg.http.FailureHandler;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.PolicyHolder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every credential style on a real router, and 401 problem+json with a challenge for bad ones. */
@ExtendWith(VertxExtension.class)
class ClientAuthenticationHandlerTest {
  private static final Secret SECRET = Secret.of(HMAC_SECRET);

  private HttpServer server;
  private WebClient client;

  @BeforeEach
  void setUp(Vertx vertx) {
    JwtConfig config = JwtConfig.builder().issuers(List.of(DemoTokens.ISSUER)).audiences(List.of(DemoTokens.AUDIENCE))
        .hmacSecret(SECRET).build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ClientAuthenticator authenticator = new ClientAuthenticator(new PolicyHolder(JwtTestKit.policy()),
        new JwtAuthenticator(vertx, config, null, registry, Clock.systemUTC()));
    Router router = Router.router(vertx);
    router.get("/whoami").handler(new ClientAuthenticationHandler(authenticator)).handler(ctx -> {
      GatewayClient who = ClientAuthenticationHandler.client(ctx);
      ctx.json(new JsonObject().put("id", who.id()).put("admin", who.admin()));
    });
    router.route().failureHandler(new FailureHandler(registry));
    server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx);
  }

  @AfterEach
  void tearDown() {
    client.close();
    await(server.close());
  }

  private HttpRequest<Buffer> whoami() {
    return client.get(server.actualPort(), "127.0.0.1", "/whoami");
  }

  private JsonObject ok(HttpRequest<Buffer> request) {
    HttpResponse<Buffer> response = await(request.send());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> unauthorized(HttpRequest<Buffer> request) {
    HttpResponse<Buffer> response = await(request.send());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("UNAUTHENTICATED");
    assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer realm=\"odoo-finance-gateway\"");
    return response;
  }

  @Test
  void authenticatesApiKeyBasicXApiKeyAndJwt() {
    String basic = Base64.getEncoder().encodeToString((ERP + ":" + ERP_API_KEY).getBytes(StandardCharsets.UTF_8));
    String token = DemoTokens.hs256(SECRET, ERP, List.of(), Duration.ofMinutes(5));

    assertThat(ok(whoami().putHeader("Authorization", "Bearer " + ERP_API_KEY)).getString("id")).isEqualTo(ERP);
    assertThat(ok(whoami().putHeader("Authorization", "Basic " + basic)).getString("id")).isEqualTo(ERP);
    assertThat(ok(whoami().putHeader("X-API-Key", ERP_API_KEY)).getString("id")).isEqualTo(ERP);
    assertThat(ok(whoami().putHeader("Authorization", "Bearer " + token)).getString("id")).isEqualTo(ERP);
  }

  @Test
  void grantsAdminToAnAdminTokenOfAnAdminClient() {
    String admin = DemoTokens.hs256(SECRET, OPS, List.of("gateway-admin"), Duration.ofMinutes(5));

    assertThat(ok(whoami().putHeader("Authorization", "Bearer " + admin)).getBoolean("admin")).isTrue();
  }

  @Test
  void answersMissingCredentialsWithABareChallenge() {
    HttpResponse<Buffer> response = unauthorized(whoami());

    assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"odoo-finance-gateway\"");
  }

  @Test
  void answersBadApiKeyWithInvalidTokenChallenge() {
    HttpResponse<Buffer> response = unauthorized(whoami().putHeader("X-API-Key", "not-a-key"));

    assertThat(response.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
  }

  @Test
  void answersExpiredJwtWithItsPreciseReason() {
    String expired = DemoTokens.hs256(SECRET, ERP, List.of(), Duration.ofMinutes(1),
        java.time.Instant.now().minus(Duration.ofHours(1)));

    HttpResponse<Buffer> response = unauthorized(whoami().putHeader("Authorization", "Bearer " + expired));

    assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo("token expired");
    assertThat(response.getHeader("WWW-Authenticate")).contains("error_description=\"token expired\"");
  }

  @Test
  void answersForgedJwtWith401() {
    String forged = DemoTokens.hs256(Secret.of("another-secret-that-is-also-32-bytes-long"), ERP, List.of(),
        Duration.ofMinutes(5));

    HttpResponse<Buffer> response = unauthorized(whoami().putHeader("Authorization", "Bearer " + forged));

    assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo("signature invalid");
  }
}
