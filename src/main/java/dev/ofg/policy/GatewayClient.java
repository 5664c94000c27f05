package dev.ofg.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Describes an authenticated integration client as the policies see it: who it is and what its roles grant.
 *
 * @param permissions Odoo model to the methods the client may call on it (deny by default)
 * @param companies the Odoo companies the client is bound to; empty means the service account's own
 * @param admin whether the client holds the gateway admin role
 */
public record GatewayClient(
    String id,
    String name,
    int uid,
    Map<String, Set<String>> permissions,
    List<Integer> companies,
    boolean admin,
    String tier) {

  public GatewayClient {
    permissions = Map.copyOf(permissions);
    companies = List.copyOf(companies);
  }

  /** Tells whether the client may call {@code method} on {@code model}. */
  public boolean may(String model, String method) {
    Set<String> methods = permissions.get(model);
    return methods != null && methods.contains(method);
  }
}
