package dev.ofg.policy.auth;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RequestKeys;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.PolicyHolder;
import dev.ofg.policy.PolicySnapshot;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Authenticates a client on the canonical API from {@code Authorization: Bearer <api key>},
 * {@code X-API-Key}, or HTTP Basic with the client id and API key.
 */
public final class ClientAuthenticationHandler implements Handler<RoutingContext> {
  /** RoutingContext key of the authenticated {@link GatewayClient}. */
  public static final String CLIENT = "ofg.client";

  private final PolicyHolder policy;

  public ClientAuthenticationHandler(PolicyHolder policy) {
    this.policy = policy;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<GatewayClient> client = authenticate(policy.current(), ctx.request().getHeader("Authorization"),
        ctx.request().getHeader("X-API-Key"));
    if (client.isEmpty()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"odoo-finance-gateway\"");
      ctx.fail(GatewayException.of(ProblemCode.UNAUTHENTICATED,
          "send an API key as 'Authorization: Bearer <key>' or 'X-API-Key'"));
      return;
    }
    ctx.put(CLIENT, client.get());
    ctx.put(RequestKeys.CLIENT_ID, client.get().id());
    ctx.next();
  }

  /** Returns the client for the request's credentials, if they are valid. */
  public static Optional<GatewayClient> authenticate(PolicySnapshot snapshot, String authorization, String apiKeyHeader) {
    if (apiKeyHeader != null) {
      return snapshot.byApiKey(apiKeyHeader.trim());
    }
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.trim();
    int space = value.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = value.substring(0, space);
    String credentials = value.substring(space + 1).trim();
    if (scheme.equalsIgnoreCase("Bearer")) {
      return snapshot.byApiKey(credentials);
    }
    if (scheme.equalsIgnoreCase("Basic")) {
      try {
        String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty() : snapshot.byLogin(decoded.substring(0, colon), decoded.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
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
