package dev.ofg.odoo;

import dev.ofg.config.OdooConfig;
import dev.ofg.config.RateLimitConfig.PriorityTier;
import dev.ofg.http.TraceContext;
import dev.ofg.policy.ratelimit.OutboundRateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps an Odoo transport with the protections every call gets: bounded concurrency, a circuit breaker
 * that counts only technical failures, retries of Odoo's concurrency conflicts with exponential backoff
 * and full jitter, and metrics by model, method and outcome.
 */
public final class ResilientOdooClient implements OdooClient {
  private static final Logger LOG = LoggerFactory.getLogger(ResilientOdooClient.class);

  private final Vertx vertx;
  private final OdooConfig config;
  private final OdooTransport transport;
  private final OdooHttp http;
  private final OutboundLimiter limiter;
  private final OutboundRateLimiter outboundRate;
  private final CircuitBreaker breaker;
  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Counter retries;
  private final AtomicReference<Future<JsonObject>> version = new AtomicReference<>();

  private ResilientOdooClient(Vertx vertx, OdooConfig config, OdooHttp http, OdooTransport transport,
      MeterRegistry registry, OutboundRateLimiter outboundRate) {
    this.outboundRate = outboundRate;
    this.vertx = vertx;
    this.config = config;
    this.http = http;
    this.transport = transport;
    this.registry = registry;
    this.limiter = new OutboundLimiter(config.maxConcurrency(), config.maxQueued(), OdooErrors::overloaded);
    this.breaker = CircuitBreaker.create("odoo", vertx, new CircuitBreakerOptions()
            .setMaxFailures(config.breaker().failureThreshold())
            .setFailuresRollingWindow(config.breaker().failureWindow().toMillis())
            .setResetTimeout(config.breaker().resetTimeout().toMillis())
            .setTimeout(-1) // the HTTP client enforces the timeout and reports it as a technical fault
            .setMaxRetries(0)
            .setNotificationAddress(null))
        .failurePolicy(result -> result.failed() && countsAgainstBreaker(result.cause()))
        .openHandler(v -> LOG.warn("circuit breaker 'odoo' opened: Odoo keeps failing"))
        .closeHandler(v -> LOG.info("circuit breaker 'odoo' closed"));
    this.retries = Counter.builder("gateway_odoo_retries").description("Odoo calls retried after a concurrency conflict")
        .register(registry);
    Gauge.builder("gateway_circuit_breaker_state", breaker, ResilientOdooClient::stateValue)
        .description("Circuit breaker state: 0 closed, 1 half-open, 2 open").tag("name", "odoo").register(registry);
    Gauge.builder("gateway_odoo_in_flight", limiter, OutboundLimiter::inFlight)
        .description("Calls in flight to Odoo").register(registry);
    Gauge.builder("gateway_odoo_queued", limiter, OutboundLimiter::queued)
        .description("Calls waiting for a slot to Odoo").register(registry);
  }

  /** Creates a client speaking the configured protocol, with no outbound rate limit. */
  public static ResilientOdooClient create(Vertx vertx, OdooConfig config, MeterRegistry registry) {
    return create(vertx, config, registry, null);
  }

  /**
   * Creates a client speaking the configured protocol; {@code outboundRate} (may be null) paces calls to Odoo
   * across the gateway, higher tiers first.
   */
  public static ResilientOdooClient create(Vertx vertx, OdooConfig config, MeterRegistry registry,
      OutboundRateLimiter outboundRate) {
    OdooHttp http = new OdooHttp(vertx, config);
    OdooTransport transport = config.protocol() == OdooConfig.OdooProtocol.JSON_2
        ? new Json2Transport(http, config)
        : new JsonRpcTransport(http, config);
    return new ResilientOdooClient(vertx, config, http, transport, registry, outboundRate);
  }

  @Override
  public Future<Object> execute(OdooCall call, TraceContext trace, PriorityTier tier) {
    long start = System.nanoTime();
    OdooCall withDefaults = withDefaultContext(call);
    // The rate token is taken outside the concurrency limiter, so a call waiting for a token holds no slot;
    // retries of concurrency conflicts reuse the call's token.
    Future<Object> paced = outboundRate == null
        ? limiter.submit(() -> attempt(withDefaults, trace, 1))
        : outboundRate.submit(tier, () -> limiter.submit(() -> attempt(withDefaults, trace, 1)));
    return paced
        .andThen(result -> timer(call, outcome(result.cause())).record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
  }

  @Override
  public Future<JsonObject> version(TraceContext trace) {
    Future<JsonObject> cached = version.get();
    if (cached != null && !cached.failed()) {
      return cached;
    }
    Future<JsonObject> fresh = limiter.submit(() -> guarded(() -> transport.version(trace)));
    version.set(fresh);
    return fresh;
  }

  @Override
  public boolean breakerOpen() {
    return breaker.state() == CircuitBreakerState.OPEN;
  }

  @Override
  public Future<Void> close() {
    breaker.close();
    return http.close();
  }

  private Future<Object> attempt(OdooCall call, TraceContext trace, int attempt) {
    return guarded(() -> transport.execute(call, trace)).recover(failure -> {
      if (failure instanceof OdooFault && ((OdooFault) failure).kind() == OdooFault.Kind.CONCURRENCY) {
        OdooFault fault = (OdooFault) failure;
        if (attempt >= config.retry().maxAttempts()) {
          return Future.failedFuture(OdooErrors.concurrencyExhausted(fault, attempt));
        }
        retries.increment();
        long delay = backoffMillis(attempt);
        LOG.atDebug().addKeyValue("correlationId", trace.correlationId())
            .log("Odoo concurrency conflict on {}.{}, retry {} in {} ms", call.model(), call.method(), attempt, delay);
        return vertx.timer(delay).compose(v -> attempt(call, trace, attempt + 1));
      }
      return Future.failedFuture(failure);
    });
  }

  /** Runs one call through the breaker, translating an open circuit into a fault with Retry-After. */
  private <T> Future<T> guarded(java.util.function.Supplier<Future<T>> call) {
    return breaker.<T>execute(call).recover(failure -> {
      if (failure instanceof OpenCircuitException) {
        return Future.failedFuture(OdooErrors.circuitOpen(Math.max(1, config.breaker().resetTimeout().toSeconds())));
      }
      return Future.failedFuture(OdooErrors.fromTransport(failure));
    });
  }

  /** Full jitter: a random delay up to the exponential bound, so retrying clients spread out. */
  long backoffMillis(int attempt) {
    long initial = Math.max(1, config.retry().initialBackoff().toMillis());
    long cap = config.retry().maxBackoff().toMillis();
    long bound = Math.min(cap, initial << Math.min(20, attempt - 1));
    return ThreadLocalRandom.current().nextLong(initial / 2, Math.max(initial / 2 + 1, bound + 1));
  }

  private OdooCall withDefaultContext(OdooCall call) {
    JsonObject defaults = config.context();
    if (defaults.isEmpty()) {
      return call;
    }
    JsonObject context = defaults.mergeIn(call.context());
    return call.withContext(context);
  }

  private static boolean countsAgainstBreaker(Throwable failure) {
    if (failure instanceof OdooFault) {
      return ((OdooFault) failure).technical();
    }
    return true;
  }

  private Timer timer(OdooCall call, String outcome) {
    String key = call.model() + '|' + call.method() + '|' + outcome;
    return timers.computeIfAbsent(key, k -> Timer.builder("gateway_odoo_calls")
        .description("Calls to Odoo by model, method and outcome")
        .tag("model", call.model()).tag("method", call.method()).tag("outcome", outcome)
        .register(registry));
  }

  private static String outcome(Throwable failure) {
    if (failure == null) {
      return "ok";
    }
    if (failure instanceof OdooFault) {
      return ((OdooFault) failure).kind().name().toLowerCase(java.util.Locale.ROOT);
    }
    return "technical";
  }

  /** Encodes a breaker's state for {@code gateway_circuit_breaker_state}: 0 closed, 1 half-open, 2 open. */
  public static double stateValue(CircuitBreaker breaker) {
    switch (breaker.state()) {
      case OPEN:
        return 2;
      case HALF_OPEN:
        return 1;
      default:
        return 0;
    }
  }
}
