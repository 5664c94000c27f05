package dev.ofg.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Describes one integration client: its identity, credentials (held only as SHA-256 hashes), roles and
 * the Odoo companies it may reach.
 *
 * @param uid the user id the Odoo-compatible facade reports to this client at login; it is the
 *     client's own, never the service account's
 */
public record ClientConfig(
    String id,
    String name,
    int uid,
    List<String> roles,
    List<Integer> companies,
    List<String> apiKeySha256,
    String tier) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public ClientConfig {
    if (!ID.matcher(Objects.requireNonNull(id, "id")).matches()) {
      throw new IllegalArgumentException("id: \"" + id + "\" (expected: lower-case letters, digits, . _ -, at most 64)");
    }
    if (uid < 1) {
      throw new IllegalArgumentException("uid: " + uid + " (expected: >= 1)");
    }
    for (String hash : apiKeySha256) {
      if (!SHA256_HEX.matcher(hash).matches()) {
        throw new IllegalArgumentException("apiKeys: a sha256 value (expected: 64 lower-case hex digits)");
      }
    }
    roles = List.copyOf(roles);
    companies = List.copyOf(companies);
    apiKeySha256 = List.copyOf(apiKeySha256);
    name = name == null ? id : name;
    tier = tier == null ? "standard" : tier;
  }

  /** Hashes an API key as the configuration stores it: lower-case hex SHA-256 of its UTF-8 bytes. */
  public static String sha256Hex(String apiKey) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(apiKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
    }
  }

  /** Derives a stable facade uid from the client id when none is configured. */
  static int defaultUid(String id) {
    return 100_000 + Math.floorMod(id.hashCode(), 900_000);
  }

  static ClientConfig read(ConfigReader in) {
    String id = in.requiredString("id");
    String name = in.string("name", id);
    int uid = in.integer("uid", defaultUid(id), 1, Integer.MAX_VALUE);
    List<String> roles = in.strings("roles");
    List<Integer> companies = in.integers("companies", 1, Integer.MAX_VALUE);
    List<String> hashes = new ArrayList<>();
    for (ConfigReader key : in.sections("apiKeys")) {
      String sha256 = key.string("sha256", null);
      Secret plain = key.secret("key", false);
      if (sha256 != null && plain != null) {
        key.problem("sha256", "set together with key (expected: only one of them)");
      } else if (sha256 != null) {
        hashes.add(sha256.toLowerCase(Locale.ROOT));
      } else if (plain != null) {
        hashes.add(sha256Hex(plain.reveal()));
      } else if (!key.has("key") && !key.has("keyFile")) {
        key.problem("sha256", "missing (expected: sha256: <hex> or key: ${ENV_VAR} or keyFile: /path)");
      }
      // A key whose variable is unset or empty is skipped: unsetting the variable disables the key.
      key.rejectUnknownKeys();
    }
    String tier = in.string("tier", "standard");
    in.rejectUnknownKeys();
    return in.build(() -> new ClientConfig(id, name, uid, roles, companies, hashes, tier));
  }

  @Override
  public String toString() {
    return "ClientConfig[id=" + id + ", uid=" + uid + ", roles=" + roles + ", companies=" + companies
        + ", apiKeys=" + apiKeySha256.size() + ", tier=" + tier + "]";
  }
}
