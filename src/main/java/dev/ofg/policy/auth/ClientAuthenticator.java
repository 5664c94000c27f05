package dev.ofg.policy.auth;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.PolicyHolder;
import dev.ofg.policy.PolicySnapshot;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Decides which configured client a request comes from, given its credential headers, with no HTTP involved:
 * a bearer JWT goes to the {@link JwtAuthenticator}, anything else is an API key (Bearer, {@code X-API-Key}, or
 * HTTP Basic with the client id).
 *
 * <p>Admin rule: a client is admin only when a verified token carries the configured admin role
 * ({@code gateway-admin}) <em>and</em> the client's configuration grants admin (a role with {@code admin: true}).
 * The token alone cannot make an integration client admin (an IdP mistake does not escalate it), and the
 * configuration alone does not either: API keys and Basic logins are long-lived shared secrets and never grant
 * admin.
 */
public final class ClientAuthenticator {
  private final PolicyHolder policy;
  private final JwtAuthenticator jwt;

  /** Accepts API keys only; a bearer JWT is then looked up as an API key (and fails). */
  public ClientAuthenticator(PolicyHolder policy) {
    this(policy, null);
  }

  /** Accepts API keys and, when {@code jwt} is not null, bearer JWTs. */
  public ClientAuthenticator(PolicyHolder policy, JwtAuthenticator jwt) {
    this.policy = policy;
    this.jwt = jwt;
  }

  /** Returns the client the credentials belong to, or fails with {@code UNAUTHENTICATED}. */
  public Future<GatewayClient> authenticate(String authorization, String apiKeyHeader) {
    PresentedCredential credential = PresentedCredential.of(authorization, apiKeyHeader);
    PolicySnapshot snapshot = policy.current();
    if (credential instanceof PresentedCredential.BearerToken && jwt != null) {
      return jwt.authenticate(((PresentedCredential.BearerToken) credential).token(), snapshot)
          .map(VerifiedToken::client);
    }
    return apiKeyClient(credential, snapshot)
        .map(client -> Future.succeededFuture(withAdmin(client, false)))
        .orElseGet(() -> Future.failedFuture(failure(credential)));
  }

  /** Returns the client for API-key credentials (Bearer key, X-API-Key or Basic), never granting admin. */
  public static Optional<GatewayClient> byApiKey(PolicySnapshot snapshot, String authorization, String apiKeyHeader) {
    return apiKeyClient(PresentedCredential.of(authorization, apiKeyHeader), snapshot)
        .map(client -> withAdmin(client, false));
  }

  private static Optional<GatewayClient> apiKeyClient(PresentedCredential credential, PolicySnapshot snapshot) {
    if (credential instanceof PresentedCredential.ApiKey) {
      return snapshot.byApiKey(((PresentedCredential.ApiKey) credential).key());
    }
    if (credential instanceof PresentedCredential.BearerToken) {
      return snapshot.byApiKey(((PresentedCredential.BearerToken) credential).token());
    }
    if (credential instanceof PresentedCredential.Login) {
      PresentedCredential.Login login = (PresentedCredential.Login) credential;
      return snapshot.byLogin(login.clientId(), login.apiKey());
    }
    return Optional.empty();
  }

  private GatewayException failure(PresentedCredential credential) {
    if (credential instanceof PresentedCredential.Missing) {
      return GatewayException.of(ProblemCode.UNAUTHENTICATED, jwt == null
          ? "send an API key as 'Authorization: Bearer <key>' or 'X-API-Key'"
          : "send a token or an API key as 'Authorization: Bearer <credential>', or an API key as 'X-API-Key'");
    }
    if (credential instanceof PresentedCredential.Unreadable) {
      return GatewayException.of(ProblemCode.UNAUTHENTICATED, "the Authorization header is not in a supported scheme");
    }
    if (credential instanceof PresentedCredential.Login) {
      return GatewayException.of(ProblemCode.UNAUTHENTICATED, "client id or API key not recognised");
    }
    return GatewayException.of(ProblemCode.UNAUTHENTICATED, "API key not recognised");
  }

  /** Returns a copy of {@code client} with the given admin flag. */
  static GatewayClient withAdmin(GatewayClient client, boolean admin) {
    if (client.admin() == admin) {
      return client;
    }
    return new GatewayClient(client.id(), client.name(), client.uid(), client.permissions(), client.companies(), admin,
        client.tier());
  }

  /**
   * Builds the {@code WWW-Authenticate} challenge for a refusal (RFC 6750 section 3): the bare challenge when no
   * credential was sent, with {@code error="invalid_token"} and the safe detail when one was.
   */
  public static String challenge(boolean credentialPresented, Throwable failure) {
    String base = "Bearer realm=\"odoo-finance-gateway\"";
    if (!credentialPresented) {
      return base;
    }
    String detail = failure instanceof GatewayException ? ((GatewayException) failure).detail() : "invalid credentials";
    return base + ", error=\"invalid_token\", error_description=\"" + detail.replaceAll("[\"\\\\\\p{Cntrl}]", "")
        + "\"";
  }
}
