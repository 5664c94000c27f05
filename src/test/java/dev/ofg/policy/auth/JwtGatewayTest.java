package dev.ofg.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.ofg.testing.GatewayTestKit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercises JWT client identity end to end on real routes, with tokens minted by nimbus-jose-jwt: a valid token
 * works on the canonical API, expired, unsigned and forged ones are 401, and admin needs both the role in the token
 * and an admin role in the client's configuration.
 */
@ExtendWith(VertxExtension.class)
class JwtGatewayTest {
  private static GatewayTestKit kit;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext test) {
    GatewayTestKit.start(vertx, GatewayTestKit.Options.defaults().withJwt()).onComplete(test.succeeding(started -> {
      kit = started;
      test.completeNow();
    }));
  }

  @AfterAll
  static void stop(VertxTestContext test) {
    kit.stop().onComplete(test.succeedingThenComplete());
  }

  private static Future<HttpResponse<Buffer>> putPartner(String token, String ref) {
    return kit.http().put("/api/v1/partners/" + ref).putHeader("Authorization", "Bearer " + token)
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendJsonObject(new JsonObject().put("name", "Token Customer"));
  }

  private static JWTClaimsSet.Builder claims(String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder().issuer(GatewayTestKit.JWT_ISSUER).audience(GatewayTestKit.JWT_AUDIENCE)
        .subject(subject).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
  }

  @Test
  void aValidTokenAuthenticatesItsClientOnTheCanonicalApi(VertxTestContext test) {
    String token = kit.token(GatewayTestKit.ERP, List.of(), Duration.ofMinutes(5));
    putPartner(token, "JWT-P1")
        .compose(created -> kit.http().get("/api/v1/partners/JWT-P1").putHeader("Authorization", "Bearer " + token)
            .send().compose(read -> kit.auditRows(read.getHeader("X-Correlation-Id"))
                .map(audit -> List.of(created, read, audit.get(0)))))
        .onComplete(test.succeeding(results -> test.verify(() -> {
          assertThat(((HttpResponse<?>) results.get(0)).statusCode()).isEqualTo(201);
          HttpResponse<?> read = (HttpResponse<?>) results.get(1);
          assertThat(read.statusCode()).isEqualTo(200);
          assertThat(((HttpResponse<Buffer>) read).bodyAsJsonObject().getString("name")).isEqualTo("Token Customer");
          assertThat(((JsonObject) results.get(2)).getString("client_id")).isEqualTo(GatewayTestKit.ERP);
          test.completeNow();
        })));
  }

  @Test
  void anExpiredTokenIsRefusedWith401(VertxTestContext test) {
    String expired = kit.token(GatewayTestKit.ERP, List.of(), Duration.ofMinutes(-5));
    putPartner(expired, "JWT-EXPIRED").onComplete(test.succeeding(response -> test.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("UNAUTHENTICATED");
      assertThat(response.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
      assertThat(kit.sandbox().count("res.partner", new io.vertx.core.json.JsonArray()
          .add(new io.vertx.core.json.JsonArray().add("ref").add("=").add("JWT-EXPIRED")))).isZero();
      test.completeNow();
    })));
  }

  @Test
  void anUnsignedTokenIsRefusedWith401(VertxTestContext test) {
    String unsigned = new PlainJWT(claims(GatewayTestKit.ERP).build()).serialize();
    putPartner(unsigned, "JWT-NONE").onComplete(test.succeeding(response -> test.verify(() -> {
      assertThat(unsigned).startsWith("eyJhbGciOiJub25lIn0.");
      assertThat(response.statusCode()).isEqualTo(401);
      test.completeNow();
    })));
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRefusedWith401(VertxTestContext test) throws JOSEException {
    SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(GatewayTestKit.ERP).build());
    forged.sign(new MACSigner(("not-the-gateway-secret-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));
    putPartner(forged.serialize(), "JWT-FORGED").onComplete(test.succeeding(response -> test.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(401);
      test.completeNow();
    })));
  }

  @Test
  void adminNeedsTheRoleInAVerifiedTokenAndInTheClientsConfiguration(VertxTestContext test) {
    Future<HttpResponse<Buffer>> integrationWithRole = kit.management().post("/admin/reload")
        .putHeader("Authorization", "Bearer " + kit.token(GatewayTestKit.ERP, List.of("gateway-admin"),
            Duration.ofMinutes(5))).send();
    Future<HttpResponse<Buffer>> opsWithoutRole = kit.management().post("/admin/reload")
        .putHeader("Authorization", "Bearer " + kit.token(GatewayTestKit.OPS, List.of(), Duration.ofMinutes(5))).send();
    Future<HttpResponse<Buffer>> opsWithRole = kit.management().post("/admin/reload")
        .putHeader("Authorization", "Bearer " + kit.adminToken()).send();
    Future.all(integrationWithRole, opsWithoutRole, opsWithRole).onComplete(test.succeeding(all -> test.verify(() -> {
      assertThat(integrationWithRole.result().statusCode()).isEqualTo(403);
      assertThat(opsWithoutRole.result().statusCode()).isEqualTo(403);
      assertThat(opsWithRole.result().statusCode()).as(opsWithRole.result().bodyAsString()).isEqualTo(200);
      assertThat(opsWithRole.result().bodyAsJsonObject().getString("outcome")).isEqualTo("applied");
      test.completeNow();
    })));
  }
}
