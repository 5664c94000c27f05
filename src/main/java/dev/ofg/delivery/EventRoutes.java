package dev.ofg.delivery;

import dev.ofg.config.DeliveryConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes an event type to the targets that receive it, with the priority it is claimed at; built once from
 * the configured rules. Every matching rule contributes its targets; a target matched twice takes the higher
 * priority. Targets that are not configured are dropped.
 */
public final class EventRoutes {
  /** Names one target an event goes to and the priority rank it is claimed at (0 first). */
  public record Route(String target, int priority) {
  }

  private record Rule(DeliveryConfig.Route route, List<String> targets, int priority) {
  }

  private final List<Rule> rules;

  public EventRoutes(DeliveryConfig config) {
    List<Rule> compiled = new ArrayList<>();
    for (DeliveryConfig.Route route : config.routes()) {
      List<String> targets = route.targets().stream().filter(config::configured).toList();
      compiled.add(new Rule(route, targets, route.priority().rank()));
    }
    this.rules = List.copyOf(compiled);
  }

  /** Returns the targets of an event type, in configuration order; empty when no rule matches. */
  public List<Route> routes(String eventType) {
    Map<String, Integer> byTarget = new LinkedHashMap<>();
    for (Rule rule : rules) {
      if (rule.route().matches(eventType)) {
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
