package dev.ofg.odoo.facade;

import dev.ofg.http.CorrelationHandler;
import dev.ofg.odoo.OdooClient;
import dev.ofg.policy.GatewayClient;
import dev.ofg.policy.PolicyHolder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shares what every facade protocol needs: the call pipeline, client lookup, sessions, the database name
 * clients must use, and the dialect of the Odoo behind the gateway.
 */
public final class FacadeContext {
  private final FacadeCalls calls;
  private final PolicyHolder policy;
  private final FacadeSessions sessions;
  private final OdooClient odoo;
  private final String database;
  private final AtomicReference<OdooDialect> dialect = new AtomicReference<>(OdooDialect.of(null));

  public FacadeContext(FacadeCalls calls, PolicyHolder policy, FacadeSessions sessions, OdooClient odoo,
      String database) {
    this.calls = calls;
    this.policy = policy;
    this.sessions = sessions;
    this.odoo = odoo;
    this.database = database;
  }

  FacadeCalls calls() {
    return calls;
  }

  FacadeSessions sessions() {
    return sessions;
  }

  String database() {
    return database;
  }

  OdooDialect dialect() {
    return dialect.get();
  }

  /** Returns Odoo's version info and learns the dialect from it. */
  Future<JsonObject> version(RoutingContext ctx) {
    return odoo.version(CorrelationHandler.trace(ctx)).andThen(result -> {
      if (result.succeeded()) {
        dialect.set(OdooDialect.of(result.result()));
      }
    });
  }

  /** Learns the dialect ahead of the first client call; a failure leaves the default (the newest Odoo). */
  public Future<Void> warmUp(dev.ofg.http.TraceContext trace) {
    return odoo.version(trace).onSuccess(info -> dialect.set(OdooDialect.of(info))).<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /** Authenticates Odoo-style credentials against the requested database. */
  Optional<GatewayClient> login(String db, String login, String password) {
    if (!database.equals(db) || login == null || password == null) {
      return Optional.empty();
    }
    return policy.current().byLogin(login, password);
  }

  /** Authenticates an {@code execute_kw} caller: its uid and one of its API keys as password. */
  Optional<GatewayClient> byUid(String db, Object uid, String password) {
    if (!database.equals(db) || !(uid instanceof Number) || password == null) {
      return Optional.empty();
    }
    return policy.current().byApiKey(password).filter(client -> client.uid() == ((Number) uid).intValue());
  }

  Optional<GatewayClient> byApiKey(String apiKey) {
    return policy.current().byApiKey(apiKey);
  }

  Optional<GatewayClient> byId(String clientId) {
    return policy.current().byId(clientId);
  }
}
