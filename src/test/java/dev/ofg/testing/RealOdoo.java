package dev.ofg.testing;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Describes the real Odoo a {@code real-odoo} test runs against, read from the environment
 * ({@code OFG_ODOO_URL}, {@code OFG_ODOO_DB}, {@code OFG_ODOO_LOGIN}, {@code OFG_ODOO_PASSWORD},
 * {@code OFG_ODOO_API_KEY}, {@code OFG_ODOO_ADMIN_LOGIN}, {@code OFG_ODOO_ADMIN_PASSWORD}).
 *
 * <p>Missing settings fail the test loudly instead of skipping it: a contract suite that silently runs nothing
 * proves nothing. The API key is optional (only JSON-2 needs it); every other setting is required.
 *
 * @param login the service account the gateway uses
 * @param adminLogin an administrator, used only by tests to prepare data and read back what Odoo stored
 */
public record RealOdoo(String url, String database, String login, String password, String apiKey,
    String adminLogin, String adminPassword) {

  /** The JUnit tag of tests that need a real Odoo; {@code ./mvnw verify -Preal-odoo} runs them. */
  public static final String TAG = "real-odoo";

  public static RealOdoo fromEnvironment() {
    return from(System.getenv());
  }

  static RealOdoo from(Map<String, String> env) {
    List<String> missing = new ArrayList<>();
    String url = required(env, "OFG_ODOO_URL", missing);
    String database = required(env, "OFG_ODOO_DB", missing);
    String login = required(env, "OFG_ODOO_LOGIN", missing);
    String password = required(env, "OFG_ODOO_PASSWORD", missing);
    String adminLogin = required(env, "OFG_ODOO_ADMIN_LOGIN", missing);
    String adminPassword = required(env, "OFG_ODOO_ADMIN_PASSWORD", missing);
    if (!missing.isEmpty()) {
      throw new IllegalStateException("tests tagged " + TAG + " need a real Odoo; set " + String.join(", ", missing)
          + " (see docs/contract-suite.md)");
    }
    String apiKey = env.get("OFG_ODOO_API_KEY");
    return new RealOdoo(url.replaceAll("/+$", ""), database, login, password,
        apiKey == null || apiKey.isBlank() ? null : apiKey.trim(), adminLogin, adminPassword);
  }

  private static String required(Map<String, String> env, String name, List<String> missing) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      missing.add(name);
      return null;
    }
    return value.trim();
  }

  /** Returns the API key, failing when a JSON-2 test runs without one. */
  public String requireApiKey() {
    if (apiKey == null) {
      throw new IllegalStateException("this test calls Odoo over JSON-2; set OFG_ODOO_API_KEY");
    }
    return apiKey;
  }

  /** Returns a direct JSON-RPC client of this Odoo as the administrator (to prepare and verify). */
  public OdooJsonRpc admin(Vertx vertx) {
    return new OdooJsonRpc(vertx, url, database, adminLogin, adminPassword);
  }

  /** Returns a direct JSON-RPC client of this Odoo as the gateway's service account. */
  public OdooJsonRpc service(Vertx vertx) {
    return new OdooJsonRpc(vertx, url, database, login, password);
  }

  @Override
  public String toString() {
    return "RealOdoo[" + url + ", db " + database + ", login " + login + "]";
  }
}
