package dev.ofg.policy.auth;

import static dev.ofg.policy.auth.JwtTestKit.ATTACKER;
import static dev.ofg.policy.auth.JwtTestKit.EC_A;
import static dev.ofg.policy.auth.JwtTestKit.ERP;
import static dev.ofg.policy.auth.JwtTestKit.RSA_A;
import static dev.ofg.policy.auth.JwtTestKit.RSA_B;
import static dev.ofg.policy.auth.JwtTestKit.await;
import static dev.ofg.policy.auth.JwtTestKit.claims;
import static dev.ofg.policy.auth.JwtTestKit.header;
import static dev.ofg.policy.auth.JwtTestKit.rejection;
import static dev.ofg.policy.auth.JwtTestKit.rs256;
import static dev.ofg.policy.auth.JwtTestKit.sign;
import static dev.ofg.policy.auth.JwtTestKit.signer;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.ofg.config.JwtConfig;
import dev.ofg.policy.PolicySnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Key rotation, rate-limited refetch on unknown kids, and resilience to an identity provider that misbehaves. */
@ExtendWith(VertxExtension.class)
class JwksKeySourceTest {
  private static final JWKSet SET_A = new JWKSet(List.of(RSA_A.toPublicJWK()));
  private static final JWKSet SET_A_B = new JWKSet(List.of(RSA_A.toPublicJWK(), RSA_B.toPublicJWK()));

  private final TestClock clock = new TestClock();
  private final PolicySnapshot policy = JwtTestKit.policy();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Vertx vertx;
  private JwksServer server;
  private JwksKeySource source;
  private JwtAuthenticator authenticator;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    server = await(JwksServer.start(vertx)).serve(SET_A);
  }

  @AfterEach
  void tearDown() {
    if (source != null) {
      source.close();
    }
    await(server.close());
  }

  /** Creates the source and an authenticator on it; does not start it. */
  private JwksKeySource source(JwtConfig.Builder builder) {
    JwtConfig config = builder.build();
    source = new JwksKeySource(vertx, config, registry, clock);
    authenticator = new JwtAuthenticator(vertx, config, source, registry, clock);
    return source;
  }

  private JwksKeySource started(JwtConfig.Builder builder) {
    await(source(builder).start());
    return source;
  }

  private JwtConfig.Builder config() {
    return JwtTestKit.config(server.url());
  }

  private Future<VerifiedToken> authenticate(String token) {
    return authenticator.authenticate(token, policy);
  }

  private double refreshes(String outcome) {
    return registry.get("gateway_jwks_refresh").tag("outcome", outcome).counter().count();
  }

  /** Polls a condition on a Vert.x timer (never sleeping the test) until it holds, within the await bound. */
  private void awaitCondition(BooleanSupplier condition) {
    Promise<Void> met = Promise.promise();
    long timer = vertx.setPeriodic(20, id -> {
      if (condition.getAsBoolean()) {
        met.tryComplete();
      }
    });
    try {
      await(met.future());
    } finally {
      vertx.cancelTimer(timer);
    }
  }

  @Test
  void fetchesOnceMoreWhenATokenNamesANewKid() {
    started(config());
    assertThat(server.requests()).isEqualTo(1);
    server.serve(SET_A_B);

    VerifiedToken rotated = await(authenticate(rs256(RSA_B, claims(clock).build())));
    await(authenticate(rs256(RSA_B, claims(clock).build())));

    assertThat(rotated.client().id()).isEqualTo(ERP);
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void concurrentTokensWithTheSameNewKidShareOneFetch() {
    started(config());
    server.serve(SET_A_B);
    List<Future<VerifiedToken>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(authenticate(rs256(RSA_B, claims(clock).build())));
    }

    await(Future.all(all));

    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void continuesOnEachCallersEventLoopAfterASharedFetch() {
    started(config());
    server.serve(SET_A_B);
    String rotated = rs256(RSA_B, claims(clock).build());
    List<Future<Boolean>> onOwnContext = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Context caller = vertx.getOrCreateContext();
      Promise<Boolean> sameContext = Promise.promise();
      caller.runOnContext(v -> authenticate(rotated).onComplete(result ->
          sameContext.complete(result.succeeded() && Vertx.currentContext() == caller)));
      onOwnContext.add(sameContext.future());
    }

    assertThat(await(Future.all(onOwnContext)).<Boolean>list()).containsOnly(true);
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void usesTheOnlyKeyForTheAlgorithmWhenATokenHasNoKid() {
    started(config());
    String noKid = sign(new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims(clock).build(),
        signer(RSA_A));
    assertThat(await(authenticate(noKid)).client().id()).isEqualTo(ERP);

    server.serve(SET_A_B);
    await(source.refresh());

    assertThat(rejection(authenticate(noKid)).detail()).isEqualTo("token names no signing key (kid)");
  }

  @Test
  void floodOfUnknownKidsFetchesAtMostOncePerMinRefetchInterval() {
    started(config().jwksMinRefetchInterval(Duration.ofSeconds(30)));
    List<Future<VerifiedToken>> flood = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      flood.add(authenticate(sign(header(JWSAlgorithm.RS256, UUID.randomUUID().toString()).build(),
          claims(clock).build(), signer(ATTACKER))));
    }
    for (Future<VerifiedToken> attempt : flood) {
      assertThat(rejection(attempt).detail()).isEqualTo("unknown signing key");
    }
    assertThat(server.requests()).as("start-up fetch plus one refetch").isEqualTo(2);

    clock.advance(Duration.ofSeconds(29));
    rejection(authenticate(sign(header(JWSAlgorithm.RS256, "still-limited").build(), claims(clock).build(),
        signer(ATTACKER))));
    assertThat(server.requests()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(2));
    rejection(authenticate(sign(header(JWSAlgorithm.RS256, "next-window").build(), claims(clock).build(),
        signer(ATTACKER))));
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void keepsLastGoodKeySetWhileIdpIsDown() {
    started(config().jwksTimeout(Duration.ofMillis(300)));
    String known = rs256(RSA_A, claims(clock).build());

    for (JwksServer.Mode mode : JwksServer.Mode.values()) {
      server.mode(mode);
      await(source.refresh());
      assertThat(await(authenticate(known)).client().id()).as("after %s", mode).isEqualTo(ERP);
    }

    assertThat(refreshes("success")).isEqualTo(2.0);
    assertThat(refreshes("http_error")).isEqualTo(1.0);
    assertThat(refreshes("invalid")).isEqualTo(1.0);
    assertThat(refreshes("unreachable")).isEqualTo(1.0);
    assertThat(refreshes("too_large")).isEqualTo(1.0);
  }

  @Test
  void keepsLastGoodKeySetWhenIdpPublishesNoUsableKey() {
    started(config());
    server.serveJson("{\"keys\":[]}");
    await(source.refresh());
    server.serveJson("{\"keys\":[{\"kty\":\"oct\",\"kid\":\"sym\",\"k\":\"c2VjcmV0\"}]}");
    await(source.refresh());

    assertThat(source.current().keys()).containsOnlyKeys("rsa-a");
    assertThat(refreshes("invalid")).isEqualTo(2.0);
  }

  @Test
  void startsWhileIdpIsDownAndRecoversOnTheFirstToken() {
    server.mode(JwksServer.Mode.ERROR_500);
    JwksKeySource down = started(config());
    assertThat(down.keySetAge()).isEmpty();
    server.serve(SET_A);

    assertThat(await(authenticate(rs256(RSA_A, claims(clock).build()))).client().id()).isEqualTo(ERP);
    assertThat(down.keySetAge()).isPresent();
  }

  @Test
  void backgroundRefreshPicksUpARotatedSet() {
    started(config().jwksRefreshInterval(Duration.ofMillis(100)));
    server.serve(new JWKSet(List.of(RSA_B.toPublicJWK())));

    awaitCondition(() -> source.current().byKid("rsa-b").isPresent());

    assertThat(source.current().keys()).containsOnlyKeys("rsa-b");
    assertThat(await(authenticate(rs256(RSA_B, claims(clock).build()))).client().id()).isEqualTo(ERP);
  }

  @Test
  void ignoresUnsupportedKeysAndKeepsTheUsableOnes() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    JsonObject weak = json(new RSAKey.Builder((RSAPublicKey) generator.generateKeyPair().getPublic()).keyID("weak")
        .build().toJSONString());
    JsonObject offCurve = json(EC_A.toPublicJWK().toJSONString()).put("kid", "off-curve")
        .put("y", json(EC_A.toPublicJWK().toJSONString()).getString("x"));
    JsonObject wrongCurveAlg = json(EC_A.toPublicJWK().toJSONString()).put("kid", "es384-on-p256").put("alg", "ES384");
    JsonObject encryption = json(RSA_B.toPublicJWK().toJSONString()).put("kid", "enc").put("use", "enc");
    JsonObject noKid = json(RSA_B.toPublicJWK().toJSONString());
    noKid.remove("kid");
    JsonObject duplicate = json(RSA_B.toPublicJWK().toJSONString()).put("kid", "rsa-a");
    JsonArray keys = new JsonArray()
        .add(json(RSA_A.toPublicJWK().toJSONString()))
        .add(new JsonObject().put("kty", "oct").put("kid", "sym").put("k", "c2VjcmV0"))
        .add(weak).add(offCurve).add(wrongCurveAlg).add(encryption).add(noKid).add(42).add(duplicate)
        .add(new JsonObject().put("kty", "RSA").put("kid", "garbage").put("n", "%%%").put("e", "AQAB"))
        .add(json(EC_A.toPublicJWK().toJSONString()));
    server.serveJson(new JsonObject().put("keys", keys).encode());

    started(config());

    assertThat(source.current().keys()).containsOnlyKeys("rsa-a", "ec-a");
    assertThat(await(authenticate(rs256(RSA_A, claims(clock).build()))).client().id()).isEqualTo(ERP);
    assertThat(rejection(authenticate(sign(header(JWSAlgorithm.RS256, "rsa-a").build(), claims(clock).build(),
        signer(RSA_B)))).detail()).as("the first key with a duplicated kid wins").isEqualTo("signature invalid");
  }

  @Test
  void exposesKeyCountAndAgeForHealth() {
    JwksKeySource unstarted = source(config());
    assertThat(unstarted.keySetAge()).isEmpty();
    assertThat(registry.get("gateway_jwks_keys").gauge().value()).isZero();

    await(unstarted.start());
    clock.advance(Duration.ofSeconds(90));

    assertThat(unstarted.keySetAge()).contains(Duration.ofSeconds(90));
    assertThat(registry.get("gateway_jwks_keys").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("gateway_jwks_age_seconds").gauge().value()).isEqualTo(90.0);
  }

  private static JsonObject json(String text) {
    return new JsonObject(text);
  }
}
