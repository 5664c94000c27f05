package dev.ofg.sandbox;

import dev.ofg.sandbox.MethodSignature.Param;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * Serves {@code POST /jsonrpc} (odoo/addons/base/controllers/rpc.py, 19.0 addons/rpc): a JSON-RPC
 * 2.0 envelope whose params are {@code service}, {@code method} and {@code args}, dispatched to
 * {@link RpcServices}; the route has {@code auth='none'}, credentials travel in {@code args}.
 */
final class SandboxJsonRpcRoutes {
  static final String PATH = "/jsonrpc";

  private final SandboxServices services;
  private final RpcServices rpc;
  private final MethodSignature endpoint;

  SandboxJsonRpcRoutes(SandboxServices services) {
    this.services = services;
    this.rpc = new RpcServices(services);
    // The controller class defining jsonrpc(): RPC before 19.0, JSONRPC in 19.0's rpc addon.
    String owner = services.version().atLeast(OdooVersion.V19) ? "JSONRPC" : "RPC";
    this.endpoint = MethodSignature.model(owner + ".jsonrpc", Param.required("service"), Param.required("method"),
        Param.required("args"));
  }

  void mount(Router router, FaultInjectionHandler faults) {
    router.route(PATH).handler(OdooBodyHandler.create()).handler(faults).handler(this::handle);
  }

  private void handle(RoutingContext rc) {
    JsonRpcExchange exchange = JsonRpcExchange.accept(rc, services.version(), PATH);
    if (exchange == null || !exchange.parse()) {
      return;
    }
    exchange.run(() -> {
      Map<String, Object> a = JsonRpcExchange.bindEndpoint(endpoint, exchange.params());
      List<Object> args = JsonValues.asList(a.get("args"));
      if (args == null) {
        throw OdooError.typeError(PythonRepr.str(a.get("method")) + "() argument after * must be an iterable, not "
            + StandardMethods.pythonTypeName(a.get("args")));
      }
      return rpc.dispatch(a.get("service"), a.get("method"), args);
    });
  }
}
