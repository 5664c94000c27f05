package dev.ofg.policy.ratelimit;

import dev.ofg.config.RateLimitConfig.PriorityTier;
import java.util.Objects;

/**
 * Identifies what one decision is about: whose bucket (client and route class) and which tier's share
 * of the global budget the request draws on.
 *
 * @param clientId the authenticated client id, or the remote address for pre-authentication limits
 */
public record RateLimitKey(String clientId, String routeClass, PriorityTier tier) {
  public RateLimitKey {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(routeClass, "routeClass");
    Objects.requireNonNull(tier, "tier");
  }
}
