package dev.ofg.policy.auth;

import dev.ofg.config.JwtConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the identity provider's signing keys (a JWKS) in memory: fetched without blocking, refreshed in the
 * background, fetched again (at most once per {@code jwksMinRefetchInterval}) when a token names an unknown
 * {@code kid}, and kept as they were while the identity provider is down or answers with garbage.
 */
public final class JwksKeySource {
  /** Caps the JWKS body; real sets are a few KiB (tens with x5c chains). */
  static final int MAX_JWKS_BYTES = 256 * 1024;
  /** Caps the keys considered from one set. */
  static final int MAX_KEYS = 100;

  private static final Logger LOG = LoggerFactory.getLogger(JwksKeySource.class);
  private static final long NEVER = Long.MIN_VALUE;

  /** Names the outcomes of one fetch, the label of {@code gateway_jwks_refresh}. */
  enum Outcome {
    SUCCESS,
    HTTP_ERROR,
    INVALID,
    TOO_LARGE,
    UNREACHABLE;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Holds one immutable key set, looked up by {@code kid}. */
  public record KeySet(Map<String, VerificationKey> keys, Instant fetchedAt) {
    static final KeySet EMPTY = new KeySet(Map.of(), null);

    public KeySet {
      keys = Map.copyOf(keys);
    }

    public Optional<VerificationKey> byKid(String kid) {
      return Optional.ofNullable(keys.get(kid));
    }

    /** Returns the only key for {@code alg}, for tokens without a {@code kid}; empty when there are none or several. */
    public Optional<VerificationKey> onlyKeyFor(String alg) {
      List<VerificationKey> matching = keys.values().stream().filter(key -> key.alg().equals(alg)).toList();
      return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    public int size() {
      return keys.size();
    }
  }

  private final Vertx vertx;
  private final WebClient client;
  private final URI url;
  private final long timeoutMillis;
  private final long refreshMillis;
  private final long minRefetchMillis;
  private final Clock clock;
  private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
  private final Object lock = new Object();
  private volatile KeySet current = KeySet.EMPTY;
  private Future<KeySet> inFlight;
  private long lastUnknownKidFetch = NEVER;
  private volatile long timerId = -1;
  private volatile boolean closed;

  public JwksKeySource(Vertx vertx, JwtConfig config, MeterRegistry registry, Clock clock) {
    if (config.jwksUrl() == null) {
      throw new IllegalArgumentException("jwksUrl: missing (expected: a JWKS URL for a JwksKeySource)");
    }
    this.vertx = vertx;
    this.url = config.jwksUrl();
    this.timeoutMillis = config.jwksTimeout().toMillis();
    this.refreshMillis = Math.max(1, config.jwksRefreshInterval().toMillis());
    this.minRefetchMillis = config.jwksMinRefetchInterval().toMillis();
    this.clock = clock;
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
        .setUserAgent("odoo-finance-gateway")
        // Trust is bound to the configured URL: a redirect elsewhere is a failed fetch, not a new key source.
        .setFollowRedirects(false));
    for (Outcome outcome : Outcome.values()) {
      outcomes.put(outcome, Counter.builder("gateway_jwks_refresh").description("JWKS fetches by outcome")
          .tag("outcome", outcome.tag()).register(registry));
    }
    Gauge.builder("gateway_jwks_keys", this, source -> source.current.size())
        .description("Signing keys currently loaded from the JWKS").register(registry);
    Gauge.builder("gateway_jwks_age_seconds", this, source -> source.keySetAge().map(age -> age.toMillis() / 1000.0)
            .orElse(Double.NaN))
        .description("Age of the last good JWKS (NaN before the first)").register(registry);
  }

  /**
   * Fetches the key set once and then every {@code jwksRefreshInterval}. The future completes when the first
   * fetch has finished, successfully or not: an identity provider that is down must not stop the gateway from
   * starting (API keys still work, and the first token with an unknown kid fetches again).
   */
  public Future<Void> start() {
    return refresh().onComplete(done -> {
      if (!closed) {
        timerId = vertx.setPeriodic(refreshMillis, id -> refresh());
      }
    }).mapEmpty();
  }

  /** Stops the background refresh and releases the HTTP client. */
  public void close() {
    closed = true;
    long id = timerId;
    if (id >= 0) {
      vertx.cancelTimer(id);
    }
    client.close();
  }

  /** Returns the keys in use now. */
  public KeySet current() {
    return current;
  }

  /** Returns how old the last good key set is; empty before the first successful fetch. */
  public Optional<Duration> keySetAge() {
    Instant fetchedAt = current.fetchedAt();
    return fetchedAt == null ? Optional.empty() : Optional.of(Duration.between(fetchedAt, clock.instant()));
  }

  /** Fetches the key set now, or joins the fetch already running; completes with the key set in use afterwards. */
  public Future<KeySet> refresh() {
    Promise<KeySet> promise;
    synchronized (lock) {
      if (inFlight != null) {
        return inFlight;
      }
      promise = Promise.promise();
      inFlight = promise.future();
    }
    fetch(promise);
    return promise.future();
  }

  /**
   * Finds the key for a token: by {@code kid}, fetching the set again when the kid is unknown (rate-limited,
   * shared by concurrent callers); without a kid, the only key for the algorithm, never fetching.
   */
  Future<Optional<VerificationKey>> resolve(String kid, String alg) {
    if (kid == null) {
      return Future.succeededFuture(current.onlyKeyFor(alg));
    }
    Optional<VerificationKey> known = current.byKid(kid);
    if (known.isPresent()) {
      return Future.succeededFuture(known);
    }
    return onCallerContext(refetchForUnknownKid()).map(set -> set.byKid(kid));
  }

  private Future<KeySet> refetchForUnknownKid() {
    Promise<KeySet> promise;
    synchronized (lock) {
      if (inFlight != null) {
        return inFlight;
      }
      long now = clock.millis();
      if (lastUnknownKidFetch != NEVER && now - lastUnknownKidFetch < minRefetchMillis) {
        // Tokens with made-up kids must not turn the gateway into a load generator against the IdP.
        return Future.succeededFuture(current);
      }
      lastUnknownKidFetch = now;
      promise = Promise.promise();
      inFlight = promise.future();
    }
    fetch(promise);
    return promise.future();
  }

  /**
   * Hands a shared fetch's result back on the caller's event loop: the fetch completes on the loop that started
   * it, and a request's handlers must continue on their own.
   */
  private static <T> Future<T> onCallerContext(Future<T> future) {
    Context caller = Vertx.currentContext();
    if (caller == null || future.isComplete()) {
      return future;
    }
    Promise<T> promise = Promise.promise();
    future.onComplete(result -> caller.runOnContext(v -> promise.handle(result)));
    return promise.future();
  }

  private void fetch(Promise<KeySet> promise) {
    download().map(this::parse).onComplete(result -> {
      Outcome outcome = result.succeeded() ? Outcome.SUCCESS : outcomeOf(result.cause());
      if (result.succeeded()) {
        current = result.result();
      } else {
        LOG.warn("JWKS fetch from {} failed ({}): {}; keeping the last good set of {} keys", url, outcome.tag(),
            result.cause().getMessage(), current.size());
      }
      outcomes.get(outcome).increment();
      synchronized (lock) {
        inFlight = null;
      }
      promise.complete(current);
    });
  }

  private Future<Buffer> download() {
    Promise<Buffer> body = Promise.promise();
    // The client's own timeout is an idle timeout; this one bounds the whole exchange.
    long deadline = vertx.setTimer(timeoutMillis,
        id -> body.tryFail(new FetchFailure(Outcome.UNREACHABLE, "no answer within " + timeoutMillis + " ms")));
    client.getAbs(url.toString()).timeout(timeoutMillis).putHeader("Accept", "application/json")
        .as(BoundedBodyStream.codec(MAX_JWKS_BYTES)).send()
        .onComplete(result -> {
          vertx.cancelTimer(deadline);
          if (result.failed()) {
            body.tryFail(result.cause());
          } else if (result.result().statusCode() != 200) {
            body.tryFail(new FetchFailure(Outcome.HTTP_ERROR, "HTTP " + result.result().statusCode()));
          } else {
            body.tryComplete(bodyOf(result.result()));
          }
        });
    return body.future();
  }

  private static Buffer bodyOf(HttpResponse<Buffer> response) {
    return response.body() == null ? Buffer.buffer() : response.body();
  }

  private KeySet parse(Buffer body) {
    JsonArray keys;
    try {
      Object document = body.toJsonValue();
      keys = document instanceof JsonObject ? ((JsonObject) document).getJsonArray("keys") : null;
    } catch (DecodeException | ClassCastException e) {
      keys = null;
    }
    if (keys == null) {
      throw new FetchFailure(Outcome.INVALID, "not a JWK set (expected: {\"keys\": [...]})");
    }
    Map<String, VerificationKey> usable = new LinkedHashMap<>();
    List<String> ignored = new ArrayList<>();
    for (int i = 0; i < Math.min(keys.size(), MAX_KEYS); i++) {
      Object item = keys.getValue(i);
      if (!(item instanceof JsonObject)) {
        ignored.add("#" + i + ": not an object");
        continue;
      }
      try {
        VerificationKey key = JwkParser.parse(vertx, (JsonObject) item);
        if (usable.putIfAbsent(key.kid(), key) != null) {
          ignored.add(key.kid() + ": duplicate kid");
        }
      } catch (IllegalArgumentException e) {
        ignored.add(describe((JsonObject) item, i) + ": " + e.getMessage());
      }
    }
    if (usable.isEmpty()) {
      // An empty set would lock every client out; it is far likelier an IdP bug than a real revocation of all keys.
      throw new FetchFailure(Outcome.INVALID, "no usable signing key (ignored: " + ignored + ")");
    }
    KeySet set = new KeySet(usable, clock.instant());
    if (!set.keys().keySet().equals(current.keys().keySet())) {
      LOG.info("JWKS from {}: using keys {}{}", url, set.keys().keySet(), ignored.isEmpty() ? "" : ", ignoring " + ignored);
    }
    return set;
  }

  private static String describe(JsonObject jwk, int index) {
    Object kid = jwk.getValue("kid");
    return kid instanceof String && ((String) kid).length() <= 64 ? (String) kid : "#" + index;
  }

  private static Outcome outcomeOf(Throwable failure) {
    if (failure instanceof FetchFailure) {
      return ((FetchFailure) failure).outcome;
    }
    if (failure instanceof BoundedBodyStream.BodyTooLargeException) {
      return Outcome.TOO_LARGE;
    }
    return Outcome.UNREACHABLE;
  }

  /** Carries the outcome of a failed fetch; expected while an IdP is down, so without a stack trace. */
  private static final class FetchFailure extends RuntimeException {
    private final Outcome outcome;

    FetchFailure(Outcome outcome, String message) {
      super(message, null, false, false);
      this.outcome = outcome;
    }
  }
}
