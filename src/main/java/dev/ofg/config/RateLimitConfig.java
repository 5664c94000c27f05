package dev.ofg.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configures rate limits: token buckets per client and route class, priority tiers sharing a global
 * gateway budget, the store that holds the buckets, a pre-authentication limit per remote address and
 * the outbound limit that protects Odoo.
 *
 * @param store where buckets live: this node's memory, or a Redis shared by every node
 * @param redis how to reach Redis; null when {@code store} is local
 * @param global the gateway-wide budget the tiers share; null when there is no global budget (and no tiers)
 * @param routeClasses route class name to its default per-client rate and failure mode
 * @param clientOverrides client id to (route class name to rate) for clients with their own limits
 * @param maxBuckets the most per-client buckets one node keeps in memory (local store)
 * @param preAuthentication the limit per remote address in front of authentication; null for none
 * @param outbound the limit on calls to Odoo across this gateway node; null for none
 */
public record RateLimitConfig(
    StoreKind store,
    RedisStoreConfig redis,
    GlobalCapacity global,
    Map<String, RouteClass> routeClasses,
    Map<String, Map<String, Rate>> clientOverrides,
    int maxBuckets,
    Rate preAuthentication,
    OutboundRateConfig outbound) {

  public static final int DEFAULT_MAX_BUCKETS = 100_000;

  /**
   * Names the route classes the gateway's own routes use, with the per-client rates they get when the
   * configuration does not set them: finance writes, finance reads, the Odoo-compatible facade, webhooks
   * (keyed by source) and bank statement imports.
   */
  public static final Map<String, Rate> BUILT_IN_ROUTE_CLASSES = builtInRouteClasses();

  private static Map<String, Rate> builtInRouteClasses() {
    // Ordered, so that messages listing the classes read the same on every run.
    Map<String, Rate> classes = new LinkedHashMap<>();
    classes.put("finance-write", new Rate(20, 40));
    classes.put("finance-read", new Rate(100, 200));
    classes.put("facade", new Rate(50, 100));
    classes.put("webhook", new Rate(200, 400));
    classes.put("bank-import", new Rate(2, 5));
    return java.util.Collections.unmodifiableMap(classes);
  }

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** Names where buckets are kept. */
  public enum StoreKind {
    /** In this node's memory: exact per node, approximate across nodes. */
    LOCAL,
    /** In Redis, decided by one atomic script per request: exact across nodes. */
    REDIS
  }

  /** Names what a route class does when the bucket store cannot decide (Redis down or slow). */
  public enum StoreFailureMode {
    /** Fail open: let the request through and count it. */
    ALLOW,
    /** Fail closed: answer 503 with Retry-After and count it. */
    DENY
  }

  /** Names the priority tiers, highest first; a tier's reservation holds back every tier below it. */
  public enum PriorityTier {
    CRITICAL,
    STANDARD,
    BULK;

    /** Returns the lower-case name used in configuration and as a metric label. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Finds a tier by its configuration name, ignoring case. */
    public static Optional<PriorityTier> fromName(String name) {
      if (name == null) {
        return Optional.empty();
      }
      for (PriorityTier tier : values()) {
        if (tier.label().equalsIgnoreCase(name.trim())) {
          return Optional.of(tier);
        }
      }
      return Optional.empty();
    }
  }

  public RateLimitConfig {
    Objects.requireNonNull(store, "store");
    if (store == StoreKind.REDIS && redis == null) {
      throw new IllegalArgumentException("redis: missing (expected: a redis section when store is redis)");
    }
    if (maxBuckets < 1) {
      throw new IllegalArgumentException("maxBuckets: " + maxBuckets + " (expected: >= 1)");
    }
    routeClasses = copyRouteClasses(routeClasses);
    clientOverrides = copyOverrides(clientOverrides, routeClasses);
  }

  /** Returns the rate a client gets on a route class: its override if it has one, else the class default. */
  public Rate limitFor(String clientId, String routeClass) {
    RouteClass routes = routeClass(routeClass);
    Map<String, Rate> overrides = clientOverrides.get(clientId);
    Rate override = overrides == null ? null : overrides.get(routeClass);
    return override != null ? override : routes.rate();
  }

  /**
   * Returns the tier a request runs in: the route class's pinned tier if it has one (a payment-status
   * route stays critical whoever calls it), else the client's tier, else standard.
   */
  public PriorityTier tierFor(String routeClass, String clientTier) {
    RouteClass routes = routeClass(routeClass);
    if (routes.tier() != null) {
      return routes.tier();
    }
    return PriorityTier.fromName(clientTier).orElse(PriorityTier.STANDARD);
  }

  /** Returns a route class, failing with a message naming the known ones (a wiring mistake). */
  public RouteClass routeClass(String name) {
    RouteClass routes = routeClasses.get(name);
    if (routes == null) {
      throw new IllegalArgumentException("routeClasses: no \"" + name + "\" (expected one of: "
          + routeClasses.keySet() + ")");
    }
    return routes;
  }

  /**
   * Checks this configuration against the clients the policy knows: every override names a client and
   * every client tier names a tier. The gateway calls it when both are loaded (and on reload).
   */
  public void checkClients(Collection<ClientConfig> clients) {
    Map<String, ClientConfig> byId = new LinkedHashMap<>();
    for (ClientConfig client : clients) {
      byId.put(client.id(), client);
      if (PriorityTier.fromName(client.tier()).isEmpty()) {
        throw new IllegalArgumentException("clients." + client.id() + ".tier: \"" + client.tier()
            + "\" (expected one of: critical, standard, bulk)");
      }
    }
    for (String clientId : clientOverrides.keySet()) {
      if (!byId.containsKey(clientId)) {
        throw new IllegalArgumentException("rateLimits.clients." + clientId + ": unknown client (expected one of: "
            + byId.keySet() + ")");
      }
    }
  }

  private static Map<String, RouteClass> copyRouteClasses(Map<String, RouteClass> routeClasses) {
    Map<String, RouteClass> copy = new LinkedHashMap<>();
    for (Map.Entry<String, RouteClass> entry : Objects.requireNonNull(routeClasses, "routeClasses").entrySet()) {
      if (!entry.getKey().equals(entry.getValue().name())) {
        throw new IllegalArgumentException("routeClasses." + entry.getKey() + ": named \"" + entry.getValue().name()
            + "\" (expected: the key and the name to match)");
      }
      copy.put(entry.getKey(), entry.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Map<String, Map<String, Rate>> copyOverrides(Map<String, Map<String, Rate>> overrides,
      Map<String, RouteClass> routeClasses) {
    Map<String, Map<String, Rate>> copy = new LinkedHashMap<>();
    Objects.requireNonNull(overrides, "clientOverrides");
    for (Map.Entry<String, Map<String, Rate>> client : overrides.entrySet()) {
      requireName("clients", client.getKey());
      for (String routeClass : client.getValue().keySet()) {
        if (!routeClasses.containsKey(routeClass)) {
          throw new IllegalArgumentException("clients." + client.getKey() + "." + routeClass
              + ": unknown route class (expected one of: " + routeClasses.keySet() + ")");
        }
      }
      copy.put(client.getKey(), Map.copyOf(client.getValue()));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static String requireName(String key, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(key + ": \"" + name
          + "\" (expected: lower-case letters, digits, . _ -, at most 64)");
    }
    return name;
  }

  /**
   * Describes a token bucket: {@code perSecond} tokens refill every second, up to {@code burst} tokens.
   */
  public record Rate(double perSecond, int burst) {
    public static final double MIN_PER_SECOND = 0.001;
    public static final double MAX_PER_SECOND = 1_000_000;
    public static final int MAX_BURST = 1_000_000;

    public Rate {
      if (!(perSecond >= MIN_PER_SECOND && perSecond <= MAX_PER_SECOND)) {
        throw new IllegalArgumentException("ratePerSecond: " + perSecond + " (expected: " + MIN_PER_SECOND + ".."
            + (long) MAX_PER_SECOND + ")");
      }
      if (burst < 1 || burst > MAX_BURST) {
        throw new IllegalArgumentException("burst: " + burst + " (expected: 1.." + MAX_BURST + ")");
      }
    }

    /** Returns the time one token takes to refill, in nanoseconds (at least 1). */
    public long emissionNanos() {
      return Math.max(1, Math.round(1e9 / perSecond));
    }

    /** Returns the time an empty bucket takes to become full. */
    public Duration fillTime() {
      return Duration.ofNanos(emissionNanos() * burst);
    }

    static Rate read(ConfigReader in) {
      double perSecond = in.decimal("ratePerSecond", Double.NaN, MIN_PER_SECOND, MAX_PER_SECOND);
      if (Double.isNaN(perSecond)) {
        if (!in.has("ratePerSecond")) {
          in.problem("ratePerSecond",
              "missing (expected: a number " + MIN_PER_SECOND + ".." + (long) MAX_PER_SECOND + ")");
        }
        in.integer("burst", 1, 1, MAX_BURST);
        return null;
      }
      // A burst of one second's worth is what most people mean when they leave it out.
      int defaultBurst = (int) Math.max(1, Math.min(MAX_BURST, Math.ceil(perSecond)));
      int burst = in.integer("burst", defaultBurst, 1, MAX_BURST);
      return in.build(() -> new Rate(perSecond, burst));
    }
  }

  /**
   * Describes one route class: the default rate per client, an optional pinned tier, and what to do
   * when the store cannot decide.
   *
   * @param tier the tier every request of this class runs in whatever the client's tier; null to use the client's
   */
  public record RouteClass(String name, Rate rate, PriorityTier tier, StoreFailureMode onStoreFailure) {
    public RouteClass {
      requireName("routeClasses", name);
      Objects.requireNonNull(rate, "rate");
      Objects.requireNonNull(onStoreFailure, "onStoreFailure");
    }

    static RouteClass read(String name, ConfigReader in) {
      Rate rate = Rate.read(in);
      String tierName = in.string("tier", null);
      PriorityTier tier = null;
      if (tierName != null) {
        tier = PriorityTier.fromName(tierName).orElse(null);
        if (tier == null) {
          in.problem("tier", "\"" + tierName + "\" (expected one of: critical, standard, bulk)");
        }
      }
      StoreFailureMode mode = in.enumValue("onStoreFailure", StoreFailureMode.class, StoreFailureMode.ALLOW);
      in.rejectUnknownKeys();
      if (rate == null) {
        return null;
      }
      PriorityTier pinned = tier;
      return in.build(() -> new RouteClass(name, rate, pinned, mode));
    }
  }

  /**
   * Describes the gateway-wide budget and the share of it each tier reserves.
   *
   * <p>A tier's reservation is a share of the budget's burst that no lower tier may take: with critical
   * reserving 0.3, standard and bulk stop when 30% of the tokens are left, while critical may use them all.
   *
   * @param reserved tier to the share of the budget it keeps from the tiers below it (critical, standard)
   */
  public record GlobalCapacity(Rate rate, Map<PriorityTier, Double> reserved) {
    public GlobalCapacity {
      Objects.requireNonNull(rate, "rate");
      EnumMap<PriorityTier, Double> copy = new EnumMap<>(PriorityTier.class);
      double sum = 0;
      for (Map.Entry<PriorityTier, Double> entry : reserved.entrySet()) {
        String key = "reserved." + entry.getKey().label();
        double share = entry.getValue();
        if (entry.getKey() == PriorityTier.BULK) {
          throw new IllegalArgumentException(key + ": " + share
              + " (expected: no reservation, bulk is the lowest tier and holds nobody back)");
        }
        if (!(share >= 0 && share < 1)) {
          throw new IllegalArgumentException(key + ": " + share + " (expected: 0 <= share < 1)");
        }
        sum += share;
        copy.put(entry.getKey(), share);
      }
      if (rate.burst() * (1 - sum) < 1) {
        throw new IllegalArgumentException("reserved: " + sum + " in total of a burst of " + rate.burst()
            + " (expected: at least one token left for the lowest tier)");
      }
      reserved = Collections.unmodifiableMap(copy);
    }

    /** Returns the share of the budget reserved by the tiers above {@code tier}: what it may never take. */
    public double reservedAbove(PriorityTier tier) {
      double sum = 0;
      for (Map.Entry<PriorityTier, Double> entry : reserved.entrySet()) {
        if (entry.getKey().ordinal() < tier.ordinal()) {
          sum += entry.getValue();
        }
      }
      return sum;
    }

    static GlobalCapacity read(ConfigReader in) {
      Rate rate = Rate.read(in);
      ConfigReader reservedIn = in.section("reserved");
      Map<PriorityTier, Double> reserved = new EnumMap<>(PriorityTier.class);
      for (String key : reservedIn.keys()) {
        Optional<PriorityTier> tier = PriorityTier.fromName(key);
        if (tier.isEmpty()) {
          reservedIn.problem(key, "unknown tier (expected: critical or standard)");
          continue;
        }
        double share = reservedIn.decimal(key, 0, 0, 0.99);
        reserved.put(tier.get(), share);
      }
      in.rejectUnknownKeys();
      if (rate == null) {
        return null;
      }
      return in.build(() -> new GlobalCapacity(rate, reserved));
    }
  }

  /**
   * Describes how to reach the Redis that holds cluster-wide buckets.
   *
   * @param password null when Redis needs none
   * @param timeout the longest a decision may wait for Redis before the route's failure mode applies
   * @param keyPrefix prefix of every key, so several gateways (or test runs) can share a Redis
   * @param failureBackoff how long decisions skip Redis after it failed, so an outage costs no latency
   */
  public record RedisStoreConfig(
      String host,
      int port,
      Secret password,
      Duration timeout,
      String keyPrefix,
      int poolSize,
      int maxWaiting,
      Duration failureBackoff) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(100);
    public static final String DEFAULT_KEY_PREFIX = "ofg:rl";
    public static final Duration DEFAULT_FAILURE_BACKOFF = Duration.ofSeconds(1);
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9:._-]{1,64}");

    public RedisStoreConfig {
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
      }
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
      }
      if (!PREFIX.matcher(keyPrefix).matches()) {
        throw new IllegalArgumentException("keyPrefix: \"" + keyPrefix
            + "\" (expected: 1..64 of letters, digits, : . _ -)");
      }
      if (poolSize < 1) {
        throw new IllegalArgumentException("poolSize: " + poolSize + " (expected: >= 1)");
      }
      if (maxWaiting < 1) {
        throw new IllegalArgumentException("maxWaiting: " + maxWaiting + " (expected: >= 1)");
      }
      if (failureBackoff.isNegative()) {
        throw new IllegalArgumentException("failureBackoff: " + failureBackoff + " (expected: >= 0)");
      }
    }

    /** Returns a configuration for a Redis without password, with every other value at its default. */
    public static RedisStoreConfig of(String host, int port) {
      return new RedisStoreConfig(host, port, null, DEFAULT_TIMEOUT, DEFAULT_KEY_PREFIX, 8, 2048,
          DEFAULT_FAILURE_BACKOFF);
    }

    /** Returns a copy with another key prefix (tests use one per run). */
    public RedisStoreConfig withKeyPrefix(String newPrefix) {
      return new RedisStoreConfig(host, port, password, timeout, newPrefix, poolSize, maxWaiting, failureBackoff);
    }

    /** Returns a copy with another timeout and failure backoff. */
    public RedisStoreConfig withTimeouts(Duration newTimeout, Duration newFailureBackoff) {
      return new RedisStoreConfig(host, port, password, newTimeout, keyPrefix, poolSize, maxWaiting, newFailureBackoff);
    }

    static RedisStoreConfig read(ConfigReader in) {
      String host = in.string("host", "127.0.0.1");
      int port = in.integer("port", 6379, 1, 65535);
      Secret password = in.secret("password", false);
      Duration timeout = in.duration("timeout", DEFAULT_TIMEOUT);
      String prefix = in.string("keyPrefix", DEFAULT_KEY_PREFIX);
      int poolSize = in.integer("poolSize", 8, 1, 1024);
      int maxWaiting = in.integer("maxWaiting", 2048, 1, 1_000_000);
      Duration backoff = in.duration("failureBackoff", DEFAULT_FAILURE_BACKOFF);
      in.rejectUnknownKeys();
      return in.build(() -> new RedisStoreConfig(host, port, password, timeout, prefix, poolSize, maxWaiting, backoff));
    }
  }

  /**
   * Describes the token bucket in front of Odoo: callers wait (bounded) for a token instead of failing at once.
   *
   * @param maxQueued the most callers waiting for a token; one more fails at once with 503
   * @param maxWait the longest a caller waits for a token before it fails with 503
   */
  public record OutboundRateConfig(Rate rate, int maxQueued, Duration maxWait) {
    public static final int DEFAULT_MAX_QUEUED = 512;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);

    public OutboundRateConfig {
      Objects.requireNonNull(rate, "rate");
      if (maxQueued < 0) {
        throw new IllegalArgumentException("maxQueued: " + maxQueued + " (expected: >= 0)");
      }
      if (maxWait.isNegative()) {
        throw new IllegalArgumentException("maxWait: " + maxWait + " (expected: >= 0)");
      }
    }

    static OutboundRateConfig read(ConfigReader in) {
      Rate rate = Rate.read(in);
      int maxQueued = in.integer("maxQueued", DEFAULT_MAX_QUEUED, 0, 1_000_000);
      Duration maxWait = in.duration("maxWait", DEFAULT_MAX_WAIT);
      in.rejectUnknownKeys();
      if (rate == null) {
        return null;
      }
      return in.build(() -> new OutboundRateConfig(rate, maxQueued, maxWait));
    }
  }

  /** Reads the {@code rateLimits} section. */
  public static RateLimitConfig read(ConfigReader in) {
    StoreKind store = in.enumValue("store", StoreKind.class, StoreKind.LOCAL);
    RedisStoreConfig redis = in.has("redis") || store == StoreKind.REDIS
        ? RedisStoreConfig.read(in.section("redis")) : null;
    GlobalCapacity global = in.has("global") ? GlobalCapacity.read(in.section("global")) : null;
    Map<String, RouteClass> routeClasses = readRouteClasses(in.section("routeClasses"));
    BUILT_IN_ROUTE_CLASSES.forEach((name, rate) ->
        routeClasses.putIfAbsent(name, new RouteClass(name, rate, null, StoreFailureMode.ALLOW)));
    Map<String, Map<String, Rate>> overrides = readOverrides(in.section("clients"));
    int maxBuckets = in.integer("maxBuckets", DEFAULT_MAX_BUCKETS, 1, 100_000_000);
    Rate preAuthentication = in.has("preAuthentication") ? readRate(in.section("preAuthentication")) : null;
    OutboundRateConfig outbound = in.has("outbound") ? OutboundRateConfig.read(in.section("outbound")) : null;
    in.rejectUnknownKeys();
    if (in.hasProblems()) {
      return null;
    }
    return in.build(() -> new RateLimitConfig(store, redis, global, routeClasses, overrides, maxBuckets,
        preAuthentication, outbound));
  }

  private static Map<String, RouteClass> readRouteClasses(ConfigReader in) {
    Map<String, RouteClass> routeClasses = new LinkedHashMap<>();
    for (String name : in.keys()) {
      if (!NAME.matcher(name).matches()) {
        in.problem(name, "invalid route class name (expected: lower-case letters, digits, . _ -, at most 64)");
        continue;
      }
      RouteClass routes = RouteClass.read(name, in.section(name));
      if (routes != null) {
        routeClasses.put(name, routes);
      }
    }
    return routeClasses;
  }

  private static Map<String, Map<String, Rate>> readOverrides(ConfigReader in) {
    Map<String, Map<String, Rate>> overrides = new LinkedHashMap<>();
    for (String clientId : in.keys()) {
      if (!NAME.matcher(clientId).matches()) {
        in.problem(clientId, "invalid client id (expected: lower-case letters, digits, . _ -, at most 64)");
        continue;
      }
      ConfigReader section = in.section(clientId);
      Map<String, Rate> rates = new LinkedHashMap<>();
      for (String routeClass : section.keys()) {
        Rate rate = readRate(section.section(routeClass));
        if (rate != null) {
          rates.put(routeClass, rate);
        }
      }
      overrides.put(clientId, rates);
    }
    return overrides;
  }

  private static Rate readRate(ConfigReader in) {
    Rate rate = Rate.read(in);
    in.rejectUnknownKeys();
    return rate;
  }
}
