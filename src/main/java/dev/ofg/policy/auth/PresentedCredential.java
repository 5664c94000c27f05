package dev.ofg.policy.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Classifies what a request presents as credentials, from its {@code Authorization} and {@code X-API-Key} headers.
 */
sealed interface PresentedCredential {
  /** Caps any header value we look at; API keys and tokens are far shorter. */
  int MAX_HEADER_CHARS = 64 * 1024;

  /** Nothing was presented. */
  record Missing() implements PresentedCredential {
  }

  /** Something was presented that no scheme we accept can read. */
  record Unreadable() implements PresentedCredential {
  }

  /** An API key, from {@code X-API-Key} or {@code Authorization: Bearer <key>}. */
  record ApiKey(String key) implements PresentedCredential {
    @Override
    public String toString() {
      return "ApiKey[****]";
    }
  }

  /** HTTP Basic with the client id as user and one of its API keys as password. */
  record Login(String clientId, String apiKey) implements PresentedCredential {
    @Override
    public String toString() {
      return "Login[" + clientId + ", ****]";
    }
  }

  /** {@code Authorization: Bearer <jws>}: three base64url parts whose header is JSON. */
  record BearerToken(String token) implements PresentedCredential {
    @Override
    public String toString() {
      return "BearerToken[****]";
    }
  }

  /**
   * Reads the headers. {@code X-API-Key} wins over {@code Authorization}, as before tokens existed. A bearer value
   * is a token only when it looks like a JWS, so an existing API key keeps working as a bearer credential.
   */
  static PresentedCredential of(String authorization, String apiKeyHeader) {
    if (apiKeyHeader != null) {
      String key = apiKeyHeader.trim();
      return key.isEmpty() || key.length() > MAX_HEADER_CHARS ? new Unreadable() : new ApiKey(key);
    }
    if (authorization == null) {
      return new Missing();
    }
    String value = authorization.trim();
    int space = value.indexOf(' ');
    if (space < 0 || value.length() > MAX_HEADER_CHARS) {
      return new Unreadable();
    }
    String scheme = value.substring(0, space);
    String credentials = value.substring(space + 1).trim();
    if (scheme.equalsIgnoreCase("Bearer")) {
      return CompactJws.looksLikeJws(credentials) ? new BearerToken(credentials) : new ApiKey(credentials);
    }
    if (scheme.equalsIgnoreCase("Basic")) {
      return basic(credentials);
    }
    return new Unreadable();
  }

  private static PresentedCredential basic(String credentials) {
    try {
      String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? new Unreadable() : new Login(decoded.substring(0, colon), decoded.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      return new Unreadable();
    }
  }
}
