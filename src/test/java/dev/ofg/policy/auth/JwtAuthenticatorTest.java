package dev.ofg.policy.auth;

import static dev.ofg.policy.auth.JwtTestKit.AUDIENCE;
import static dev.ofg.policy.auth.JwtTestKit.ATTACKER;
import static dev.ofg.policy.auth.JwtTestKit.EC_A;
import static dev.ofg.policy.auth.JwtTestKit.ERP;
import static dev.ofg.policy.auth.JwtTestKit.HMAC_SECRET;
import static dev.ofg.policy.auth.JwtTestKit.OPS;
import static dev.ofg.policy.auth.JwtTestKit.RSA_A;
import static dev.ofg.policy.auth.JwtTestKit.await;
import static dev.ofg.policy.auth.JwtTestKit.base64url;
import static dev.ofg.policy.auth.JwtTestKit.claims;
import static dev.ofg.policy.auth.JwtTestKit.es256;
import static dev.ofg.policy.auth.JwtTestKit.header;
import static dev.ofg.policy.auth.JwtTestKit.hs256;
import static dev.ofg.policy.auth.JwtTestKit.rejection;
import static dev.ofg.policy.auth.JwtTestKit.rs256;
import static dev.ofg.policy.auth.JwtTestKit.sign;
import static dev.ofg.policy.auth.JwtTestKit.signer;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ofg.config.JwtConfig;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.policy.PolicySnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Attacks and edge cases against token verification, with tokens minted by nimbus-jose-jwt. */
@ExtendWith(VertxExtension.class)
class JwtAuthenticatorTest {
  private final TestClock clock = new TestClock();
  private final PolicySnapshot policy = JwtTestKit.policy();
  private SimpleMeterRegistry registry;
  private JwksServer server;
  private JwksKeySource jwks;
  private JwtAuthenticator authenticator;
  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    server = await(JwksServer.start(vertx)).serve(new JWKSet(List.of(RSA_A.toPublicJWK(), EC_A.toPublicJWK())));
    authenticator = authenticator(JwtTestKit.config(server.url()).build());
  }

  private JwtAuthenticator authenticator(JwtConfig config) {
    if (jwks != null) {
      jwks.close();
    }
    registry = new SimpleMeterRegistry();
    jwks = new JwksKeySource(vertx, config, registry, clock);
    await(jwks.start());
    return new JwtAuthenticator(vertx, config, jwks, registry, clock);
  }

  @AfterEach
  void tearDown() {
    jwks.close();
    await(server.close());
  }

  private GatewayException rejected(String token) {
    GatewayException problem = rejection(authenticator.authenticate(token, policy));
    assertThat(problem.code()).isEqualTo(ProblemCode.UNAUTHENTICATED);
    return problem;
  }

  private static String unsigned(String headerJson, String claimsJson, String signaturePart) {
    return base64url(headerJson) + "." + base64url(claimsJson) + signaturePart;
  }

  private String validClaimsJson() {
    return claims(clock).build().toString();
  }

  @Test
  void acceptsRs256TokenSignedWithPublishedKey() {
    VerifiedToken token = await(authenticator.authenticate(rs256(RSA_A, claims(clock).build()), policy));

    assertThat(token.client().id()).isEqualTo(ERP);
    assertThat(token.expiresAt()).isEqualTo(clock.instant().plusSeconds(300));
  }

  @Test
  void acceptsEs256TokenSignedWithPublishedKey() {
    VerifiedToken token = await(authenticator.authenticate(es256(EC_A, claims(clock).build()), policy));

    assertThat(token.client().id()).isEqualTo(ERP);
  }

  @Test
  void acceptsHs256TokenSignedWithConfiguredSecret() {
    String token = hs256(HMAC_SECRET.getBytes(StandardCharsets.UTF_8), null, claims(clock).build());

    assertThat(await(authenticator.authenticate(token, policy)).client().id()).isEqualTo(ERP);
  }

  @Test
  void rejectsAlgNoneWithEmptySignaturePart() {
    String token = unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}", validClaimsJson(), ".");

    assertThat(rejected(token).detail()).isEqualTo("algorithm none not allowed");
  }

  @Test
  void rejectsAlgNoneWithoutSignaturePart() {
    String token = unsigned("{\"alg\":\"none\"}", validClaimsJson(), "");

    assertThat(rejected(token).detail()).isEqualTo("algorithm none not allowed");
  }

  @Test
  void rejectsAlgNoneCarryingTheSignatureOfAValidToken() {
    String valid = rs256(RSA_A, claims(clock).build());
    String token = unsigned("{\"alg\":\"none\",\"kid\":\"rsa-a\"}", validClaimsJson(), "." + valid.split("\\.")[2]);

    assertThat(rejected(token).detail()).isEqualTo("algorithm none not allowed");
  }

  @Test
  void rejectsAllowedAlgorithmWithoutSignature() {
    String token = unsigned("{\"alg\":\"RS256\",\"kid\":\"rsa-a\"}", validClaimsJson(), ".");

    assertThat(rejected(token).detail()).isEqualTo("token is not signed");
  }

  @Test
  void rejectsHs256TokenSignedWithTheRsaPublicKeyWhenHmacIsNotAllowed() throws Exception {
    authenticator = authenticator(JwtTestKit.config(server.url()).hmacSecret(null)
        .algorithms(List.of("RS256", "ES256")).build());
    String token = hs256(RSA_A.toRSAPublicKey().getEncoded(), RSA_A.getKeyID(), claims(clock).build());

    assertThat(rejected(token).detail()).isEqualTo("algorithm HS256 not allowed");
  }

  @Test
  void rejectsHs256TokenSignedWithTheRsaPublicKeyEvenWhenHmacIsAllowed() throws Exception {
    // The classic algorithm confusion: an attacker who knows the published RSA key uses its bytes (DER and PEM
    // both) as the HMAC secret and names the RSA key's kid.
    byte[] der = RSA_A.toRSAPublicKey().getEncoded();
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";
    String withDer = hs256(der, RSA_A.getKeyID(), claims(clock).build());
    String withPem = hs256(pem.getBytes(StandardCharsets.US_ASCII), RSA_A.getKeyID(), claims(clock).build());

    assertThat(rejected(withDer).detail()).isEqualTo("signature invalid");
    assertThat(rejected(withPem).detail()).isEqualTo("signature invalid");
  }

  @Test
  void rejectsRs256TokenWithTamperedPayload() {
    String[] parts = rs256(RSA_A, claims(clock).build()).split("\\.");
    String tampered = parts[0] + "." + base64url(claims(clock).subject(OPS).claim("roles", List.of("gateway-admin"))
        .build().toString()) + "." + parts[2];

    assertThat(rejected(tampered).detail()).isEqualTo("signature invalid");
  }

  @Test
  void rejectsTokenSignedWithUnpublishedKeyEvenWhenItEmbedsThatKey() {
    String attacker = sign(header(JWSAlgorithm.RS256, ATTACKER.getKeyID()).jwk(ATTACKER.toPublicJWK()).build(),
        claims(clock).build(), signer(ATTACKER));
    String borrowedKid = sign(header(JWSAlgorithm.RS256, RSA_A.getKeyID()).jwk(ATTACKER.toPublicJWK()).build(),
        claims(clock).build(), signer(ATTACKER));

    assertThat(rejected(attacker).detail()).isEqualTo("unknown signing key");
    assertThat(rejected(borrowedKid).detail()).isEqualTo("signature invalid");
  }

  @Test
  void rejectsRsaKeyUsedWithAnotherRsaAlgorithm() {
    authenticator = authenticator(JwtTestKit.config(server.url()).algorithms(List.of("RS256", "RS512", "HS256"))
        .build());
    String token = sign(header(JWSAlgorithm.RS512, RSA_A.getKeyID()).build(), claims(clock).build(), signer(RSA_A));

    assertThat(rejected(token).detail()).isEqualTo("algorithm RS512 does not match the signing key");
  }

  @Test
  void rejectsAlgorithmOutsideTheAllowlist() {
    String token = sign(header(JWSAlgorithm.RS384, RSA_A.getKeyID()).build(), claims(clock).build(), signer(RSA_A));

    assertThat(rejected(token).detail()).isEqualTo("algorithm RS384 not allowed");
  }

  @Test
  void rejectsDerEncodedEcdsaSignature() throws Exception {
    // RFC 7518 section 3.4: an ES256 signature is the 64-byte R || S, not the JCA's DER encoding.
    String[] parts = es256(EC_A, claims(clock).build()).split("\\.");
    java.security.Signature der = java.security.Signature.getInstance("SHA256withECDSA");
    der.initSign(EC_A.toECPrivateKey());
    der.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    String token = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(der.sign());

    assertThat(rejected(token).detail()).isEqualTo("signature invalid");
  }

  @Test
  void rejectsCriticalHeaderParameters() {
    String token = sign(header(JWSAlgorithm.RS256, RSA_A.getKeyID()).customParam("x-bind", "tls")
        .criticalParams(Set.of("x-bind")).build(), claims(clock).build(), signer(RSA_A));

    assertThat(rejected(token).detail()).isEqualTo("critical header parameters not supported");
  }

  @Test
  void rejectsExpiredTokenBeyondClockSkew() {
    JWTClaimsSet expired = claims(clock).expirationTime(Date.from(clock.instant().minusSeconds(61))).build();

    assertThat(rejected(rs256(RSA_A, expired)).detail()).isEqualTo("token expired");
  }

  @Test
  void acceptsExpiredTokenWithinClockSkew() {
    JWTClaimsSet justExpired = claims(clock).expirationTime(Date.from(clock.instant().minusSeconds(30))).build();

    assertThat(await(authenticator.authenticate(rs256(RSA_A, justExpired), policy)).client().id()).isEqualTo(ERP);
  }

  @Test
  void rejectsNotYetValidTokenBeyondClockSkew() {
    JWTClaimsSet early = claims(clock).notBeforeTime(Date.from(clock.instant().plusSeconds(90))).build();

    assertThat(rejected(rs256(RSA_A, early)).detail()).isEqualTo("token not yet valid");
  }

  @Test
  void acceptsNotBeforeWithinClockSkew() {
    JWTClaimsSet slightlyEarly = claims(clock).notBeforeTime(Date.from(clock.instant().plusSeconds(45))).build();

    assertThat(await(authenticator.authenticate(rs256(RSA_A, slightlyEarly), policy)).client().id()).isEqualTo(ERP);
  }

  @Test
  void rejectsTokenIssuedInTheFutureBeyondClockSkew() {
    JWTClaimsSet future = claims(clock).issueTime(Date.from(clock.instant().plusSeconds(120))).build();

    assertThat(rejected(rs256(RSA_A, future)).detail()).isEqualTo("token issued in the future");
  }

  @Test
  void honoursAConfiguredClockSkew() {
    authenticator = authenticator(JwtTestKit.config(server.url()).clockSkew(Duration.ZERO).build());
    JWTClaimsSet justExpired = claims(clock).expirationTime(Date.from(clock.instant().minusSeconds(1))).build();

    assertThat(rejected(rs256(RSA_A, justExpired)).detail()).isEqualTo("token expired");
  }

  @Test
  void rejectsTokenWithoutExpiry() {
    JWTClaimsSet forever = claims(clock).expirationTime(null).build();

    assertThat(rejected(rs256(RSA_A, forever)).detail()).isEqualTo("token has no exp claim");
  }

  @Test
  void rejectsWrongIssuer() {
    JWTClaimsSet other = claims(clock).issuer("https://evil.example.test").build();

    assertThat(rejected(rs256(RSA_A, other)).detail()).isEqualTo("token issuer not accepted");
  }

  @Test
  void rejectsWrongAudience() {
    JWTClaimsSet other = claims(clock).audience(List.of("another-api", "yet-another")).build();

    assertThat(rejected(rs256(RSA_A, other)).detail()).isEqualTo("token audience not accepted");
  }

  @Test
  void acceptsAudienceArrayContainingTheConfiguredAudience() {
    JWTClaimsSet several = claims(clock).audience(List.of("another-api", AUDIENCE)).build();

    assertThat(await(authenticator.authenticate(rs256(RSA_A, several), policy)).client().id()).isEqualTo(ERP);
  }

  @Test
  void rejectsMissingAudience() {
    JWTClaimsSet none = claims(clock).audience((String) null).build();

    assertThat(rejected(rs256(RSA_A, none)).detail()).isEqualTo("token has no aud claim");
  }

  @Test
  void rejectsOversizedTokenBeforeParsingIt() {
    JWTClaimsSet padded = claims(clock).claim("pad", "x".repeat(JwtConfig.DEFAULT_MAX_TOKEN_BYTES)).build();

    assertThat(rejected(rs256(RSA_A, padded)).detail()).isEqualTo("token is larger than 8192 bytes");
  }

  @Test
  void rejectsUnknownClient() {
    JWTClaimsSet stranger = claims(clock).subject("not-configured").build();

    assertThat(rejected(rs256(RSA_A, stranger)).detail()).isEqualTo("token names an unknown client");
  }

  @Test
  void rejectsMalformedTokensWithoutCrashing() {
    assertThat(rejected("eyJhbGciOiJSUzI1NiJ9.e30.%%%").detail()).contains("not a compact JWS");
    assertThat(rejected(base64url("[1,2]") + "." + base64url("{}") + ".c2ln").detail())
        .isEqualTo("token header is not a JSON object");
    assertThat(rejected(base64url("{\"alg\":\"RS256\"}") + ".bm90IGpzb24.c2ln").detail())
        .isEqualTo("token payload is not a JSON object");
    assertThat(rejected(base64url("{\"alg\":7}") + "." + base64url("{}") + ".c2ln").detail())
        .isEqualTo("token header has no alg");
    assertThat(rejected(unsigned("{\"alg\":\"RS256\",\"kid\":\"rsa-a\"}",
        "{\"exp\":\"tomorrow\",\"sub\":\"erp\"}", ".AAAA")).detail()).isEqualTo("signature invalid");
  }

  @Test
  void doesNotEchoAnUnprintableAlgorithm() {
    String token = unsigned("{\"alg\":\"RS256\\\" onerror=\\\"x\"}", validClaimsJson(), ".c2ln");

    assertThat(rejected(token).detail()).isEqualTo("algorithm (unprintable) not allowed");
  }

  @Test
  void grantsAdminOnlyWhenTokenRoleAndClientConfigurationAgree() {
    VerifiedToken ops = await(authenticator.authenticate(
        rs256(RSA_A, claims(clock).subject(OPS).claim("roles", List.of("gateway-admin")).build()), policy));
    VerifiedToken opsWithoutRole = await(authenticator.authenticate(
        rs256(RSA_A, claims(clock).subject(OPS).claim("roles", List.of("reader")).build()), policy));
    VerifiedToken integrationWithRole = await(authenticator.authenticate(
        rs256(RSA_A, claims(clock).subject(ERP).claim("roles", List.of("gateway-admin")).build()), policy));

    assertThat(ops.client().admin()).isTrue();
    assertThat(ops.roles()).containsExactly("gateway-admin");
    assertThat(opsWithoutRole.client().admin()).isFalse();
    assertThat(integrationWithRole.client().admin()).isFalse();
  }

  @Test
  void readsClientAndRolesFromConfiguredClaims() {
    authenticator = authenticator(JwtTestKit.config(server.url()).clientClaim("azp")
        .rolesClaim("realm_access.roles").build());
    JWTClaimsSet keycloakStyle = claims(clock).subject("f81d4fae-7dec-11d0-a765-00a0c91e6bf6").claim("azp", OPS)
        .claim("realm_access", Map.of("roles", List.of("offline_access", "gateway-admin"))).build();

    VerifiedToken token = await(authenticator.authenticate(rs256(RSA_A, keycloakStyle), policy));

    assertThat(token.client().id()).isEqualTo(OPS);
    assertThat(token.client().admin()).isTrue();
  }

  @Test
  void countsRejectionsByReason() {
    JWTClaimsSet expired = claims(clock).expirationTime(Date.from(clock.instant().minusSeconds(3600))).build();
    rejected(rs256(RSA_A, expired));
    rejected(rs256(RSA_A, expired));
    await(authenticator.authenticate(rs256(RSA_A, claims(clock).build()), policy));

    assertThat(registry.get("gateway_jwt_verifications").tag("result", "expired").counter().count()).isEqualTo(2.0);
    assertThat(registry.get("gateway_jwt_verifications").tag("result", "accepted").counter().count()).isEqualTo(1.0);
  }
}
