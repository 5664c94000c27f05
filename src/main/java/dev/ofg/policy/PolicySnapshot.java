package dev.ofg.policy;

import dev.ofg.config.ClientConfig;
import dev.ofg.config.PolicyConfig;
import dev.ofg.config.RoleConfig;
import dev.ofg.policy.schema.SchemaCatalog;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds one immutable, pre-computed view of clients and their permissions, swapped as a whole on reload.
 */
public final class PolicySnapshot {
  private final Map<String, GatewayClient> byId;
  private final Map<Integer, GatewayClient> byUid;
  private final Map<String, GatewayClient> byKeyHash;
  private final SchemaCatalog schemas;

  private PolicySnapshot(Map<String, GatewayClient> byId, Map<Integer, GatewayClient> byUid,
      Map<String, GatewayClient> byKeyHash, SchemaCatalog schemas) {
    this.byId = Map.copyOf(byId);
    this.byUid = Map.copyOf(byUid);
    this.byKeyHash = Map.copyOf(byKeyHash);
    this.schemas = schemas;
  }

  /** Builds a snapshot; the schema catalog is compiled by the caller so a bad schema fails the whole reload. */
  public static PolicySnapshot of(PolicyConfig config, SchemaCatalog schemas) {
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
    return new PolicySnapshot(byId, byUid, byKeyHash, schemas);
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

  public int size() {
    return byId.size();
  }
}
