package dev.ofg.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Holds the reloadable part of the configuration: roles and the clients that hold them. */
public record PolicyConfig(Map<String, RoleConfig> roles, List<ClientConfig> clients) {

  public PolicyConfig {
    roles = Map.copyOf(roles);
    clients = List.copyOf(clients);
    Map<String, String> seenIds = new HashMap<>();
    Map<Integer, String> seenUids = new HashMap<>();
    Map<String, String> seenKeys = new HashMap<>();
    for (ClientConfig client : clients) {
      if (seenIds.put(client.id(), client.id()) != null) {
        throw new IllegalArgumentException("clients: duplicate id \"" + client.id() + "\" (expected: unique ids)");
      }
      String other = seenUids.put(client.uid(), client.id());
      if (other != null) {
        throw new IllegalArgumentException("clients: uid " + client.uid() + " used by " + other + " and "
            + client.id() + " (expected: unique uids)");
      }
      for (String role : client.roles()) {
        if (!roles.containsKey(role)) {
          throw new IllegalArgumentException("clients." + client.id() + ".roles: \"" + role
              + "\" (expected one of: " + roles.keySet() + ")");
        }
      }
      for (String key : client.apiKeySha256()) {
        String owner = seenKeys.put(key, client.id());
        if (owner != null) {
          throw new IllegalArgumentException("clients: one API key is shared by " + owner + " and " + client.id()
              + " (expected: a key per client)");
        }
      }
    }
  }

  static PolicyConfig read(ConfigReader in) {
    Map<String, RoleConfig> roles = new LinkedHashMap<>();
    in.namedSections("roles").forEach((name, section) -> {
      RoleConfig role = RoleConfig.read(name, section);
      if (role != null) {
        roles.put(name, role);
      }
    });
    List<ClientConfig> clients = in.each(in.sections("clients"), ClientConfig::read);
    if (in.hasProblems()) {
      return null;
    }
    return in.build(() -> new PolicyConfig(roles, clients));
  }
}
