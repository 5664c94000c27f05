package dev.ofg.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Checks credentials like {@code res.users}: a password or, for RPC (non-interactive) logins, an
 * API key is accepted ({@code res.users.apikeys._check_credentials}); JSON-2 takes the API key as a
 * bearer token. Secrets are compared in constant time.
 */
final class OdooAuth {
  private final String database;
  private final List<SandboxUser> users;

  OdooAuth(String database, List<SandboxUser> users) {
    this.database = database;
    this.users = List.copyOf(users);
  }

  /** Opening the registry of an unknown database fails in psycopg2 before any credential check. */
  void checkDatabase(Object db) {
    if (!database.equals(db)) {
      throw OdooError.of(OdooErrorKind.OPERATIONAL_ERROR,
          "connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: FATAL:  database \""
              + db + "\" does not exist\n");
    }
  }

  /** {@code common.authenticate}: the uid, or empty for a wrong login or password. */
  Optional<SandboxUser> login(Object login, Object password) {
    if (!(login instanceof String l) || !(password instanceof String p)) {
      return Optional.empty();
    }
    for (SandboxUser u : users) {
      if (u.login().equals(l) && (same(u.password(), p) || same(u.apiKey(), p))) {
        return Optional.of(u);
      }
    }
    return Optional.empty();
  }

  /** {@code object} service: the uid must exist and the password (or API key) match, else AccessDenied. */
  SandboxUser checkUid(long uid, Object password) {
    for (SandboxUser u : users) {
      if (u.uid() == uid && password instanceof String p && (same(u.password(), p) || same(u.apiKey(), p))) {
        return u;
      }
    }
    throw OdooError.accessDenied();
  }

  Optional<SandboxUser> byApiKey(String key) {
    for (SandboxUser u : users) {
      if (same(u.apiKey(), key)) {
        return Optional.of(u);
      }
    }
    return Optional.empty();
  }

  Optional<SandboxUser> byUid(long uid) {
    return users.stream().filter(u -> u.uid() == uid).findFirst();
  }

  String database() {
    return database;
  }

  private static boolean same(String expected, String given) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
