package dev.ofg.policy.reload;

import dev.ofg.config.ClientConfig;
import dev.ofg.config.GatewayConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Lists what a new configuration changes: the reloadable parts a reload applies (clients, roles, limits, rate-limit
 * rates and route classes; schemas are recompiled on every reload) and the parts only a restart applies (server,
 * store, Odoo, audit, idempotency, sandbox, JWT, the policy watch itself, retention, and the rate-limit store, global
 * budget, bucket bound, pre-authentication and outbound limits).
 *
 * @param applied what changed since the last applied configuration and takes effect now
 * @param needsRestart what differs from the configuration the process started with and is not applied
 */
public record ConfigChanges(List<String> applied, List<String> needsRestart) {

  public ConfigChanges {
    applied = List.copyOf(applied);
    needsRestart = List.copyOf(needsRestart);
  }

  /**
   * Compares a new configuration with the one the process started with and the one applied last.
   *
   * @param running the configuration the process started with (its non-reloadable parts are in force)
   * @param previous the configuration applied last (its reloadable parts are in force)
   */
  public static ConfigChanges between(GatewayConfig running, GatewayConfig previous, GatewayConfig next) {
    return new ConfigChanges(applied(previous, next), needsRestart(running, next));
  }

  private static List<String> applied(GatewayConfig previous, GatewayConfig next) {
    List<String> changes = new ArrayList<>();
    clientChanges(previous.policy().clients(), next.policy().clients()).ifPresent(changes::add);
    changed(changes, "roles", previous, next, config -> config.policy().roles());
    changed(changes, "limits", previous, next, GatewayConfig::limits);
    changed(changes, "schemas.directory", previous, next, GatewayConfig::schemaDirectory);
    changed(changes, "rateLimits.routeClasses", previous, next, config -> config.rateLimits().routeClasses());
    changed(changes, "rateLimits.clients", previous, next, config -> config.rateLimits().clientOverrides());
    return changes;
  }

  private static List<String> needsRestart(GatewayConfig running, GatewayConfig next) {
    List<String> sections = new ArrayList<>();
    changed(sections, "server", running, next, GatewayConfig::server);
    changed(sections, "store", running, next, GatewayConfig::store);
    changed(sections, "odoo", running, next, GatewayConfig::odoo);
    changed(sections, "audit", running, next, GatewayConfig::audit);
    changed(sections, "idempotency", running, next, GatewayConfig::idempotency);
    changed(sections, "sandbox", running, next, GatewayConfig::sandbox);
    changed(sections, "jwt", running, next, GatewayConfig::jwt);
    changed(sections, "policy", running, next, GatewayConfig::reload);
    changed(sections, "retention", running, next, GatewayConfig::retention);
    changed(sections, "webhooks", running, next, GatewayConfig::webhooks);
    changed(sections, "bankImport", running, next, GatewayConfig::bankImport);
    changed(sections, "delivery", running, next, GatewayConfig::delivery);
    changed(sections, "rateLimits.store", running, next, config -> config.rateLimits().store());
    changed(sections, "rateLimits.redis", running, next, config -> config.rateLimits().redis());
    changed(sections, "rateLimits.global", running, next, config -> config.rateLimits().global());
    changed(sections, "rateLimits.maxBuckets", running, next, config -> config.rateLimits().maxBuckets());
    changed(sections, "rateLimits.preAuthentication", running, next,
        config -> config.rateLimits().preAuthentication());
    changed(sections, "rateLimits.outbound", running, next, config -> config.rateLimits().outbound());
    return sections;
  }

  private static void changed(List<String> out, String name, GatewayConfig before, GatewayConfig after,
      Function<GatewayConfig, Object> part) {
    if (!Objects.equals(part.apply(before), part.apply(after))) {
      out.add(name);
    }
  }

  /** Describes client changes by id (never by credentials): added, removed, changed. */
  private static Optional<String> clientChanges(List<ClientConfig> before, List<ClientConfig> after) {
    Map<String, ClientConfig> old = byId(before);
    Map<String, ClientConfig> now = byId(after);
    TreeSet<String> added = new TreeSet<>(now.keySet());
    added.removeAll(old.keySet());
    TreeSet<String> removed = new TreeSet<>(old.keySet());
    removed.removeAll(now.keySet());
    TreeSet<String> modified = new TreeSet<>();
    now.forEach((id, client) -> {
      if (old.containsKey(id) && !old.get(id).equals(client)) {
        modified.add(id);
      }
    });
    if (added.isEmpty() && removed.isEmpty() && modified.isEmpty()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    if (!added.isEmpty()) {
      parts.add("added " + added);
    }
    if (!removed.isEmpty()) {
      parts.add("removed " + removed);
    }
    if (!modified.isEmpty()) {
      parts.add("changed " + modified);
    }
    return Optional.of("clients (" + String.join(", ", parts) + ")");
  }

  private static Map<String, ClientConfig> byId(List<ClientConfig> clients) {
    Map<String, ClientConfig> out = new LinkedHashMap<>();
    clients.forEach(client -> out.put(client.id(), client));
    return out;
  }
}
