package dev.ofg.policy.limits;

import dev.ofg.config.RequestLimitsConfig;
import dev.ofg.config.RequestLimitsConfig.BodyLimits;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the body limits of any route from a {@link RequestLimitsConfig}: route template first, then route
 * class, then the configured defaults, then the built-in ones; immutable, swapped as part of the policy snapshot.
 */
public final class RequestLimits {
  private final RequestLimitsConfig config;
  private final BodyLimits builtIn;
  /** Bounded by the routes the gateway serves (a few dozen), so it needs no eviction. */
  private final Map<Key, RouteLimits> resolved = new ConcurrentHashMap<>();

  private record Key(String template, String routeClass, BodyFormat format) {
  }

  private RequestLimits(RequestLimitsConfig config, int defaultMaxBodyBytes) {
    this.config = Objects.requireNonNull(config, "config");
    this.builtIn = new BodyLimits(defaultMaxBodyBytes, null, RequestLimitsConfig.DEFAULT_MAX_JSON_DEPTH,
        RequestLimitsConfig.DEFAULT_MAX_STRING_LENGTH);
  }

  /**
   * Compiles the configuration.
   *
   * @param defaultMaxBodyBytes the body limit of routes the configuration says nothing about ({@code server.maxBodyBytes})
   */
  public static RequestLimits compile(RequestLimitsConfig config, int defaultMaxBodyBytes) {
    return new RequestLimits(config, defaultMaxBodyBytes);
  }

  public RequestLimitsConfig config() {
    return config;
  }

  /** Returns the limits of the route with this template, in this route class, whose body has this format. */
  public RouteLimits forRoute(String template, String routeClass, BodyFormat format) {
    return resolved.computeIfAbsent(new Key(template, routeClass, format), this::resolve);
  }

  private RouteLimits resolve(Key key) {
    BodyLimits limits = config.routes().getOrDefault(key.template(), BodyLimits.INHERIT)
        .orElse(config.routeClasses().getOrDefault(key.routeClass(), BodyLimits.INHERIT))
        .orElse(config.defaults())
        .orElse(builtIn);
    return new RouteLimits(limits.maxBodyBytes(),
        limits.contentTypes() == null ? key.format().defaultContentTypes() : limits.contentTypes(),
        limits.maxJsonDepth(), limits.maxStringLength(), key.format());
  }
}
