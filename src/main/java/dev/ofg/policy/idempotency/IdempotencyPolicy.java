package dev.ofg.policy.idempotency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ofg.config.IdempotencyConfig;
import dev.ofg.http.ApiResponse;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.store.ExternalRefLedger;
import dev.ofg.store.IdempotencyRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Idempotency-Key semantics (IETF httpapi draft) to write operations: the first request with a key
 * runs and its response is stored; the same key with the same request replays it; with another payload
 * it is refused (422); while the first is still running, a duplicate is refused (409).
 *
 * <p>Completed responses are cached in-process (Caffeine, L1) in front of PostgreSQL (L2), so replays work
 * on any gateway instance and after a restart. When the store is unreachable the policy fails closed
 * (503 + Retry-After): without it, exactly-once cannot be promised.
 */
public final class IdempotencyPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPolicy.class);

  private final IdempotencyRecords records;
  private final IdempotencyConfig config;
  private final Cache<String, Completed> completed;
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  private record Completed(String fingerprint, ApiResponse response) {
  }

  public IdempotencyPolicy(IdempotencyRecords records, IdempotencyConfig config, MeterRegistry registry) {
    this.records = records;
    this.config = config;
    this.registry = registry;
    this.completed = Caffeine.newBuilder()
        .expireAfterWrite(config.retention())
        .maximumWeight(config.cacheMaxBytes())
        .<String, Completed>weigher((key, value) -> key.length() + value.response().body().length() + 64)
        .build();
  }

  public IdempotencyConfig config() {
    return config;
  }

  /** Runs the operation under the request's key, or replays / refuses as the key's state says. */
  public Future<ApiResponse> execute(IdempotentRequest request, String correlationId,
      Supplier<Future<ApiResponse>> operation) {
    if (request.key() == null) {
      if (request.required()) {
        count("missing");
        return Future.failedFuture(GatewayException.of(ProblemCode.IDEMPOTENCY_KEY_MISSING,
            "this route requires an Idempotency-Key header (a unique value per operation, e.g. a UUID)"));
      }
      return operation.get();
    }
    String cacheKey = request.clientId() + '\u0000' + request.key();
    Completed cached = completed.getIfPresent(cacheKey);
    if (cached != null) {
      return replay(request, cached.fingerprint(), cached.response());
    }
    UUID token = UUID.randomUUID();
    return records.claim(request.clientId(), request.key(), request.fingerprint(), token, config.inFlightLease(),
            config.retention(), correlationId)
        .recover(failure -> Future.failedFuture(storeDown(failure)))
        .compose(existing -> existing.isEmpty()
            ? runAsOwner(request, cacheKey, token, operation, "new")
            : resolveExisting(request, cacheKey, token, existing.get(), operation));
  }

  private Future<ApiResponse> resolveExisting(IdempotentRequest request, String cacheKey, UUID token,
      IdempotencyRecords.Existing existing, Supplier<Future<ApiResponse>> operation) {
    if (!existing.fingerprint().equals(request.fingerprint())) {
      count("mismatch");
      return Future.failedFuture(GatewayException.of(ProblemCode.IDEMPOTENCY_KEY_REUSED,
          "this Idempotency-Key was used for a different request; use a new key for a new operation"));
    }
    if (existing.completed()) {
      ApiResponse stored = ApiResponse.of(existing.status(), existing.contentType(), existing.body());
      completed.put(cacheKey, new Completed(existing.fingerprint(), stored));
      return replay(request, existing.fingerprint(), stored);
    }
    boolean ownerGone = existing.uncertain() || existing.leaseExpired();
    if (!ownerGone) {
      count("in_flight");
      return Future.failedFuture(GatewayException.withRetryAfter(ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT,
          "a request with this Idempotency-Key is still being processed", 1));
    }
    if (!request.reexecutable()) {
      count("unknown");
      return Future.failedFuture(GatewayException.of(ProblemCode.IDEMPOTENCY_OUTCOME_UNKNOWN,
          "the first request with this Idempotency-Key stopped while Odoo may have applied it; check the "
              + "record in Odoo before repeating the operation with a new key"));
    }
    return records.takeOver(request.clientId(), request.key(), existing.ownerToken(), token, config.inFlightLease())
        .recover(failure -> Future.failedFuture(storeDown(failure)))
        .compose(won -> won
            ? runAsOwner(request, cacheKey, token, operation, "takeover")
            : Future.failedFuture(GatewayException.withRetryAfter(ProblemCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                "a request with this Idempotency-Key is still being processed", 1)));
  }

  private Future<ApiResponse> runAsOwner(IdempotentRequest request, String cacheKey, UUID token,
      Supplier<Future<ApiResponse>> operation, String outcome) {
    count(outcome);
    Future<ApiResponse> result;
    try {
      result = operation.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.compose(
        response -> store(request, cacheKey, token, response).map(response),
        failure -> settleFailure(request, token, failure).compose(v -> Future.failedFuture(failure)));
  }

  private Future<Void> store(IdempotentRequest request, String cacheKey, UUID token, ApiResponse response) {
    if (response.status() >= 500) {
      return records.release(request.clientId(), request.key(), token).otherwiseEmpty();
    }
    completed.put(cacheKey, new Completed(request.fingerprint(), response));
    return records.complete(request.clientId(), request.key(), token, response.status(), response.contentType(),
            response.body())
        .recover(failure -> {
          // The response exists and the client gets it; a retry after the lease finds the key unfinished.
          LOG.warn("response for an Idempotency-Key not stored: {}", failure.toString());
          return Future.succeededFuture();
        });
  }

  private Future<Void> settleFailure(IdempotentRequest request, UUID token, Throwable failure) {
    boolean uncertain = failure instanceof ExternalRefLedger.UncertainOutcome
        && ((ExternalRefLedger.UncertainOutcome) failure).outcomeUncertain();
    Future<Void> settled = uncertain
        ? records.markUncertain(request.clientId(), request.key(), token)
        : records.release(request.clientId(), request.key(), token);
    return settled.otherwiseEmpty();
  }

  private Future<ApiResponse> replay(IdempotentRequest request, String fingerprint, ApiResponse stored) {
    if (!fingerprint.equals(request.fingerprint())) {
      count("mismatch");
      return Future.failedFuture(GatewayException.of(ProblemCode.IDEMPOTENCY_KEY_REUSED,
          "this Idempotency-Key was used for a different request; use a new key for a new operation"));
    }
    count("replayed");
    return Future.succeededFuture(stored.asReplay());
  }

  /** Deletes expired keys; called periodically. */
  public Future<Integer> reapExpired() {
    return records.reapExpired(10_000);
  }

  private static GatewayException storeDown(Throwable failure) {
    if (failure instanceof GatewayException) {
      return (GatewayException) failure;
    }
    LOG.warn("idempotency store unavailable: {}", failure.toString());
    return GatewayException.withRetryAfter(ProblemCode.STORE_UNAVAILABLE,
        "the gateway cannot record the Idempotency-Key right now; retry with the same key", 5);
  }

  private void count(String outcome) {
    counters.computeIfAbsent(outcome, o -> Counter.builder("gateway_idempotency")
        .description("Idempotency-Key decisions by outcome").tag("outcome", o).register(registry)).increment();
  }

  Optional<ApiResponse> cached(String clientId, String key) {
    Completed entry = completed.getIfPresent(clientId + '\u0000' + key);
    return Optional.ofNullable(entry).map(Completed::response);
  }
}
