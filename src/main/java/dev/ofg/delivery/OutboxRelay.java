package dev.ofg.delivery;

import dev.ofg.bank.AccountNumberMask;
import dev.ofg.config.DeliveryConfig;
import dev.ofg.store.AuditRecord;
import dev.ofg.store.AuditTrail;
import dev.ofg.store.DeliveryRecords;
import dev.ofg.store.OutboxRecords;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the transactional outbox to the targets. Each pass (on a timer, and again at once while there
 * is more work) it
 * <ol>
 *   <li>fans out: claims unpublished outbox rows ({@code FOR UPDATE SKIP LOCKED}), creates one delivery per routed
 *       target and wakes deliveries parked on the events' aggregates, in one transaction;</li>
 *   <li>dispatches: per active target, claims as many due deliveries as its window has room for (none while its
 *       circuit breaker is open, one probe while half-open), each the head of its aggregate, and sends each attempt
 *       over the event bus to the target's delivery verticle;</li>
 *   <li>records each outcome, fenced by the claim number, as the target's {@link DeliveryPolicy} decides.</li>
 * </ol>
 * The backlog lives in PostgreSQL, never in memory: at most {@code window} attempts per target are held here.
 */
public final class OutboxRelay extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int MAX_DETAIL = 500;

  private final DeliveryConfig config;
  private final Pool pool;
  private final DeliveryRecords records;
  private final EventRoutes routes;
  private final DeliveryMetrics metrics;
  private final AuditTrail audit;
  private final String relayId;
  private final Clock clock;
  private final Map<String, TargetLane> lanes = new HashMap<>();
  private Map<String, DeliveryRecords.TargetState> states = Map.of();
  private long pollTimer = -1;
  private long statsTimer = -1;
  private MessageConsumer<Object> wakeConsumer;
  private boolean passRunning;
  private boolean passAgain;
  private boolean stopping;
  private Promise<Void> drained;

  public OutboxRelay(DeliveryConfig config, Pool pool, DeliveryMetrics metrics, AuditTrail audit, String relayId,
      Clock clock) {
    this.config = config;
    this.pool = pool;
    this.records = new DeliveryRecords(pool);
    this.routes = new EventRoutes(config);
    this.metrics = metrics;
    this.audit = audit;
    this.relayId = relayId;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    for (String target : config.configuredTargets()) {
      TargetLane lane = new TargetLane(vertx, target, config.policy(target), config.relay().leaseMargin());
      lanes.put(target, lane);
      metrics.register(lane, config.policy(target).window());
    }
    pollTimer = vertx.setPeriodic(config.relay().pollInterval().toMillis(), id -> pass());
    statsTimer = vertx.setPeriodic(config.relay().statsInterval().toMillis(), id -> refreshStats());
    wakeConsumer = vertx.eventBus().localConsumer(DeliveryService.WAKE_ADDRESS, message -> pass());
    pass();
    return wakeConsumer.completion();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(statsTimer);
    wakeConsumer.unregister();
    if (inFlight() == 0) {
      return Future.succeededFuture();
    }
    // Attempts still running finish and are recorded; those that do not are taken over after their lease.
    drained = Promise.promise();
    long longest = lanes.values().stream().mapToLong(lane -> lane.replyTimeout().toMillis()).max().orElse(1000);
    vertx.setTimer(longest, id -> drained.tryComplete());
    return drained.future();
  }

  /** Returns the lane of a target in this relay (for tests and the admin view); null when not configured. */
  TargetLane lane(String target) {
    return lanes.get(target);
  }

  /** Runs one pass unless one is running, in which case that one runs again when it ends. */
  void pass() {
    if (stopping) {
      return;
    }
    if (passRunning) {
      passAgain = true;
      return;
    }
    passRunning = true;
    fanOut()
        .compose(moreOutbox -> refreshTargetStates().compose(v -> dispatch()).map(moreDue -> moreOutbox || moreDue))
        .onComplete(result -> {
          passRunning = false;
          if (result.failed()) {
            LOG.warn("relay pass failed (will retry on the next tick): {}", result.cause().toString());
          }
          boolean again = passAgain || result.succeeded() && result.result();
          passAgain = false;
          if (again) {
            vertx.runOnContext(v -> pass());
          }
        });
  }

  /** Fans out one batch of outbox rows; true when the batch was full (there may be more). */
  private Future<Boolean> fanOut() {
    int batch = config.relay().batchSize();
    return pool.withTransaction(tx -> OutboxRecords.claimUnpublished(tx, batch).compose(rows -> {
      List<DeliveryRecords.NewDelivery> deliveries = new ArrayList<>();
      Set<String> aggregates = new LinkedHashSet<>();
      int unrouted = 0;
      for (OutboxRecords.Unpublished row : rows) {
        List<EventRoutes.Route> targets = routes.routes(row.type());
        for (EventRoutes.Route route : targets) {
          deliveries.add(new DeliveryRecords.NewDelivery(row.eventId(), route.target(), row.seq(),
              row.aggregateType(), row.aggregateId(), route.priority()));
        }
        unrouted += targets.isEmpty() ? 1 : 0;
        aggregates.add(row.aggregateType() + ":" + row.aggregateId());
      }
      metrics.unrouted(unrouted);
      return DeliveryRecords.insertPending(tx, deliveries)
          .compose(v -> DeliveryRecords.wakeParked(tx, new ArrayList<>(aggregates)))
          .map(woken -> rows.size() == batch);
    }));
  }

  private Future<Void> refreshTargetStates() {
    return records.targetStates().map(list -> {
      Map<String, DeliveryRecords.TargetState> byTarget = new HashMap<>();
      list.forEach(state -> byTarget.put(state.target(), state));
      states = byTarget;
      metrics.targetStates(list);
      return null;
    });
  }

  /** Claims and sends due deliveries for every active target; true when some target may have more due. */
  private Future<Boolean> dispatch() {
    List<Future<Boolean>> claims = new ArrayList<>();
    for (String target : config.configuredTargets()) {
      TargetLane lane = lanes.get(target);
      DeliveryRecords.TargetState state = states.get(target);
      int limit = Math.min(config.relay().batchSize(), lane.freeSlots());
      if (state == null || !state.active() || limit == 0) {
        continue;
      }
      claims.add(records.claimDue(target, limit, lane.lease(), relayId).map(claimed -> {
        claimed.forEach(delivery -> send(lane, delivery));
        return claimed.size() == limit;
      }));
    }
    return Future.all(claims).map(all -> claims.stream().anyMatch(Future::result));
  }

  private void send(TargetLane lane, DeliveryRecords.Claimed claimed) {
    lane.started();
    Instant started = clock.instant();
    DeliveryAttempt attempt = new DeliveryAttempt(claimed.deliveryId(), lane.target(), claimed.claimNo(),
        claimed.attemptNumber(), claimed.event());
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(lane.replyTimeout().toMillis()).setLocalOnly(true);
    lane.breaker().<AttemptOutcome>execute(() -> vertx.eventBus()
            .<JsonObject>request(DeliveryAttempt.address(lane.target()), attempt.toJson(), options)
            .map(reply -> AttemptOutcome.fromJson(reply.body()))
            .recover(failure -> Future.succeededFuture(new AttemptOutcome.Technical(null,
                "the " + lane.target() + " delivery verticle did not answer: " + failure.getMessage(), null)))
            .compose(outcome -> outcome instanceof AttemptOutcome.Technical
                ? Future.failedFuture(new TechnicalAttemptFailure(outcome)) : Future.succeededFuture(outcome)))
        .recover(failure -> Future.succeededFuture(outcomeOf(failure)))
        .compose(outcome -> record(lane, claimed, outcome, started))
        .onComplete(done -> {
          lane.finished();
          if (done.failed()) {
            LOG.warn("outcome of delivery {} (event {}, {}) not recorded; it is retried after its lease: {}",
                claimed.deliveryId(), claimed.event().id(), lane.target(), done.cause().toString());
          }
          if (stopping && drained != null && inFlight() == 0) {
            drained.tryComplete();
          }
          pass();
        });
  }

  private static AttemptOutcome outcomeOf(Throwable failure) {
    if (failure instanceof TechnicalAttemptFailure technical) {
      return technical.outcome();
    }
    if (failure instanceof OpenCircuitException) {
      return new AttemptOutcome.Deferred("circuit breaker open: the target was not tried");
    }
    return new AttemptOutcome.Technical(null, failure.toString(), null);
  }

  private Future<Void> record(TargetLane lane, DeliveryRecords.Claimed claimed, AttemptOutcome outcome,
      Instant started) {
    Instant now = clock.instant();
    Decision decision = lane.policy().decide(outcome, claimed.attemptNumber(), claimed.parkedSince(), now);
    DeliveryRecords.Outcome row = new DeliveryRecords.Outcome(claimed.deliveryId(), claimed.claimNo(),
        decision.status().value(), decision.countsAsAttempt() ? 1 : 0, decision.nextAttemptAt(),
        decision.failureClass(), sanitize(decision.reason()), decision.waitingFor(), claimed.attemptNumber(), relayId,
        started, outcome.kind().label(), outcome.status(), sanitize(outcome.detail()));
    return records.record(row).compose(recorded -> {
      if (!recorded) {
        metrics.staleClaim(lane.target());
        LOG.info("delivery {} to {} was taken over by another relay; this outcome ({}) is dropped",
            claimed.deliveryId(), lane.target(), outcome.kind().label());
        return Future.succeededFuture();
      }
      Duration took = Duration.between(started, now);
      metrics.outcomes(lane.target(), decision.outcomes());
      metrics.attemptDuration(lane.target(), outcome.kind().label(), took);
      audit(lane.target(), claimed, decision, outcome, took);
      if (decision.status() == DeliveryStatus.DEAD_LETTERED) {
        LOG.warn("event {} ({}) dead-lettered for {}: {}", claimed.event().id(), claimed.event().type(),
            lane.target(), sanitize(decision.reason()));
      }
      return decision.disableTarget() ? disable(lane.target(), sanitize(decision.reason())) : Future.succeededFuture();
    });
  }

  private Future<Void> disable(String target, String reason) {
    return records.disable(target, reason).map(changed -> {
      if (changed) {
        metrics.alert(target, "gone");
        LOG.error("delivery target '{}' disabled: {}; deliveries wait until an operator resumes it "
            + "(POST /admin/delivery/targets/{}/resume)", target, reason, target);
      }
      return null;
    });
  }

  private void audit(String target, DeliveryRecords.Claimed claimed, Decision decision, AttemptOutcome outcome,
      Duration took) {
    String result = decision.outcomes().get(decision.outcomes().size() - 1);
    audit.record(new AuditRecord(clock.instant(), claimed.event().correlationId(), null, "delivery:" + target,
        null, null, null, result, outcome.status() == null ? 0 : outcome.status(), (int) Math.min(Integer.MAX_VALUE,
        took.toMillis()), decision.status() == DeliveryStatus.DELIVERED ? null : sanitize(decision.reason())));
  }

  private void refreshStats() {
    Future.all(records.backlog(), OutboxRecords.backlog(pool))
        .onSuccess(all -> metrics.backlog(all.resultAt(0), all.resultAt(1)))
        .onFailure(failure -> LOG.debug("delivery stats not refreshed: {}", failure.toString()));
  }

  private int inFlight() {
    return lanes.values().stream().mapToInt(TargetLane::inFlight).sum();
  }

  /** Keeps details bounded and free of account numbers, for the store, the audit trail and logs. */
  static String sanitize(String text) {
    if (text == null) {
      return null;
    }
    String bounded = text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text;
    return AccountNumberMask.maskAccountNumbersIn(bounded);
  }

  /** Carries a technical outcome through the circuit breaker as a failure, so the breaker counts it. */
  private static final class TechnicalAttemptFailure extends RuntimeException {
    private final transient AttemptOutcome outcome;

    TechnicalAttemptFailure(AttemptOutcome outcome) {
      super(outcome.detail(), null, false, false);
      this.outcome = outcome;
    }

    AttemptOutcome outcome() {
      return outcome;
    }
  }
}
