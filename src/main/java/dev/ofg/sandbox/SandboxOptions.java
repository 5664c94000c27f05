package dev.ofg.sandbox;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Configures an {@link OdooSandbox}: where it listens, which database name and Odoo series it
 * imitates, its users and whether demo data is loaded.
 *
 * @param port TCP port, {@code 0} for a random free port
 * @param serverVersion the Odoo series to imitate: {@code "17.0"}, {@code "18.0"} or {@code "19.0"}
 * @param users the users; uids, logins and API keys must be unique
 * @param statementImportModule whether the statement-import module is installed: it adds
 *     {@code unique_import_id} (with its unique constraint) to {@code account.bank.statement.line};
 *     without it the field does not exist, as on a plain Odoo with only the {@code account} module
 */
public record SandboxOptions(
    String host, int port, String database, String serverVersion, List<SandboxUser> users, boolean seedDemoData,
    boolean statementImportModule) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8069;
  public static final String DEFAULT_DATABASE = "demo";
  public static final String DEFAULT_SERVER_VERSION = "19.0";
  public static final List<String> SUPPORTED_SERVER_VERSIONS = List.of("17.0", "18.0", "19.0");
  /** Odoo's first real user (base.user_admin); uid 1 is OdooBot / the superuser. */
  public static final long DEFAULT_ADMIN_UID = 2;
  public static final long DEFAULT_SERVICE_UID = 6;

  public SandboxOptions {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host: " + host + " (expected: non-blank)");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
    }
    if (database == null || database.isBlank()) {
      throw new IllegalArgumentException("database: " + database + " (expected: non-blank)");
    }
    if (!SUPPORTED_SERVER_VERSIONS.contains(serverVersion)) {
      throw new IllegalArgumentException("serverVersion: " + serverVersion + " (expected: one of "
          + SUPPORTED_SERVER_VERSIONS + ")");
    }
    if (users == null || users.isEmpty()) {
      throw new IllegalArgumentException("users: " + users + " (expected: at least one user)");
    }
    users = List.copyOf(users);
    checkUnique(users);
  }

  /** Options with the statement-import module installed. */
  public SandboxOptions(String host, int port, String database, String serverVersion, List<SandboxUser> users,
      boolean seedDemoData) {
    this(host, port, database, serverVersion, users, seedDemoData, true);
  }

  private static void checkUnique(List<SandboxUser> users) {
    Set<Long> uids = new HashSet<>();
    Set<String> logins = new HashSet<>();
    Set<String> keys = new HashSet<>();
    for (SandboxUser u : users) {
      if (!uids.add(u.uid())) {
        throw new IllegalArgumentException("users: uid " + u.uid() + " appears twice (expected: unique uids)");
      }
      if (!logins.add(u.login())) {
        throw new IllegalArgumentException("users: login " + u.login() + " appears twice (expected: unique logins)");
      }
      if (!keys.add(u.apiKey())) {
        throw new IllegalArgumentException("users: an API key appears twice (expected: unique API keys)");
      }
    }
  }

  /**
   * Default options: 127.0.0.1:8069, database "demo", Odoo 19.0, demo data, an admin (uid 2, login
   * "admin", both companies) and a finance service user (uid 6, login "gateway", company 1 only).
   * Passwords and API keys are random per call, so no secret is ever a literal.
   */
  public static SandboxOptions defaults() {
    SandboxUser admin = SandboxUser.admin(DEFAULT_ADMIN_UID, "admin", randomSecret(), randomSecret(),
        List.of(1L, 2L));
    SandboxUser service = SandboxUser.financeService(DEFAULT_SERVICE_UID, "gateway", randomSecret(),
        randomSecret(), List.of(1L));
    return new SandboxOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_DATABASE, DEFAULT_SERVER_VERSION,
        List.of(admin, service), true);
  }

  /** Generates a 192-bit URL-safe random secret for passwords and API keys. */
  public static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public SandboxOptions withHost(String newHost) {
    return new SandboxOptions(newHost, port, database, serverVersion, users, seedDemoData, statementImportModule);
  }

  public SandboxOptions withPort(int newPort) {
    return new SandboxOptions(host, newPort, database, serverVersion, users, seedDemoData, statementImportModule);
  }

  public SandboxOptions withDatabase(String newDatabase) {
    return new SandboxOptions(host, port, newDatabase, serverVersion, users, seedDemoData, statementImportModule);
  }

  public SandboxOptions withServerVersion(String newServerVersion) {
    return new SandboxOptions(host, port, database, newServerVersion, users, seedDemoData, statementImportModule);
  }

  public SandboxOptions withUsers(List<SandboxUser> newUsers) {
    return new SandboxOptions(host, port, database, serverVersion, newUsers, seedDemoData, statementImportModule);
  }

  public SandboxOptions withSeedDemoData(boolean seed) {
    return new SandboxOptions(host, port, database, serverVersion, users, seed, statementImportModule);
  }

  /** Installs or removes the statement-import module (and with it {@code unique_import_id}). */
  public SandboxOptions withStatementImportModule(boolean installed) {
    return new SandboxOptions(host, port, database, serverVersion, users, seedDemoData, installed);
  }

  /** The user with this login. */
  public SandboxUser user(String login) {
    return users.stream().filter(u -> u.login().equals(login)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("login: " + login + " (expected: a configured login)"));
  }

  OdooVersion version() {
    return OdooVersion.parse(serverVersion);
  }
}
