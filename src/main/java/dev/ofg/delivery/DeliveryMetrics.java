package dev.ofg.delivery;

import dev.ofg.odoo.ResilientOdooClient;
import dev.ofg.store.DeliveryRecords;
import dev.ofg.store.OutboxRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Publishes delivery metrics: outcomes by target ({@code delivered}, {@code retried}, {@code dead_lettered},
 * {@code parked}, {@code business_failure}, {@code technical_failure}, {@code gone}, {@code deferred}), attempts in
 * flight, backlog by state, lag, outbox backlog and age, breaker and target state, alerts, and dead letters discarded
 * by an operator. Labels are bounded: target, outcome, state, reason.
 */
public final class DeliveryMetrics {
  private static final List<String> BACKLOG_STATES = List.of("pending", "in_flight", "parked", "dead_lettered");

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();
  private final Map<String, DoubleAdder> seconds = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> targetState = new ConcurrentHashMap<>();
  private final AtomicLong outboxRows = new AtomicLong();
  private final DoubleAdder outboxAge = new DoubleAdder();
  private final Counter unrouted;

  public DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("gateway_outbox_backlog", outboxRows, AtomicLong::get)
        .description("Outbox rows not yet published by any relay").register(registry);
    Gauge.builder("gateway_outbox_oldest_age_seconds", outboxAge, DoubleAdder::sum)
        .description("Age of the oldest unpublished outbox row").register(registry);
    this.unrouted = Counter.builder("gateway_delivery_unrouted_events")
        .description("Published events no routing rule sends anywhere").register(registry);
  }

  /** Registers the gauges of one target's lane (in flight, window, breaker state) and its store-side gauges. */
  void register(TargetLane lane, int window) {
    String target = lane.target();
    Gauge.builder("gateway_delivery_in_flight", lane, TargetLane::inFlight)
        .description("Delivery attempts in flight (in memory) in this gateway").tag("target", target)
        .register(registry);
    Gauge.builder("gateway_delivery_window", () -> window)
        .description("Most delivery attempts in flight per target; the relay stops claiming when full")
        .tag("target", target).register(registry);
    Gauge.builder("gateway_circuit_breaker_state", lane.breaker(), ResilientOdooClient::stateValue)
        .description("Circuit breaker state: 0 closed, 1 half-open, 2 open").tag("name", target).register(registry);
    for (String state : BACKLOG_STATES) {
      AtomicLong holder = backlog.computeIfAbsent(target + "/" + state, k -> new AtomicLong());
      Gauge.builder("gateway_delivery_backlog", holder, AtomicLong::get)
          .description("Deliveries by state, from the store").tags("target", target, "state", state)
          .register(registry);
    }
    for (String name : List.of("gateway_delivery_lag_seconds", "gateway_delivery_oldest_age_seconds")) {
      DoubleAdder holder = seconds.computeIfAbsent(name + "/" + target, k -> new DoubleAdder());
      Gauge.builder(name, holder, DoubleAdder::sum).tag("target", target)
          .description(name.contains("lag") ? "How late the oldest due delivery is"
              : "Age of the oldest unfinished delivery")
          .register(registry);
    }
    AtomicLong state = targetState.computeIfAbsent(target, k -> new AtomicLong());
    Gauge.builder("gateway_delivery_target_state", state, AtomicLong::get)
        .description("Target state: 0 active, 1 paused by an operator, 2 disabled by the target (410)")
        .tag("target", target).register(registry);
  }

  void outcomes(String target, List<String> outcomes) {
    for (String outcome : outcomes) {
      Counter.builder("gateway_delivery_outcomes").description("Delivery attempts and their consequences")
          .tags("target", target, "outcome", outcome).register(registry).increment();
    }
  }

  void attemptDuration(String target, String outcome, Duration duration) {
    Timer.builder("gateway_delivery_attempt_duration").description("Time one delivery attempt took")
        .tags("target", target, "outcome", outcome).register(registry).record(duration);
  }

  void alert(String target, String reason) {
    Counter.builder("gateway_delivery_alerts").description("Conditions an operator must act on")
        .tags("target", target, "reason", reason).register(registry).increment();
  }

  void discarded(String target) {
    Counter.builder("gateway_delivery_discarded")
        .description("Dead letters an operator discarded because they can never be applied")
        .tag("target", target).register(registry).increment();
  }

    void staleClaim(String target) {
    Counter.builder("gateway_delivery_stale_claims")
        .description("Outcomes dropped because another relay had taken the delivery over (lease expired)")
        .tag("target", target).register(registry).increment();
  }

  void unrouted(int events) {
    unrouted.increment(events);
  }

  void targetStates(List<DeliveryRecords.TargetState> states) {
    for (DeliveryRecords.TargetState state : states) {
      AtomicLong holder = targetState.get(state.target());
      if (holder != null) {
        holder.set(state.disabled() ? 2 : state.paused() ? 1 : 0);
      }
    }
  }

  void backlog(List<DeliveryRecords.TargetBacklog> rows, OutboxRecords.Backlog outbox) {
    backlog.values().forEach(holder -> holder.set(0));
    seconds.values().forEach(DoubleAdder::reset);
    for (DeliveryRecords.TargetBacklog row : rows) {
      set(row.target() + "/pending", row.pending());
      set(row.target() + "/in_flight", row.inFlight());
      set(row.target() + "/parked", row.parked());
      set(row.target() + "/dead_lettered", row.deadLettered());
      add("gateway_delivery_lag_seconds/" + row.target(), row.lagSeconds());
      add("gateway_delivery_oldest_age_seconds/" + row.target(), row.oldestAgeSeconds());
    }
    outboxRows.set(outbox.rows());
    outboxAge.reset();
    outboxAge.add(outbox.oldestAgeSeconds());
  }

  private void set(String key, long value) {
    AtomicLong holder = backlog.get(key);
    if (holder != null) {
      holder.set(value);
    }
  }

  private void add(String key, double value) {
    DoubleAdder holder = seconds.get(key);
    if (holder != null) {
      holder.add(value);
    }
  }
}
