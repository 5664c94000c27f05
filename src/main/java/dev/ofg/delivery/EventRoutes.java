package dev.ofg.delivery;

import dev.ofg.config.DeliveryConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes an event type to the targets that receive it, with the priority it is claimed at; compiled once from
 * the configured rules. Every matching rule contributes its targets; a target matched twice takes the higher
 * priority. Targets that are not configured are dropped.
 */
public final class EventRoutes {
  /** Names one target an event goes to and the priority rank it is claimed at (0 first). */
  public record Route(String target, int priority) {
  }

  private record Rule(List<String> exact, List<String> prefixes, boolean any, List<String> targets, int priority) {
    boolean matches(String type) {
      if (any || exact.contains(type)) {
        return true;
      }
      for (String prefix : prefixes) {
        if (type.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    }
  }

  private final List<Rule> rules;

  public EventRoutes(DeliveryConfig config) {
    List<Rule> compiled = new ArrayList<>();
    for (DeliveryConfig.Route route : config.routes()) {
      List<String> exact = new ArrayList<>();
      List<String> prefixes = new ArrayList<>();
      boolean any = false;
      for (String pattern : route.events()) {
        if (pattern.equals("*")) {
          any = true;
        } else if (pattern.endsWith(".*")) {
          prefixes.add(pattern.substring(0, pattern.length() - 1));
        } else {
          exact.add(pattern);
        }
      }
      List<String> targets = route.targets().stream().filter(config::configured).toList();
      compiled.add(new Rule(exact, prefixes, any, targets, route.priority().rank()));
    }
    this.rules = List.copyOf(compiled);
  }

  /** Returns the targets of an event type, in configuration order; empty when no rule matches. */
  public List<Route> routes(String eventType) {
    Map<String, Integer> byTarget = new LinkedHashMap<>();
    for (Rule rule : rules) {
      if (rule.matches(eventType)) {
        for (String target : rule.targets()) {
          byTarget.merge(target, rule.priority(), Math::min);
        }
      }
    }
    List<Route> out = new ArrayList<>(byTarget.size());
    byTarget.forEach((target, priority) -> out.add(new Route(target, priority)));
    return out;
  }
}
