package dev.ofg.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Configures how client JWTs are verified: who may issue them, for which audience, with which algorithms
 * and keys (a JWKS URL for RS/ES, a shared secret for HS), and which claims name the client and its roles.
 *
 * <p>Absent from the configuration means JWTs are not accepted at all (API keys only).
 *
 * @param issuers accepted {@code iss} values; a token must carry one of them (unless {@code requireIssuer} is off
 *     and the list is empty)
 * @param audiences accepted {@code aud} values; a token's {@code aud} (string or array) must contain one of them
 * @param clockSkew tolerance applied to {@code exp}, {@code nbf} and {@code iat}
 * @param algorithms the allowlist of JWS {@code alg} values; {@code none} is never allowed
 * @param jwksUrl where the identity provider publishes its public keys (required for RS and ES algorithms)
 * @param allowInsecureJwksUrl accept an {@code http} JWKS URL on a non-loopback host (keys could be swapped in transit)
 * @param jwksRefreshInterval how often the key set is fetched in the background
 * @param jwksMinRefetchInterval the least time between two fetches triggered by tokens with an unknown {@code kid}
 * @param jwksTimeout how long one JWKS fetch may take
 * @param hmacSecret the shared secret for HS algorithms (local setups, the demo); at least as long as the hash
 * @param clientClaim the claim naming the configured client (default {@code sub}); a dotted path is allowed
 * @param rolesClaim the claim holding the token's roles (default {@code roles}, e.g. {@code realm_access.roles})
 * @param adminRole the role a token must carry for admin operations (default {@code gateway-admin})
 * @param maxTokenBytes tokens longer than this are refused before any parsing
 */
public record JwtConfig(
    List<String> issuers,
    boolean requireIssuer,
    List<String> audiences,
    boolean requireAudience,
    Duration clockSkew,
    List<String> algorithms,
    URI jwksUrl,
    boolean allowInsecureJwksUrl,
    Duration jwksRefreshInterval,
    Duration jwksMinRefetchInterval,
    Duration jwksTimeout,
    Secret hmacSecret,
    String clientClaim,
    String rolesClaim,
    String adminRole,
    int maxTokenBytes) {

  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);
  public static final List<String> DEFAULT_ASYMMETRIC_ALGORITHMS = List.of("RS256", "ES256");
  public static final String DEFAULT_HMAC_ALGORITHM = "HS256";
  public static final List<String> SUPPORTED_ALGORITHMS =
      List.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512");
  public static final Duration DEFAULT_JWKS_REFRESH_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_JWKS_MIN_REFETCH_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_JWKS_TIMEOUT = Duration.ofSeconds(5);
  public static final String DEFAULT_CLIENT_CLAIM = "sub";
  public static final String DEFAULT_ROLES_CLAIM = "roles";
  public static final String DEFAULT_ADMIN_ROLE = "gateway-admin";
  public static final int DEFAULT_MAX_TOKEN_BYTES = 8 * 1024;
  public static final int MIN_TOKEN_BYTES = 1024;
  public static final int MAX_TOKEN_BYTES = 64 * 1024;

  private static final Pattern CLAIM = Pattern.compile("\\S{1,256}");
  private static final Pattern ROLE = Pattern.compile("\\S{1,128}");

  public JwtConfig {
    issuers = nonBlank("issuers", issuers);
    audiences = nonBlank("audiences", audiences);
    algorithms = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(algorithms, "algorithms")));
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(jwksRefreshInterval, "jwksRefreshInterval");
    Objects.requireNonNull(jwksMinRefetchInterval, "jwksMinRefetchInterval");
    Objects.requireNonNull(jwksTimeout, "jwksTimeout");
    if (requireIssuer && issuers.isEmpty()) {
      throw new IllegalArgumentException("issuers: empty (expected: at least one issuer, or requireIssuer: false)");
    }
    if (requireAudience && audiences.isEmpty()) {
      throw new IllegalArgumentException(
          "audiences: empty (expected: at least one audience, or requireAudience: false)");
    }
    if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new IllegalArgumentException("clockSkew: " + clockSkew + " (expected: 0.." + MAX_CLOCK_SKEW + ")");
    }
    validateAlgorithms(algorithms, jwksUrl, hmacSecret);
    validateJwksUrl(jwksUrl, allowInsecureJwksUrl);
    positive("jwksRefreshInterval", jwksRefreshInterval);
    positive("jwksMinRefetchInterval", jwksMinRefetchInterval);
    positive("jwksTimeout", jwksTimeout);
    clientClaim = matching("clientClaim", clientClaim, CLAIM, "a claim name or dotted path without spaces");
    rolesClaim = matching("rolesClaim", rolesClaim, CLAIM, "a claim name or dotted path without spaces");
    adminRole = matching("adminRole", adminRole, ROLE, "a role name without spaces");
    if (maxTokenBytes < MIN_TOKEN_BYTES || maxTokenBytes > MAX_TOKEN_BYTES) {
      throw new IllegalArgumentException("maxTokenBytes: " + maxTokenBytes + " (expected: " + MIN_TOKEN_BYTES + ".."
          + MAX_TOKEN_BYTES + ")");
    }
  }

  /** Starts a configuration with the defaults; callers set at least an issuer, an audience and a key source. */
  public static Builder builder() {
    return new Builder();
  }

  /** Tells whether HS algorithms are allowed, i.e. tokens are verified with the shared secret. */
  public boolean allowsHmac() {
    return algorithms.stream().anyMatch(JwtConfig::isHmac);
  }

  /** Tells whether RS or ES algorithms are allowed, i.e. tokens are verified with keys from the JWKS URL. */
  public boolean allowsAsymmetric() {
    return algorithms.stream().anyMatch(alg -> !isHmac(alg));
  }

  public static boolean isHmac(String alg) {
    return alg.startsWith("HS");
  }

  private static void validateAlgorithms(List<String> algorithms, URI jwksUrl, Secret hmacSecret) {
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException(
          "algorithms: empty (expected: RS256/ES256 with a jwksUrl, or HS256 with an hmacSecret)");
    }
    for (String alg : algorithms) {
      if (alg.equalsIgnoreCase("none")) {
        throw new IllegalArgumentException("algorithms: \"" + alg
            + "\" (expected: a signing algorithm; unsigned tokens are never accepted)");
      }
      if (!SUPPORTED_ALGORITHMS.contains(alg)) {
        throw new IllegalArgumentException("algorithms: \"" + alg + "\" (expected one of: " + SUPPORTED_ALGORITHMS + ")");
      }
      if (!isHmac(alg) && jwksUrl == null) {
        throw new IllegalArgumentException("jwksUrl: missing (expected: the identity provider's JWKS URL when "
            + alg + " is allowed)");
      }
      if (isHmac(alg)) {
        int minBytes = Integer.parseInt(alg.substring(2)) / 8;
        if (hmacSecret == null) {
          throw new IllegalArgumentException("hmacSecret: missing (expected: a shared secret when " + alg
              + " is allowed)");
        }
        // RFC 7518 section 3.2: the key must be at least as long as the hash output.
        if (hmacSecret.bytes().length < minBytes) {
          throw new IllegalArgumentException("hmacSecret: " + hmacSecret.bytes().length + " bytes (expected: >= "
              + minBytes + " bytes for " + alg + ")");
        }
      }
    }
    if (hmacSecret != null && algorithms.stream().noneMatch(JwtConfig::isHmac)) {
      throw new IllegalArgumentException("hmacSecret: set but algorithms " + algorithms
          + " has no HS algorithm (expected: add HS256, or remove hmacSecret)");
    }
  }

  private static void validateJwksUrl(URI jwksUrl, boolean allowInsecure) {
    if (jwksUrl == null) {
      return;
    }
    String scheme = jwksUrl.getScheme() == null ? "" : jwksUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || jwksUrl.getHost() == null) {
      throw new IllegalArgumentException("jwksUrl: " + jwksUrl + " (expected: an https URL)");
    }
    if (scheme.equals("http") && !allowInsecure && !isLoopback(jwksUrl.getHost())) {
      throw new IllegalArgumentException("jwksUrl: " + jwksUrl
          + " (expected: https, since keys fetched over plain http can be swapped in transit; "
          + "or allowInsecureJwksUrl: true)");
    }
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
  }

  private static List<String> nonBlank(String key, List<String> values) {
    List<String> out = new ArrayList<>();
    for (String value : Objects.requireNonNull(values, key)) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(key + ": a blank entry (expected: non-empty values)");
      }
      out.add(value);
    }
    return List.copyOf(new LinkedHashSet<>(out));
  }

  private static void positive(String key, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(key + ": " + value + " (expected: > 0)");
    }
  }

  private static String matching(String key, String value, Pattern pattern, String expectation) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(key + ": \"" + value + "\" (expected: " + expectation + ")");
    }
    return value;
  }

  static JwtConfig read(ConfigReader in) {
    Builder builder = builder()
        .issuers(in.strings("issuers"))
        .requireIssuer(in.bool("requireIssuer", true))
        .audiences(in.strings("audiences"))
        .requireAudience(in.bool("requireAudience", true))
        .clockSkew(in.duration("clockSkew", DEFAULT_CLOCK_SKEW))
        .allowInsecureJwksUrl(in.bool("allowInsecureJwksUrl", false))
        .jwksRefreshInterval(in.duration("jwksRefreshInterval", DEFAULT_JWKS_REFRESH_INTERVAL))
        .jwksMinRefetchInterval(in.duration("jwksMinRefetchInterval", DEFAULT_JWKS_MIN_REFETCH_INTERVAL))
        .jwksTimeout(in.duration("jwksTimeout", DEFAULT_JWKS_TIMEOUT))
        .hmacSecret(in.secret("hmacSecret", false))
        .clientClaim(in.string("clientClaim", DEFAULT_CLIENT_CLAIM))
        .rolesClaim(in.string("rolesClaim", DEFAULT_ROLES_CLAIM))
        .adminRole(in.string("adminRole", DEFAULT_ADMIN_ROLE))
        .maxTokenBytes(in.integer("maxTokenBytes", DEFAULT_MAX_TOKEN_BYTES, MIN_TOKEN_BYTES, MAX_TOKEN_BYTES));
    String url = in.string("jwksUrl", null);
    if (url != null) {
      try {
        builder.jwksUrl(URI.create(url));
      } catch (IllegalArgumentException e) {
        in.problem("jwksUrl", "\"" + url + "\" (expected: an https URL)");
      }
    }
    if (in.has("algorithms")) {
      builder.algorithms(in.strings("algorithms"));
    }
    in.rejectUnknownKeys();
    if (in.hasProblems()) {
      return null;
    }
    return in.build(builder::build);
  }

  @Override
  public String toString() {
    return "JwtConfig[issuers=" + issuers + ", audiences=" + audiences + ", clockSkew=" + clockSkew + ", algorithms="
        + algorithms + ", jwksUrl=" + jwksUrl + ", hmacSecret=" + (hmacSecret == null ? "none" : hmacSecret)
        + ", clientClaim=" + clientClaim + ", rolesClaim=" + rolesClaim + ", adminRole=" + adminRole + "]";
  }

  /** Collects settings for a {@link JwtConfig}; {@link #build()} validates them. */
  public static final class Builder {
    private List<String> issuers = List.of();
    private boolean requireIssuer = true;
    private List<String> audiences = List.of();
    private boolean requireAudience = true;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private List<String> algorithms;
    private URI jwksUrl;
    private boolean allowInsecureJwksUrl;
    private Duration jwksRefreshInterval = DEFAULT_JWKS_REFRESH_INTERVAL;
    private Duration jwksMinRefetchInterval = DEFAULT_JWKS_MIN_REFETCH_INTERVAL;
    private Duration jwksTimeout = DEFAULT_JWKS_TIMEOUT;
    private Secret hmacSecret;
    private String clientClaim = DEFAULT_CLIENT_CLAIM;
    private String rolesClaim = DEFAULT_ROLES_CLAIM;
    private String adminRole = DEFAULT_ADMIN_ROLE;
    private int maxTokenBytes = DEFAULT_MAX_TOKEN_BYTES;

    private Builder() {
    }

    public Builder issuers(List<String> value) {
      issuers = value;
      return this;
    }

    public Builder requireIssuer(boolean value) {
      requireIssuer = value;
      return this;
    }

    public Builder audiences(List<String> value) {
      audiences = value;
      return this;
    }

    public Builder requireAudience(boolean value) {
      requireAudience = value;
      return this;
    }

    public Builder clockSkew(Duration value) {
      clockSkew = value;
      return this;
    }

    /** Sets the allowlist; when never called it is RS256+ES256 with a jwksUrl, plus HS256 with an hmacSecret. */
    public Builder algorithms(List<String> value) {
      algorithms = value;
      return this;
    }

    public Builder jwksUrl(URI value) {
      jwksUrl = value;
      return this;
    }

    public Builder allowInsecureJwksUrl(boolean value) {
      allowInsecureJwksUrl = value;
      return this;
    }

    public Builder jwksRefreshInterval(Duration value) {
      jwksRefreshInterval = value;
      return this;
    }

    public Builder jwksMinRefetchInterval(Duration value) {
      jwksMinRefetchInterval = value;
      return this;
    }

    public Builder jwksTimeout(Duration value) {
      jwksTimeout = value;
      return this;
    }

    public Builder hmacSecret(Secret value) {
      hmacSecret = value;
      return this;
    }

    public Builder clientClaim(String value) {
      clientClaim = value;
      return this;
    }

    public Builder rolesClaim(String value) {
      rolesClaim = value;
      return this;
    }

    public Builder adminRole(String value) {
      adminRole = value;
      return this;
    }

    public Builder maxTokenBytes(int value) {
      maxTokenBytes = value;
      return this;
    }

    public JwtConfig build() {
      return new JwtConfig(issuers, requireIssuer, audiences, requireAudience, clockSkew,
          algorithms == null ? defaultAlgorithms() : algorithms, jwksUrl, allowInsecureJwksUrl, jwksRefreshInterval,
          jwksMinRefetchInterval, jwksTimeout, hmacSecret, clientClaim, rolesClaim, adminRole, maxTokenBytes);
    }

    private List<String> defaultAlgorithms() {
      List<String> out = new ArrayList<>();
      if (jwksUrl != null) {
        out.addAll(DEFAULT_ASYMMETRIC_ALGORITHMS);
      }
      if (hmacSecret != null) {
        out.add(DEFAULT_HMAC_ALGORITHM);
      }
      return out;
    }
  }

  /** Returns the distinct allowlist as a set, for O(1) checks on the hot path. */
  public Set<String> algorithmSet() {
    return Set.copyOf(algorithms);
  }
}
