package dev.ofg.policy.auth;

import static dev.ofg.policy.auth.JwtTestKit.ERP;
import static dev.ofg.policy.auth.JwtTestKit.ERP_API_KEY;
import static dev.ofg.policy.auth.JwtTestKit.HMAC_SECRET;
import static dev.ofg.policy.auth.JwtTestKit.OPS;
import static dev.ofg.policy.auth.JwtTestKit.OPS_API_KEY;
import static dev.ofg.policy.auth.JwtTestKit.await;
import static dev.ofg.policy.auth.JwtTestKit.claims;
import static dev.ofg.policy.auth.JwtTestKit.hs256;
import static dev.ofg.policy.auth.JwtTestKit.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.JwtConfig;
import dev.ofg.config.Secret;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.PolicyHolder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The credential strategy without HTTP: which credential goes where, and who gets admin. */
@ExtendWith(VertxExtension.class)
class ClientAuthenticatorTest {
  private final TestClock clock = new TestClock();
  private final PolicyHolder policy = new PolicyHolder(JwtTestKit.policy());
  private ClientAuthenticator withJwt;
  private ClientAuthenticator apiKeysOnly;

  @BeforeEach
  void setUp(Vertx vertx) {
    JwtConfig config = JwtConfig.builder().issuers(List.of(JwtTestKit.ISSUER)).audiences(List.of(JwtTestKit.AUDIENCE))
        .hmacSecret(Secret.of(HMAC_SECRET)).build();
    withJwt = new ClientAuthenticator(policy,
        new JwtAuthenticator(vertx, config, null, new SimpleMeterRegistry(), clock));
    apiKeysOnly = new ClientAuthenticator(policy);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private String token(String subject, List<String> roles) {
    return hs256(HMAC_SECRET.getBytes(StandardCharsets.UTF_8), null,
        claims(clock).subject(subject).claim("roles", roles).build());
  }

  @Test
  void acceptsApiKeyAsBearerAsHeaderAndAsBasicPassword() {
    assertThat(await(withJwt.authenticate("Bearer " + ERP_API_KEY, null)).id()).isEqualTo(ERP);
    assertThat(await(withJwt.authenticate(null, ERP_API_KEY)).id()).isEqualTo(ERP);
    assertThat(await(withJwt.authenticate(basic(ERP, ERP_API_KEY), null)).id()).isEqualTo(ERP);
  }

  @Test
  void sendsBearerJwsToTheJwtAuthenticator() {
    assertThat(await(withJwt.authenticate("Bearer " + token(ERP, List.of()), null)).id()).isEqualTo(ERP);
  }

  @Test
  void treatsBearerJwsAsAnApiKeyWhenJwtIsNotConfigured() {
    assertThat(rejection(apiKeysOnly.authenticate("Bearer " + token(ERP, List.of()), null)).detail())
        .isEqualTo("API key not recognised");
  }

  @Test
  void refusesBasicLoginOfAnotherClient() {
    assertThat(rejection(withJwt.authenticate(basic(OPS, ERP_API_KEY), null)).detail())
        .isEqualTo("client id or API key not recognised");
  }

  @Test
  void explainsMissingAndUnreadableCredentials() {
    assertThat(rejection(withJwt.authenticate(null, null)).detail()).startsWith("send a token or an API key");
    assertThat(rejection(apiKeysOnly.authenticate(null, null)).detail()).startsWith("send an API key");
    assertThat(rejection(withJwt.authenticate("Digest abc", null)).detail()).contains("not in a supported scheme");
    assertThat(rejection(withJwt.authenticate("Basic !!!", null)).detail()).contains("not in a supported scheme");
    assertThat(rejection(withJwt.authenticate("Bearer", null)).detail()).contains("not in a supported scheme");
  }

  @Test
  void reportsThePreciseJwtRejection() {
    String expired = hs256(HMAC_SECRET.getBytes(StandardCharsets.UTF_8), null, claims(clock)
        .expirationTime(java.util.Date.from(clock.instant().minusSeconds(600))).build());

    assertThat(rejection(withJwt.authenticate("Bearer " + expired, null)).detail()).isEqualTo("token expired");
  }

  @Test
  void neverGrantsAdminThroughApiKeysEvenToAnAdminConfiguredClient() {
    GatewayClient byKey = await(withJwt.authenticate(null, OPS_API_KEY));
    GatewayClient byToken = await(withJwt.authenticate("Bearer " + token(OPS, List.of("gateway-admin")), null));

    assertThat(policy.current().byId(OPS)).hasValueSatisfying(configured -> assertThat(configured.admin()).isTrue());
    assertThat(byKey.admin()).isFalse();
    assertThat(byToken.admin()).isTrue();
    assertThat(ClientAuthenticationHandler.authenticate(policy.current(), null, OPS_API_KEY))
        .hasValueSatisfying(client -> assertThat(client.admin()).isFalse());
  }

  @Test
  void challengesWithInvalidTokenOnlyWhenACredentialWasSent() {
    Throwable unknownClient = rejection(withJwt.authenticate("Bearer " + token("nobody", List.of()), null));

    assertThat(ClientAuthenticator.challenge(false, unknownClient)).isEqualTo("Bearer realm=\"odoo-finance-gateway\"");
    assertThat(ClientAuthenticator.challenge(true, unknownClient)).isEqualTo("Bearer realm=\"odoo-finance-gateway\", "
        + "error=\"invalid_token\", error_description=\"token names an unknown client\"");
  }
}
