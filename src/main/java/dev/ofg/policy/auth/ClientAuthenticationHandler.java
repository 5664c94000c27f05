package dev.ofg.policy.auth;

import dev.ofg.http.RequestKeys;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.PolicyHolder;
import dev.ofg.policy.PolicySnapshot;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.util.Optional;

/**
 * Authenticates a client on the canonical API from {@code Authorization: Bearer <token or API key>},
 * {@code X-API-Key}, or HTTP Basic with the client id and API key; the decision is {@link ClientAuthenticator}'s.
 */
public final class ClientAuthenticationHandler implements AuthenticationHandler {
  /** RoutingContext key of the authenticated {@link GatewayClient}. */
  public static final String CLIENT = "ofg.client";

  private final ClientAuthenticator authenticator;

  /** Accepts API keys only. */
  public ClientAuthenticationHandler(PolicyHolder policy) {
    this(new ClientAuthenticator(policy));
  }

  public ClientAuthenticationHandler(ClientAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    String apiKey = ctx.request().getHeader("X-API-Key");
    authenticator.authenticate(authorization, apiKey).onComplete(result -> {
      if (result.failed()) {
        ctx.response().putHeader("WWW-Authenticate",
            ClientAuthenticator.challenge(authorization != null || apiKey != null, result.cause()));
        ctx.fail(result.cause());
        return;
      }
      ctx.put(CLIENT, result.result());
      ctx.put(RequestKeys.CLIENT_ID, result.result().id());
      ctx.next();
    });
  }

  /** Returns the client for API-key credentials (never a JWT), if they are valid; admin is never granted. */
  public static Optional<GatewayClient> authenticate(PolicySnapshot snapshot, String authorization, String apiKeyHeader) {
    return ClientAuthenticator.byApiKey(snapshot, authorization, apiKeyHeader);
  }

  /** Returns the client a previous handler authenticated. */
  public static GatewayClient client(RoutingContext ctx) {
    GatewayClient client = ctx.get(CLIENT);
    if (client == null) {
      throw new IllegalStateException("route is missing ClientAuthenticationHandler");
    }
    return client;
  }
}
