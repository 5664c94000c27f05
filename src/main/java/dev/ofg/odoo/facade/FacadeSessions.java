package dev.ofg.odoo.facade;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Keeps the gateway's own web sessions for {@code /web/session/authenticate} clients: a random session id
 * bound to a gateway client id, never to an Odoo session.
 *
 * <p>Sessions live in this process; behind a load balancer without stickiness a client re-authenticates
 * after Odoo's "session expired" answer, which every Odoo client library already handles.
 */
public final class FacadeSessions {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Cache<String, String> sessions;

  public FacadeSessions(Duration idleTimeout, long maxSessions) {
    this.sessions = Caffeine.newBuilder().expireAfterAccess(idleTimeout).maximumSize(maxSessions).build();
  }

  public String open(String clientId) {
    byte[] bytes = new byte[30];
    RANDOM.nextBytes(bytes);
    String id = HexFormat.of().formatHex(bytes);
    sessions.put(id, clientId);
    return id;
  }

  public Optional<String> clientId(String sessionId) {
    if (sessionId == null || sessionId.length() != 60) {
      return Optional.empty();
    }
    return Optional.ofNullable(sessions.getIfPresent(sessionId));
  }

  public void close(String sessionId) {
    if (sessionId != null) {
      sessions.invalidate(sessionId);
    }
  }
}
