package dev.ofg.policy.auth;

import dev.ofg.config.JwtConfig;
import dev.ofg.http.GatewayException;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.PolicySnapshot;
import dev.ofg.policy.auth.TokenRejection.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a client from a compact JWS: size and shape, algorithm allowlist, key by {@code kid} (JWKS) or the
 * shared secret (HS), signature through vertx-auth-jwt, registered claims, and finally the configured client the
 * token names.
 *
 * <p>Every refusal is a {@link GatewayException} with code {@code UNAUTHENTICATED}, a detail that is precise but
 * never echoes token content ("token expired", "unknown signing key", "algorithm HS256 not allowed"), and is
 * counted in {@code gateway_jwt_verifications{result}}.
 */
public final class JwtAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);
  private static final Pattern PRINTABLE_ALG = Pattern.compile("[A-Za-z0-9]{1,16}");

  private final JwtConfig config;
  private final Set<String> algorithms;
  private final Map<String, VerificationKey> hmacKeys = new HashMap<>();
  private final JwksKeySource jwks;
  private final TokenClaimsValidator claims;
  private final Map<Reason, Counter> rejected = new EnumMap<>(Reason.class);
  private final Counter accepted;

  /**
   * Creates an authenticator with its own {@link JwksKeySource} when RS/ES algorithms are allowed; call
   * {@link #start()} before taking traffic.
   */
  public static JwtAuthenticator create(Vertx vertx, JwtConfig config, MeterRegistry registry) {
    Clock clock = Clock.systemUTC();
    JwksKeySource jwks = config.allowsAsymmetric() ? new JwksKeySource(vertx, config, registry, clock) : null;
    return new JwtAuthenticator(vertx, config, jwks, registry, clock);
  }

  /**
   * Creates an authenticator.
   *
   * @param jwks the key source for RS/ES tokens; null only when the configuration allows no RS/ES algorithm
   */
  public JwtAuthenticator(Vertx vertx, JwtConfig config, JwksKeySource jwks, MeterRegistry registry, Clock clock) {
    if (config.allowsAsymmetric() && jwks == null) {
      throw new IllegalArgumentException("jwks: missing (expected: a JwksKeySource when RS/ES algorithms are allowed)");
    }
    this.config = config;
    this.algorithms = config.algorithmSet();
    this.jwks = jwks;
    this.claims = new TokenClaimsValidator(config, clock);
    for (String alg : config.algorithms()) {
      if (JwtConfig.isHmac(alg)) {
        hmacKeys.put(alg, VerificationKey.hmac(vertx, alg, config.hmacSecret().bytes()));
      }
    }
    this.accepted = counter(registry, "accepted");
    for (Reason reason : Reason.values()) {
      rejected.put(reason, counter(registry, reason.tag()));
    }
  }

  private static Counter counter(MeterRegistry registry, String result) {
    return Counter.builder("gateway_jwt_verifications").description("JWT verifications by result")
        .tag("result", result).register(registry);
  }

  /** Loads the JWKS (if any) and starts its background refresh; see {@link JwksKeySource#start()}. */
  public Future<Void> start() {
    return jwks == null ? Future.succeededFuture() : jwks.start();
  }

  /** Stops the JWKS background refresh. */
  public void close() {
    if (jwks != null) {
      jwks.close();
    }
  }

  /** Returns the JWKS key source, for health checks (age of the last good key set). */
  public Optional<JwksKeySource> jwks() {
    return Optional.ofNullable(jwks);
  }

  /** Verifies {@code token} and returns the configured client it names, from {@code snapshot}. */
  public Future<VerifiedToken> authenticate(String token, PolicySnapshot snapshot) {
    Future<VerifiedToken> result;
    try {
      CompactJws jws = CompactJws.parse(token, config.maxTokenBytes());
      String alg = checkHeader(jws);
      result = keyFor(jws, alg)
          .compose(key -> key.verify(jws))
          .map(verified -> identify(jws.payload(), snapshot));
    } catch (TokenRejection rejection) {
      result = Future.failedFuture(rejection);
    }
    return result.transform(this::count);
  }

  private String checkHeader(CompactJws jws) {
    String alg = jws.alg();
    if (alg == null) {
      throw new TokenRejection(Reason.MALFORMED, "token header has no alg");
    }
    if (!algorithms.contains(alg)) {
      // The allowlist never contains "none" (JwtConfig refuses it), so unsigned tokens always end here.
      String shown = PRINTABLE_ALG.matcher(alg).matches() ? alg : "(unprintable)";
      throw new TokenRejection(Reason.ALGORITHM_NOT_ALLOWED, "algorithm " + shown + " not allowed");
    }
    if (jws.header().containsKey("crit")) {
      // RFC 7515 section 4.1.11: critical extensions we do not understand make the token invalid.
      throw new TokenRejection(Reason.UNSUPPORTED_HEADER, "critical header parameters not supported");
    }
    if (jws.signature() == null) {
      throw new TokenRejection(Reason.MALFORMED, "token is not signed");
    }
    return alg;
  }

  /**
   * Finds the one key allowed to verify the token. HS tokens only ever meet the shared secret and RS/ES tokens
   * only ever meet JWKS keys; keys embedded in the token ({@code jwk}, {@code jku}, {@code x5c}, {@code x5u})
   * are never used.
   */
  private Future<VerificationKey> keyFor(CompactJws jws, String alg) {
    if (JwtConfig.isHmac(alg)) {
      return Future.succeededFuture(hmacKeys.get(alg));
    }
    String kid = jws.kid();
    return jwks.resolve(kid, alg).map(key -> key.orElseThrow(() -> new TokenRejection(Reason.UNKNOWN_KEY,
        kid == null ? "token names no signing key (kid)" : "unknown signing key")));
  }

  private VerifiedToken identify(JsonObject payload, PolicySnapshot snapshot) {
    Instant expiresAt = claims.validate(payload);
    String clientId = ClaimPath.string(payload, config.clientClaim());
    if (clientId == null) {
      throw new TokenRejection(Reason.UNKNOWN_CLIENT, "token has no " + config.clientClaim() + " claim");
    }
    GatewayClient client = snapshot.byId(clientId)
        .orElseThrow(() -> new TokenRejection(Reason.UNKNOWN_CLIENT, "token names an unknown client"));
    Set<String> roles = ClaimPath.strings(payload, config.rolesClaim());
    boolean admin = client.admin() && roles.contains(config.adminRole());
    return new VerifiedToken(ClientAuthenticator.withAdmin(client, admin), roles, expiresAt);
  }

  private Future<VerifiedToken> count(AsyncResult<VerifiedToken> result) {
    if (result.succeeded()) {
      accepted.increment();
      return Future.succeededFuture(result.result());
    }
    TokenRejection rejection;
    if (result.cause() instanceof TokenRejection) {
      rejection = (TokenRejection) result.cause();
    } else {
      // The class only: a parser's message could quote token content.
      LOG.warn("token verification failed unexpectedly: {}", result.cause().getClass().getName());
      rejection = new TokenRejection(Reason.BAD_SIGNATURE, "token could not be verified");
    }
    rejected.get(rejection.reason()).increment();
    return Future.failedFuture(rejection.toProblem());
  }
}
