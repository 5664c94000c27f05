package dev.ofg.policy.auth;

import dev.ofg.policy.GatewayClient;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Describes a client authenticated by a verified JWT.
 *
 * @param client the configured client the token names; {@code admin} is already the effective admin flag
 *     (see {@link ClientAuthenticator} for the rule)
 * @param roles the roles the token carries, as read from the configured roles claim
 * @param expiresAt when the token stops being accepted (before clock skew)
 */
public record VerifiedToken(GatewayClient client, Set<String> roles, Instant expiresAt) {
  public VerifiedToken {
    Objects.requireNonNull(client, "client");
    roles = Set.copyOf(roles);
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
