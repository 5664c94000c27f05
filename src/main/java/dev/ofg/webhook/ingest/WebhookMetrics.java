package dev.ofg.webhook.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Records webhook ingestion: requests by source and outcome, duplicate and unrouted events by source, and the
 * inbox group commit (batch sizes, commit latency, queue depth). Labels are bounded by configuration (source
 * names) and fixed sets (outcomes).
 */
public final class WebhookMetrics {
  /** Outcome of a request whose events were stored (at least one new one). */
  public static final String ACCEPTED = "accepted";
  /** Outcome of a request whose events were all stored before. */
  public static final String DUPLICATE = "duplicate";

  private final MeterRegistry registry;
  private final Map<String, Counter> received = new ConcurrentHashMap<>();
  private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();
  private final Map<String, Counter> unrouted = new ConcurrentHashMap<>();
  private final Map<String, Counter> rerouted = new ConcurrentHashMap<>();
  private final DistributionSummary batchRequests;
  private final DistributionSummary batchEvents;
  private final Timer commitSucceeded;
  private final Timer commitFailed;

  public WebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.batchRequests = DistributionSummary.builder("gateway_inbox_batch_size")
        .description("Webhook requests written per inbox transaction (group commit)")
        .publishPercentileHistogram().register(registry);
    this.batchEvents = DistributionSummary.builder("gateway_inbox_batch_events")
        .description("Provider events written per inbox transaction").register(registry);
    this.commitSucceeded = commitTimer("success");
    this.commitFailed = commitTimer("failure");
  }

  private Timer commitTimer(String outcome) {
    return Timer.builder("gateway_inbox_commit").description("Inbox transactions (insert + outbox + commit)")
        .tag("outcome", outcome).publishPercentileHistogram().register(registry);
  }

  /** Counts one webhook request by source and outcome (accepted, duplicate, signature_invalid, ...). */
  public void received(String source, String outcome) {
    received.computeIfAbsent(source + '|' + outcome, key -> Counter.builder("gateway_webhook_received")
        .description("Webhook requests by source and outcome").tag("source", source).tag("outcome", outcome)
        .register(registry)).increment();
  }

  /** Counts provider events that were already stored (re-deliveries). */
  public void duplicates(String source, int count) {
    if (count > 0) {
      duplicates.computeIfAbsent(source, key -> Counter.builder("gateway_webhook_duplicates")
          .description("Re-delivered webhook events acknowledged without storing them again")
          .tag("source", source).register(registry)).increment(count);
    }
  }

  /** Counts stored events that no mapping turned into a finance event. */
  public void unrouted(String source, int count) {
    if (count > 0) {
      unrouted.computeIfAbsent(source, key -> Counter.builder("gateway_webhook_unrouted")
          .description("Webhook events stored but not routed to a finance event (see /admin/webhooks/unrouted)")
          .tag("source", source).register(registry)).increment(count);
    }
  }

  /**
   * Counts unrouted events an operator had routed again, by outcome: {@code rerouted} (a finance event now),
   * {@code unrouted} (still no usable mapping), {@code skipped} (not found, or routed already).
   */
  void rerouted(String source, String outcome, int count) {
    if (count > 0) {
      rerouted.computeIfAbsent(source + '|' + outcome, key -> Counter.builder("gateway_webhook_rerouted")
          .description("Unrouted webhook events routed again by an operator, by outcome")
          .tag("source", source).tag("outcome", outcome).register(registry)).increment(count);
    }
  }

  void batch(int requests, int events) {
    batchRequests.record(requests);
    batchEvents.record(events);
  }

  Timer commit(boolean succeeded) {
    return succeeded ? commitSucceeded : commitFailed;
  }

  void queueDepth(Supplier<Number> depth) {
    Gauge.builder("gateway_inbox_queue_depth", depth).description("Webhook requests waiting for an inbox commit")
        .register(registry);
  }
}
