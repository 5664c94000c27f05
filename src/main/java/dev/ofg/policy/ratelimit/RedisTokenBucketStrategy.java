package dev.ofg.policy.ratelimit;

import dev.ofg.config.RateLimitConfig;
import dev.ofg.config.RateLimitConfig.GlobalCapacity;
import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.config.RateLimitConfig.Rate;
import dev.ofg.config.RateLimitConfig.RedisStoreConfig;
import dev.ofg.config.RateLimitConfig.RouteClass;
import dev.ofg.config.RateLimitConfig.StoreFailureMode;
import dev.ofg.policy.ratelimit.RateLimitDecision.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides with token buckets held in Redis, so that every gateway node draws on the same budgets.
 *
 * <p>Each decision is one Lua script (EVALSHA, falling back to EVAL when Redis has not cached it) that
 * reads the clock with {@code TIME}, checks the client bucket and the tier's share of the global budget,
 * and writes both or neither: atomic, with Redis's clock, whatever the clocks of the nodes say. When
 * Redis fails or does not answer within the timeout, the route class's {@code onStoreFailure} decides,
 * and for the next {@code failureBackoff} decisions skip Redis so an outage adds no latency.
 */
public final class RedisTokenBucketStrategy implements RateLimitStrategy {
  private static final Logger LOG = LoggerFactory.getLogger(RedisTokenBucketStrategy.class);

  /**
   * Decides one request. KEYS: client bucket, global budget. ARGV (microseconds): client emission, client
   * capacity, global emission (0 = no global budget), the tier's allowance of global debt. Buckets are
   * stored as their theoretical arrival time (GCRA), with a TTL of their time to refill. Returns
   * {allowed, refused by (1 client, 2 tier), client tokens left, client debt, wait, global debt or -1}.
   */
  static final String SCRIPT = """
      if redis.replicate_commands then redis.replicate_commands() end
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      local function debt(key)
        local v = redis.call('GET', key)
        if not v then return 0 end
        local tat = tonumber(v)
        if (not tat) or tat < now then return 0 end
        return tat - now
      end
      local function store(key, d)
        redis.call('SET', key, string.format('%d', now + d), 'PX', math.ceil(d / 1000) + 1000)
      end
      local ce, cc = tonumber(ARGV[1]), tonumber(ARGV[2])
      local ge, ga = tonumber(ARGV[3]), tonumber(ARGV[4])
      local cdebt = debt(KEYS[1])
      local cnext = cdebt + ce
      if cnext > cc then
        return {0, 1, 0, cdebt, cnext - cc, -1}
      end
      local gdebt = -1
      if ge > 0 then
        gdebt = debt(KEYS[2])
        local gnext = gdebt + ge
        if gnext > ga then
          return {0, 2, math.floor((cc - cdebt) / ce), cdebt, gnext - ga, gdebt}
        end
        store(KEYS[2], gnext)
        gdebt = gnext
      end
      store(KEYS[1], cnext)
      return {1, 0, math.floor((cc - cnext) / ce), cnext, 0, gdebt}
      """;

  private final String script;
  private final String scriptSha1;
  private final Redis redis;
  private final boolean ownsClient;
  private final RateLimitConfig config;
  private final Supplier<RateLimitConfig> current;
  private final RedisStoreConfig store;
  private final RateLimitMetrics metrics;
  private final LongSupplier nanoTime;
  private final String clientKeyPrefix;
  private final String globalKey;
  private final TieredCapacity tiers;
  private volatile boolean backingOff;
  private volatile long failedAt;
  private volatile long lastGlobalDebtMicros = -1;

  /**
   * Creates a strategy on an existing client.
   *
   * @param ownsClient whether {@link #close()} closes the client
   */
  public RedisTokenBucketStrategy(Redis redis, boolean ownsClient, RateLimitConfig config, RateLimitMetrics metrics,
      LongSupplier nanoTime) {
    this(redis, ownsClient, config, metrics, nanoTime, SCRIPT);
  }

  /** Creates a strategy running a variant of the script (tests use one Redis has never seen). */
  RedisTokenBucketStrategy(Redis redis, boolean ownsClient, RateLimitConfig config, RateLimitMetrics metrics,
      LongSupplier nanoTime, String script) {
    this(redis, ownsClient, config, () -> config, metrics, nanoTime, script);
  }

  /**
   * Creates a strategy whose rates and route classes are read per decision from {@code current}; store and global
   * budget stay those of {@code config}. Bucket state lives in Redis, so it carries over a reload unchanged.
   */
  private RedisTokenBucketStrategy(Redis redis, boolean ownsClient, RateLimitConfig config,
      Supplier<RateLimitConfig> current, RateLimitMetrics metrics, LongSupplier nanoTime, String script) {
    this.current = Objects.requireNonNull(current, "current");
    this.script = Objects.requireNonNull(script, "script");
    this.scriptSha1 = sha1Hex(script);
    this.redis = Objects.requireNonNull(redis, "redis");
    this.ownsClient = ownsClient;
    this.config = Objects.requireNonNull(config, "config");
    this.store = Objects.requireNonNull(config.redis(), "config.redis");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    // One hash tag for every key keeps a decision's two keys in one Redis Cluster slot.
    String tagged = "{" + store.keyPrefix() + "}";
    this.clientKeyPrefix = tagged + ":c:";
    this.globalKey = tagged + ":g";
    this.tiers = config.global() == null ? null : new TieredCapacity(config.global(), 0);
  }

  /** Creates a strategy with its own Redis client, as the configuration describes. */
  public static RedisTokenBucketStrategy create(Vertx vertx, RateLimitConfig config, RateLimitMetrics metrics) {
    return create(vertx, config, () -> config, metrics);
  }

  /** Creates a strategy with its own Redis client for a reloadable configuration (see {@link RateLimitStrategy}). */
  public static RedisTokenBucketStrategy create(Vertx vertx, RateLimitConfig initial, Supplier<RateLimitConfig> current,
      RateLimitMetrics metrics) {
    return new RedisTokenBucketStrategy(Redis.createClient(vertx, redisOptions(initial.redis())), true, initial,
        current, metrics, System::nanoTime, SCRIPT);
  }

  /** Returns the client options: one standalone Redis, bounded pool and queue, connect timeout = decision timeout. */
  public static RedisOptions redisOptions(RedisStoreConfig store) {
    RedisOptions options = new RedisOptions()
        .setConnectionString("redis://" + store.host() + ":" + store.port())
        .setMaxPoolSize(store.poolSize())
        .setMaxPoolWaiting(store.maxWaiting())
        .setMaxWaitingHandlers(store.maxWaiting());
    options.getNetClientOptions().setConnectTimeout((int) Math.max(1, store.timeout().toMillis()));
    if (store.password() != null) {
      options.setPassword(store.password().reveal());
    }
    return options;
  }

  @Override
  public Future<RateLimitDecision> decide(RateLimitKey key) {
    RateLimitConfig rules = current.get();
    RouteClass routes = rules.routeClass(key.routeClass());
    Rate rate = rules.limitFor(key.clientId(), key.routeClass());
    if (backingOff && nanoTime.getAsLong() - failedAt < store.failureBackoff().toNanos()) {
      return Future.succeededFuture(storeFailure(routes, "backoff"));
    }
    return evaluate(scriptCall(key, rate))
        .timeout(store.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .map(response -> {
          if (backingOff) {
            backingOff = false;
            LOG.info("rate-limit store answers again; decisions use Redis");
          }
          return toDecision(response, rate);
        })
        .otherwise(failure -> storeFailed(routes, failure));
  }

  private RateLimitDecision storeFailed(RouteClass routes, Throwable failure) {
    failedAt = nanoTime.getAsLong();
    String cause = failure instanceof TimeoutException ? "timeout" : "error";
    if (!backingOff) {
      // Once per outage, not per request: the counter tells how many decisions it touched.
      LOG.warn("rate-limit store failed ({}: {}); route classes apply onStoreFailure for {} before retrying Redis",
          cause, failure.getMessage(), store.failureBackoff());
    }
    backingOff = true;
    return storeFailure(routes, cause);
  }

  @Override
  public double tierAvailable(PriorityTier tier) {
    long debt = lastGlobalDebtMicros;
    return tiers == null || debt < 0 ? Double.NaN : tiers.availableAtDebt(tier, debt * 1000);
  }

  @Override
  public Future<Void> close() {
    return ownsClient ? redis.close() : Future.succeededFuture();
  }

  /** Returns the Redis key of a client's bucket on a route class (tests read it). */
  String clientKey(String clientId, String routeClass) {
    return clientKeyPrefix + routeClass + ":" + clientId;
  }

  String globalKey() {
    return globalKey;
  }

  String scriptSha1() {
    return scriptSha1;
  }

  /** Holds the keys and arguments of one script call, so EVALSHA and its EVAL fallback send the same. */
  private record ScriptCall(String clientKey, String globalKey, long clientEmission, long clientCapacity,
      long globalEmission, long tierAllowance) {

    Request toRequest(Command command, String scriptOrSha) {
      return Request.cmd(command).arg(scriptOrSha).arg(2).arg(clientKey).arg(globalKey)
          .arg(clientEmission).arg(clientCapacity).arg(globalEmission).arg(tierAllowance);
    }
  }

  private ScriptCall scriptCall(RateLimitKey key, Rate rate) {
    long clientEmission = micros(rate);
    long globalEmission = 0;
    long tierAllowance = 0;
    GlobalCapacity global = config.global();
    if (global != null) {
      globalEmission = micros(global.rate());
      long capacity = globalEmission * global.rate().burst();
      tierAllowance = capacity - Math.round(global.reservedAbove(key.tier()) * capacity);
    }
    return new ScriptCall(clientKey(key.clientId(), key.routeClass()), globalKey, clientEmission,
        clientEmission * rate.burst(), globalEmission, tierAllowance);
  }

  /** Sends EVALSHA; when Redis does not know the script (restart, flush), sends it once in full (EVAL caches it). */
  private Future<Response> evaluate(ScriptCall call) {
    return redis.send(call.toRequest(Command.EVALSHA, scriptSha1)).recover(failure -> {
      String message = failure.getMessage();
      if (message == null || !message.startsWith("NOSCRIPT")) {
        return Future.failedFuture(failure);
      }
      return redis.send(call.toRequest(Command.EVAL, script));
    });
  }

  private RateLimitDecision toDecision(Response response, Rate rate) {
    boolean allowed = response.get(0).toLong() == 1;
    Outcome outcome = allowed ? Outcome.ALLOWED
        : response.get(1).toLong() == 2 ? Outcome.REJECTED_TIER : Outcome.REJECTED_CLIENT;
    long globalDebt = response.get(5).toLong();
    if (globalDebt >= 0) {
      lastGlobalDebtMicros = globalDebt;
    }
    return RateLimitDecision.of(outcome, rate.burst(), response.get(2).toLong(), response.get(3).toLong() * 1000,
        response.get(4).toLong() * 1000);
  }

  private RateLimitDecision storeFailure(RouteClass routes, String cause) {
    metrics.storeFailure(routes.name(), routes.onStoreFailure(), cause);
    long retryAfter = Math.max(1, (store.failureBackoff().toMillis() + 999) / 1000);
    return RateLimitDecision.storeFailure(routes.onStoreFailure() == StoreFailureMode.ALLOW, retryAfter);
  }

  private static long micros(Rate rate) {
    return Math.max(1, Math.round(1e6 / rate.perSecond()));
  }

  private static String sha1Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is mandatory in every JRE", e);
    }
  }
}
