package dev.ofg.sandbox;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Defines a user of the simulated Odoo: identity, credentials (the API key is accepted as a JSON-2
 * bearer token and, as Odoo does for RPC, as a password), companies and per-model access rights.
 *
 * @param companyIds the user's allowed companies; the first one is the user's default company
 * @param accessRights model name to allowed operations; ignored when {@code admin} is true
 */
public record SandboxUser(
    long uid,
    String login,
    String password,
    String apiKey,
    String name,
    List<Long> companyIds,
    Map<String, Set<AccessMode>> accessRights,
    boolean admin) {

  public SandboxUser {
    if (uid <= 0) {
      throw new IllegalArgumentException("uid: " + uid + " (expected: > 0)");
    }
    requireText("login", login);
    requireText("password", password);
    requireText("apiKey", apiKey);
    requireText("name", name);
    if (companyIds == null || companyIds.isEmpty()) {
      throw new IllegalArgumentException("companyIds: " + companyIds + " (expected: at least one company id)");
    }
    companyIds = List.copyOf(companyIds);
    Map<String, Set<AccessMode>> rights = new LinkedHashMap<>();
    if (accessRights != null) {
      accessRights.forEach((model, modes) -> rights.put(model, Set.copyOf(modes)));
    }
    accessRights = Map.copyOf(rights);
  }

  private static void requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + ": " + (value == null ? "null" : "blank") + " (expected: non-blank)");
    }
  }

  /** Creates an administrator with every right on every model in the given companies. */
  public static SandboxUser admin(long uid, String login, String password, String apiKey, List<Long> companyIds) {
    return new SandboxUser(uid, login, password, apiKey, "Mitchell Admin", companyIds, Map.of(), true);
  }

  /**
   * Creates a service account with the rights a finance integration needs: read reference data,
   * create and update partners, invoices, payments and bank statement lines, no deletion.
   */
  public static SandboxUser financeService(long uid, String login, String password, String apiKey,
      List<Long> companyIds) {
    Set<AccessMode> readOnly = EnumSet.of(AccessMode.READ);
    Set<AccessMode> upsert = EnumSet.of(AccessMode.READ, AccessMode.WRITE, AccessMode.CREATE);
    Map<String, Set<AccessMode>> rights = new LinkedHashMap<>();
    for (String model : List.of("res.currency", "res.company", "account.account", "account.journal",
        "account.tax", "account.move.line")) {
      rights.put(model, readOnly);
    }
    for (String model : List.of("res.partner", "account.move", "account.payment", "account.payment.register",
        "account.bank.statement.line")) {
      rights.put(model, upsert);
    }
    return new SandboxUser(uid, login, password, apiKey, "Gateway Service", companyIds, rights, false);
  }

  /** Whether the user may perform {@code mode} on {@code model}. */
  public boolean can(String model, AccessMode mode) {
    return admin || accessRights.getOrDefault(model, Set.of()).contains(mode);
  }

  /** The user's default company ({@code res.users.company_id}). */
  public long defaultCompanyId() {
    return companyIds.get(0);
  }

  @Override
  public String toString() {
    return "SandboxUser[uid=" + uid + ", login=" + login + ", password=***, apiKey=***, name=" + name
        + ", companyIds=" + companyIds + ", admin=" + admin + ", accessRights=" + accessRights + "]";
  }
}
