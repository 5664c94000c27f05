package dev.ofg.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ofg.config.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's tokens, checked by nimbus-jose-jwt rather than by our own verifier. */
class DemoTokensTest {
  private static final Secret SECRET = Secret.of(DemoTokens.randomSecret());

  @Test
  void mintsHs256TokensThatNimbusVerifies() throws Exception {
    Instant issuedAt = Instant.parse("2030-01-01T00:00:00Z");
    SignedJWT jwt = SignedJWT.parse(DemoTokens.hs256(SECRET, "demo-erp", List.of("gateway-admin"),
        Duration.ofHours(8), issuedAt));

    assertThat(jwt.verify(new MACVerifier(SECRET.bytes()))).isTrue();
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(DemoTokens.ISSUER);
    assertThat(claims.getAudience()).containsExactly(DemoTokens.AUDIENCE);
    assertThat(claims.getSubject()).isEqualTo("demo-erp");
    assertThat(claims.getStringListClaim("roles")).containsExactly("gateway-admin");
    assertThat(claims.getIssueTime()).isEqualTo(Date.from(issuedAt));
    assertThat(claims.getExpirationTime()).isEqualTo(Date.from(issuedAt.plus(Duration.ofHours(8))));
  }

  @Test
  void tokensSignedWithAnotherSecretDoNotVerify() throws Exception {
    SignedJWT jwt = SignedJWT.parse(DemoTokens.hs256(SECRET, "demo-erp", List.of(), Duration.ofMinutes(5)));

    assertThat(jwt.verify(new MACVerifier(DemoTokens.randomSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .isFalse();
  }

  @Test
  void generatesDistinctRandomSecretsLongEnoughForHs256() {
    String one = DemoTokens.randomSecret();

    assertThat(one).isNotEqualTo(DemoTokens.randomSecret());
    assertThat(Secret.of(one).bytes().length).isGreaterThanOrEqualTo(32);
  }

  @Test
  void refusesShortSecretsAndEmptyLifetimes() {
    assertThatThrownBy(() -> DemoTokens.hs256(Secret.of("short"), "demo-erp", List.of(), Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
    assertThatThrownBy(() -> DemoTokens.hs256(SECRET, "demo-erp", List.of(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
  }
}
