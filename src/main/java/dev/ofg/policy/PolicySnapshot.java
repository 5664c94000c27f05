package dev.ofg.policy;

import dev.ofg.config.ClientConfig;
import dev.ofg.config.GatewayConfig;
import dev.ofg.config.PolicyConfig;
import dev.ofg.config.RateLimitConfig;
import dev.ofg.config.RequestLimitsConfig;
import dev.ofg.config.RoleConfig;
import dev.ofg.config.ServerConfig;
import dev.ofg.policy.limits.RequestLimits;
import dev.ofg.policy.schema.SchemaCatalog;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds one immutable, pre-computed view of everything a reload may change (clients and their permissions,
 * JSON Schemas, body limits, rate limits), swapped as a whole so no request ever sees half of a reload.
 */
public final class PolicySnapshot {
  private final Map<String, GatewayClient> byId;
  private final Map<Integer, GatewayClient> byUid;
  private final Map<String, GatewayClient> byKeyHash;
  private final SchemaCatalog schemas;
  private final RequestLimits requestLimits;
  private final RateLimitConfig rateLimits;

  private PolicySnapshot(Map<String, GatewayClient> byId, Map<Integer, GatewayClient> byUid,
      Map<String, GatewayClient> byKeyHash, SchemaCatalog schemas, RequestLimits requestLimits,
      RateLimitConfig rateLimits) {
    this.byId = Map.copyOf(byId);
    this.byUid = Map.copyOf(byUid);
    this.byKeyHash = Map.copyOf(byKeyHash);
    this.schemas = schemas;
    this.requestLimits = requestLimits;
    this.rateLimits = rateLimits;
  }

  /** Builds a snapshot with built-in body limits and no rate-limit configuration (tests of one policy). */
  public static PolicySnapshot of(PolicyConfig config, SchemaCatalog schemas) {
    return of(config, schemas, RequestLimits.compile(RequestLimitsConfig.none(), ServerConfig.DEFAULT_MAX_BODY_BYTES),
        null);
  }

  /**
   * Builds the snapshot of a whole configuration; the schema catalog is compiled by the caller (it reads files),
   * so a bad schema fails the whole start or reload.
   */
  public static PolicySnapshot of(GatewayConfig config, SchemaCatalog schemas) {
    return of(config.policy(), schemas, RequestLimits.compile(config.limits(), config.server().maxBodyBytes()),
        config.rateLimits());
  }

  private static PolicySnapshot of(PolicyConfig config, SchemaCatalog schemas, RequestLimits requestLimits,
      RateLimitConfig rateLimits) {
    Map<String, GatewayClient> byId = new LinkedHashMap<>();
    Map<Integer, GatewayClient> byUid = new HashMap<>();
    Map<String, GatewayClient> byKeyHash = new HashMap<>();
    for (ClientConfig clientConfig : config.clients()) {
      GatewayClient client = resolve(clientConfig, config.roles());
      byId.put(client.id(), client);
      byUid.put(client.uid(), client);
      for (String hash : clientConfig.apiKeySha256()) {
        byKeyHash.put(hash, client);
      }
    }
    return new PolicySnapshot(byId, byUid, byKeyHash, schemas, requestLimits, rateLimits);
  }

  private static GatewayClient resolve(ClientConfig client, Map<String, RoleConfig> roles) {
    Map<String, Set<String>> permissions = new HashMap<>();
    boolean admin = false;
    for (String roleName : client.roles()) {
      RoleConfig role = roles.get(roleName);
      admin |= role.admin();
      role.models().forEach((model, methods) ->
          permissions.computeIfAbsent(model, m -> new TreeSet<>()).addAll(methods));
    }
    return new GatewayClient(client.id(), client.name(), client.uid(), permissions, client.companies(), admin,
        client.tier());
  }

  /** Finds the client owning an API key, comparing SHA-256 hashes (the key itself is never stored). */
  public Optional<GatewayClient> byApiKey(String apiKey) {
    if (apiKey == null || apiKey.isEmpty() || apiKey.length() > 512) {
      return Optional.empty();
    }
    return Optional.ofNullable(byKeyHash.get(ClientConfig.sha256Hex(apiKey)));
  }

  public Optional<GatewayClient> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Optional<GatewayClient> byUid(int uid) {
    return Optional.ofNullable(byUid.get(uid));
  }

  /**
   * Authenticates Odoo-style credentials: the client id as login and one of its API keys as password.
   */
  public Optional<GatewayClient> byLogin(String login, String password) {
    return byApiKey(password).filter(client -> client.id().equals(login));
  }

  /** Returns the compiled JSON Schemas of the canonical API. */
  public SchemaCatalog schemas() {
    return schemas;
  }

  /** Returns the body limits of every route. */
  public RequestLimits requestLimits() {
    return requestLimits;
  }

  /** Returns the rate-limit configuration in force, or null when the snapshot was built without one. */
  public RateLimitConfig rateLimits() {
    return rateLimits;
  }

  public int size() {
    return byId.size();
  }
}
