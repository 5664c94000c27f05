package dev.ofg.policy.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ofg.config.ClientConfig;
import dev.ofg.config.JwtConfig;
import dev.ofg.config.PolicyConfig;
import dev.ofg.config.RoleConfig;
import dev.ofg.config.Secret;
import dev.ofg.http.GatewayException;
import dev.ofg.policy.PolicySnapshot;
import dev.ofg.policy.schema.SchemaCatalog;
import io.vertx.core.Future;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Mints keys, JWK sets and tokens with nimbus-jose-jwt (the independent peer) and holds the policy the JWT tests
 * authenticate against.
 */
final class JwtTestKit {
  static final String ISSUER = "https://idp.example.test/realms/finance";
  static final String AUDIENCE = "odoo-finance-gateway";
  static final String HMAC_SECRET = "local-hmac-secret-that-is-longer-than-32-bytes";
  /** An integration client: finance role only. */
  static final String ERP = "erp";
  /** A client whose configuration grants admin (role gateway-admin with admin: true). */
  static final String OPS = "ops";
  static final String ERP_API_KEY = "erp-api-key-1";
  static final String OPS_API_KEY = "ops-api-key-1";

  static final RSAKey RSA_A = rsa("rsa-a");
  static final RSAKey RSA_B = rsa("rsa-b");
  static final ECKey EC_A = ec("ec-a");
  /** A key the identity provider never published. */
  static final RSAKey ATTACKER = rsa("attacker");

  private JwtTestKit() {
  }

  private static RSAKey rsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ECKey ec(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).keyUse(KeyUse.SIGNATURE)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static PolicySnapshot policy() {
    RoleConfig finance = new RoleConfig("finance", Map.of("res.partner", Set.of("read")), false);
    RoleConfig admin = new RoleConfig("gateway-admin", Map.of(), true);
    ClientConfig erp = new ClientConfig(ERP, "ERP", 200001, List.of("finance"), List.of(),
        List.of(ClientConfig.sha256Hex(ERP_API_KEY)), null);
    ClientConfig ops = new ClientConfig(OPS, "Ops", 200002, List.of("finance", "gateway-admin"), List.of(),
        List.of(ClientConfig.sha256Hex(OPS_API_KEY)), null);
    return PolicySnapshot.of(new PolicyConfig(Map.of("finance", finance, "gateway-admin", admin), List.of(erp, ops)),
        SchemaCatalog.load("conf/schemas", "v1"));
  }

  /** Returns a configuration accepting RS256, ES256 and HS256 from ISSUER for AUDIENCE. */
  static JwtConfig.Builder config(URI jwksUrl) {
    return JwtConfig.builder()
        .issuers(List.of(ISSUER))
        .audiences(List.of(AUDIENCE))
        .jwksUrl(jwksUrl)
        .hmacSecret(Secret.of(HMAC_SECRET))
        .algorithms(List.of("RS256", "ES256", "HS256"))
        .jwksTimeout(Duration.ofSeconds(3));
  }

  /** Returns claims valid now for ERP: iss, aud, sub, iat, exp in five minutes. */
  static JWTClaimsSet.Builder claims(Clock clock) {
    Date now = Date.from(clock.instant());
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(ERP)
        .issueTime(now)
        .expirationTime(Date.from(clock.instant().plusSeconds(300)));
  }

  static JWSHeader.Builder header(JWSAlgorithm alg, String kid) {
    return new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT);
  }

  static String rs256(RSAKey key, JWTClaimsSet claims) {
    return sign(header(JWSAlgorithm.RS256, key.getKeyID()).build(), claims, signer(key));
  }

  static String es256(ECKey key, JWTClaimsSet claims) {
    try {
      return sign(header(JWSAlgorithm.ES256, key.getKeyID()).build(), claims, new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hs256(byte[] secret, String kid, JWTClaimsSet claims) {
    try {
      return sign(header(JWSAlgorithm.HS256, kid).build(), claims, new MACSigner(secret));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static JWSSigner signer(RSAKey key) {
    try {
      return new RSASSASigner(key);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
    try {
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String base64url(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Waits on the test thread (never an event loop) for a future, with a bound. */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("expected success, failed with: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not complete", e);
    }
  }

  /** Waits for a future that must fail, and returns its failure as the gateway problem it must be. */
  static GatewayException rejection(Future<?> future) {
    try {
      Object value = future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a rejection, got " + value);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GatewayException) {
        return (GatewayException) e.getCause();
      }
      throw new AssertionError("expected a GatewayException, got " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not complete", e);
    }
  }
}
