package dev.ofg.policy.reload;

import dev.ofg.config.ConfigException;
import dev.ofg.config.ConfigSource;
import dev.ofg.config.GatewayConfig;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.policy.PolicyHolder;
import dev.ofg.policy.PolicySnapshot;
import dev.ofg.policy.schema.SchemaCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the policy without a restart: reads the configuration again from where the process read it, through
 * the same loader, on a worker thread; compiles everything (clients, roles, JSON Schemas, body limits, rate-limit
 * rules) into a new {@link PolicySnapshot}; and swaps it in with one atomic write. A configuration with any
 * problem is refused as a whole (the old one stays in force); changes to parts only a restart applies are reported,
 * not applied.
 *
 * <p>Reloads run one at a time; a second one asked for meanwhile is refused with 409.
 */
public final class PolicyReloader {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyReloader.class);
  /** Problems listed in one answer; a broken file can produce hundreds and the first ones say enough. */
  private static final int MAX_PROBLEMS = 50;
  static final String SCHEMA_VERSION = "v1";

  private final Vertx vertx;
  private final ConfigSource source;
  private final GatewayConfig running;
  private final PolicyHolder policy;
  private final Supplier<Set<String>> routeTemplates;
  private final MeterRegistry registry;
  private final AtomicReference<GatewayConfig> lastApplied;
  private final AtomicReference<ReloadReport> lastReport = new AtomicReference<>();
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicInteger restartPending = new AtomicInteger();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  /** Holds a configuration that loaded and compiled, not yet in force. */
  private record Candidate(GatewayConfig config, PolicySnapshot snapshot) {
  }

  /**
   * Creates the reloader.
   *
   * @param source where the running configuration came from; null when it came from elsewhere (nothing to reload)
   * @param running the configuration the process started with
   * @param routeTemplates the route templates the gateway serves, which {@code limits.routes} may name
   */
  public PolicyReloader(Vertx vertx, ConfigSource source, GatewayConfig running, PolicyHolder policy,
      Supplier<Set<String>> routeTemplates, MeterRegistry registry) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.source = source;
    this.running = Objects.requireNonNull(running, "running");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.routeTemplates = Objects.requireNonNull(routeTemplates, "routeTemplates");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.lastApplied = new AtomicReference<>(running);
    Gauge.builder("gateway_config_restart_pending", restartPending, AtomicInteger::get)
        .description("Configuration sections changed on disk that only a restart applies").register(registry);
  }

  /** Returns where the configuration is reloaded from, if anywhere. */
  public ConfigSource source() {
    return source;
  }

  /** Returns the outcome of the last reload, or null when none ran yet. */
  public ReloadReport lastReport() {
    return lastReport.get();
  }

  /**
   * Checks that the configuration the process starts with names only routes the gateway serves; the same check a
   * reload makes.
   */
  public static List<String> routeProblems(GatewayConfig config, Set<String> routeTemplates) {
    return config.limits().unknownRoutes(routeTemplates);
  }

  /**
   * Reloads; the future fails with 422 {@code CONFIG_INVALID} (listing {@code problems}) when the configuration is
   * refused, and with 409 when there is no file to reload from or another reload is running.
   */
  public Future<ReloadReport> reload(String trigger) {
    if (source == null) {
      return Future.failedFuture(GatewayException.of(ProblemCode.CONFLICT,
          "this gateway was started without a configuration file; there is nothing to reload"));
    }
    if (!busy.compareAndSet(false, true)) {
      return Future.failedFuture(GatewayException.withRetryAfter(ProblemCode.CONFLICT,
          "a reload is already running", 1));
    }
    Set<String> templates = Set.copyOf(routeTemplates.get());
    return vertx.executeBlocking(() -> compile(templates), false)
        .map(candidate -> apply(candidate, trigger))
        .recover(failure -> Future.failedFuture(refuse(failure, trigger)))
        .onComplete(done -> busy.set(false));
  }

  /** Loads and compiles; blocking (reads the configuration and the schema files). */
  private Candidate compile(Set<String> templates) {
    GatewayConfig next = source.load();
    List<String> problems = new ArrayList<>(routeProblems(next, templates));
    SchemaCatalog schemas = null;
    try {
      schemas = SchemaCatalog.load(next.schemaDirectory(), SCHEMA_VERSION);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Candidate(next, PolicySnapshot.of(next, schemas));
  }

  private ReloadReport apply(Candidate candidate, String trigger) {
    ConfigChanges changes = ConfigChanges.between(running, lastApplied.get(), candidate.config());
    policy.replace(candidate.snapshot());
    lastApplied.set(candidate.config());
    restartPending.set(changes.needsRestart().size());
    ReloadReport report = ReloadReport.applied(trigger, changes, candidate.snapshot().size());
    lastReport.set(report);
    count(trigger, "applied");
    LOG.info("configuration reloaded ({}) from {}: changed {}", trigger, source, changes.applied());
    if (!changes.needsRestart().isEmpty()) {
      LOG.warn("configuration changes not applied until a restart: {}", changes.needsRestart());
    }
    return report;
  }

  private GatewayException refuse(Throwable failure, String trigger) {
    List<String> problems = failure instanceof ConfigException
        ? ((ConfigException) failure).problems()
        : List.of("the configuration could not be loaded (" + failure.getClass().getSimpleName() + ")");
    if (!(failure instanceof ConfigException)) {
      LOG.error("configuration reload ({}) failed unexpectedly", trigger, failure);
    }
    List<String> shown = problems.size() <= MAX_PROBLEMS ? problems : problems.subList(0, MAX_PROBLEMS);
    lastReport.set(ReloadReport.refused(trigger, shown));
    count(trigger, "refused");
    LOG.warn("configuration reload ({}) refused, the previous configuration stays in force: {}", trigger, shown);
    return GatewayException.of(ProblemCode.CONFIG_INVALID, "the new configuration was refused ("
            + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "); the previous one stays in force")
        .with("problems", new JsonArray(shown));
  }

  private void count(String trigger, String outcome) {
    counters.computeIfAbsent(trigger + '|' + outcome, key -> Counter.builder("gateway_config_reloads")
            .description("Configuration reloads by trigger and outcome")
            .tag("trigger", trigger).tag("outcome", outcome).register(registry))
        .increment();
  }
}
