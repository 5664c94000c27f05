package dev.ofg.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtConfigTest {
  private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";
  private static final String JWKS = "https://idp.example.com/realms/finance/protocol/openid-connect/certs";

  private final List<String> problems = new ArrayList<>();

  /** Reads a {@code jwt:} section the way the loader does: placeholders resolved from a fake environment. */
  private JwtConfig read(JsonObject raw) {
    JsonObject resolved = new Placeholders(Map.of("JWT_SECRET", SECRET)).resolve(raw, "jwt", problems);
    return JwtConfig.read(new ConfigReader(resolved, raw, "jwt", problems));
  }

  private static JsonObject idp() {
    return new JsonObject()
        .put("issuers", new JsonArray().add("https://idp.example.com/realms/finance"))
        .put("audiences", new JsonArray().add("odoo-finance-gateway"))
        .put("jwksUrl", JWKS);
  }

  private static JwtConfig.Builder valid() {
    return JwtConfig.builder().issuers(List.of("https://idp.example.com")).audiences(List.of("gateway"))
        .jwksUrl(URI.create(JWKS));
  }

  @Test
  void readsIdentityProviderSetupWithDefaults() {
    JwtConfig config = read(idp());

    assertThat(problems).isEmpty();
    assertThat(config.algorithms()).containsExactly("RS256", "ES256");
    assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.jwksRefreshInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.jwksMinRefetchInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.clientClaim()).isEqualTo("sub");
    assertThat(config.rolesClaim()).isEqualTo("roles");
    assertThat(config.adminRole()).isEqualTo("gateway-admin");
    assertThat(config.maxTokenBytes()).isEqualTo(8192);
    assertThat(config.hmacSecret()).isNull();
  }

  @Test
  void readsEveryKey() {
    JsonObject raw = idp().put("clockSkew", "15s").put("algorithms", new JsonArray().add("ES256"))
        .put("jwksRefreshInterval", "10m").put("jwksMinRefetchInterval", "1m").put("jwksTimeout", "2s")
        .put("clientClaim", "azp").put("rolesClaim", "realm_access.roles").put("adminRole", "ofg-admin")
        .put("maxTokenBytes", 4096);

    JwtConfig config = read(raw);

    assertThat(problems).isEmpty();
    assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.algorithms()).containsExactly("ES256");
    assertThat(config.jwksMinRefetchInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.jwksTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.rolesClaim()).isEqualTo("realm_access.roles");
    assertThat(config.adminRole()).isEqualTo("ofg-admin");
    assertThat(config.maxTokenBytes()).isEqualTo(4096);
  }

  @Test
  void allowsHs256OnlyWithASecret() {
    JsonObject local = new JsonObject().put("issuers", new JsonArray().add("local")).put("audiences",
        new JsonArray().add("gateway")).put("hmacSecret", "${JWT_SECRET}");

    JwtConfig config = read(local);

    assertThat(problems).isEmpty();
    assertThat(config.algorithms()).containsExactly("HS256");
    assertThat(config.hmacSecret().reveal()).isEqualTo(SECRET);
    assertThatThrownBy(() -> valid().algorithms(List.of("RS256", "HS256")).build())
        .hasMessage("hmacSecret: missing (expected: a shared secret when HS256 is allowed)");
  }

  @Test
  void defaultsToBothFamiliesWhenJwksUrlAndSecretAreSet() {
    JwtConfig config = read(idp().put("hmacSecret", "${JWT_SECRET}"));

    assertThat(config.algorithms()).containsExactly("RS256", "ES256", "HS256");
  }

  @Test
  void neverAllowsAlgNone() {
    read(idp().put("algorithms", new JsonArray().add("RS256").add("none")));

    assertThat(problems).containsExactly(
        "jwt: algorithms: \"none\" (expected: a signing algorithm; unsigned tokens are never accepted)");
  }

  @Test
  void refusesUnknownAlgorithms() {
    assertThatThrownBy(() -> valid().algorithms(List.of("PS256")).build())
        .hasMessageStartingWith("algorithms: \"PS256\" (expected one of: [RS256");
  }

  @Test
  void requiresJwksUrlForAsymmetricAlgorithms() {
    assertThatThrownBy(() -> valid().jwksUrl(null).algorithms(List.of("ES256")).build())
        .hasMessage("jwksUrl: missing (expected: the identity provider's JWKS URL when ES256 is allowed)");
    assertThatThrownBy(() -> valid().jwksUrl(null).build())
        .hasMessageStartingWith("algorithms: empty");
  }

  @Test
  void requiresSecretsAsLongAsTheHash() {
    assertThatThrownBy(() -> valid().hmacSecret(Secret.of("too-short")).algorithms(List.of("HS256")).build())
        .hasMessage("hmacSecret: 9 bytes (expected: >= 32 bytes for HS256)");
    assertThatThrownBy(() -> valid().hmacSecret(Secret.of(SECRET)).algorithms(List.of("HS512")).build())
        .hasMessage("hmacSecret: 37 bytes (expected: >= 64 bytes for HS512)");
  }

  @Test
  void refusesASecretNoAlgorithmUses() {
    assertThatThrownBy(() -> valid().hmacSecret(Secret.of(SECRET)).algorithms(List.of("RS256")).build())
        .hasMessageStartingWith("hmacSecret: set but algorithms [RS256] has no HS algorithm");
  }

  @Test
  void refusesLiteralSecrets() {
    read(idp().put("hmacSecret", "hunter2-hunter2-hunter2-hunter2-hunter2"));

    assertThat(problems).anyMatch(problem -> problem.startsWith("jwt.hmacSecret: a literal secret"));
  }

  @Test
  void requiresAnIssuerUnlessExplicitlyOptedOut() {
    assertThatThrownBy(() -> valid().issuers(List.of()).build())
        .hasMessage("issuers: empty (expected: at least one issuer, or requireIssuer: false)");
    assertThat(valid().issuers(List.of()).requireIssuer(false).build().issuers()).isEmpty();
  }

  @Test
  void requiresAnAudienceUnlessExplicitlyOptedOut() {
    assertThatThrownBy(() -> valid().audiences(List.of()).build())
        .hasMessage("audiences: empty (expected: at least one audience, or requireAudience: false)");
    assertThat(valid().audiences(List.of()).requireAudience(false).build().audiences()).isEmpty();
  }

  @Test
  void refusesPlainHttpJwksUrlOffLoopback() {
    assertThatThrownBy(() -> valid().jwksUrl(URI.create("http://idp.example.com/certs")).build())
        .hasMessageStartingWith("jwksUrl: http://idp.example.com/certs (expected: https");
    assertThat(valid().jwksUrl(URI.create("http://127.0.0.1:8180/certs")).build().jwksUrl()).hasPort(8180);
    assertThat(valid().jwksUrl(URI.create("http://keycloak:8080/certs")).allowInsecureJwksUrl(true).build()
        .jwksUrl()).hasHost("keycloak");
    assertThatThrownBy(() -> valid().jwksUrl(URI.create("file:///etc/keys.json")).build())
        .hasMessageStartingWith("jwksUrl: file:///etc/keys.json (expected: an https URL)");
  }

  @Test
  void boundsClockSkewIntervalsAndTokenSize() {
    assertThatThrownBy(() -> valid().clockSkew(Duration.ofMinutes(11)).build())
        .hasMessage("clockSkew: PT11M (expected: 0..PT10M)");
    assertThatThrownBy(() -> valid().jwksMinRefetchInterval(Duration.ZERO).build())
        .hasMessage("jwksMinRefetchInterval: PT0S (expected: > 0)");
    assertThatThrownBy(() -> valid().maxTokenBytes(100).build())
        .hasMessage("maxTokenBytes: 100 (expected: 1024..65536)");
    assertThatThrownBy(() -> valid().rolesClaim("realm access").build())
        .hasMessageStartingWith("rolesClaim: \"realm access\"");
  }

  @Test
  void rejectsUnknownKeys() {
    read(idp().put("issuer", "https://idp.example.com"));

    assertThat(problems).anyMatch(problem -> problem.startsWith("jwt.issuer: unknown key"));
  }

  @Test
  void keepsTheSecretOutOfToString() {
    JwtConfig config = valid().hmacSecret(Secret.of(SECRET)).algorithms(List.of("RS256", "HS256")).build();

    assertThat(config.toString()).doesNotContain(SECRET).contains("Secret[****]");
  }
}
