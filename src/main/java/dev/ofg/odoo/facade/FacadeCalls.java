package dev.ofg.odoo.facade;

import dev.ofg.http.CorrelationHandler;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RequestKeys;
import dev.ofg.odoo.OdooCall;
import dev.ofg.odoo.OdooClient;
import dev.ofg.policy.GatewayClient;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Runs one Odoo call for an authenticated facade client: deny by default, then forward as the service account.
 *
 * <p>Every facade route (JSON-RPC, XML-RPC, web session, JSON-2) ends here, so the allowlist is enforced in
 * exactly one place.
 */
public final class FacadeCalls {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]{0,127}");
  private static final Pattern METHOD = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,127}");

  private final OdooClient odoo;

  public FacadeCalls(OdooClient odoo) {
    this.odoo = odoo;
  }

  public Future<Object> execute(RoutingContext ctx, GatewayClient client, OdooCall call) {
    ctx.put(RequestKeys.CLIENT_ID, client.id());
    if (!NAME.matcher(call.model()).matches() || !METHOD.matcher(call.method()).matches()) {
      // Odoo refuses private methods (leading underscore) over RPC; so does the gateway, before any lookup.
      return Future.failedFuture(GatewayException.of(ProblemCode.FORBIDDEN,
          "'" + abbreviate(call.model()) + "." + abbreviate(call.method()) + "' is not a callable model method"));
    }
    ctx.put(RequestKeys.ODOO_MODEL, call.model());
    ctx.put(RequestKeys.ODOO_METHOD, call.method());
    if (!client.may(call.model(), call.method())) {
      ctx.put(RequestKeys.REASON, "not in allowlist: " + call.model() + "." + call.method());
      return Future.failedFuture(GatewayException.of(ProblemCode.FORBIDDEN,
          "client '" + client.id() + "' may not call " + call.method() + " on " + call.model()));
    }
    return odoo.execute(call, CorrelationHandler.trace(ctx));
  }

  private static String abbreviate(String text) {
    String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() <= 64 ? printable : printable.substring(0, 64) + "...";
  }
}
