package dev.ofg.odoo.facade;

import dev.ofg.http.ApiResponse;
import dev.ofg.http.ErrorFormat;
import dev.ofg.http.ErrorRenderer;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import dev.ofg.http.RequestKeys;
import dev.ofg.http.RouteTemplate;
import dev.ofg.odoo.OdooCall;
import dev.ofg.odoo.xmlrpc.OdooError;
import dev.ofg.odoo.xmlrpc.OdooFaultMapper;
import dev.ofg.odoo.xmlrpc.XmlRpcCall;
import dev.ofg.odoo.xmlrpc.XmlRpcCodec;
import dev.ofg.odoo.xmlrpc.XmlRpcEndpoint;
import dev.ofg.odoo.xmlrpc.XmlRpcException;
import dev.ofg.policy.GatewayClient;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Serves Odoo's XML-RPC endpoints ({@code /xmlrpc/2/common|object|db} and the legacy {@code /xmlrpc/...}),
 * which most existing Odoo integration scripts use, with the same authentication and allowlist as JSON-RPC.
 */
public final class XmlRpcFacade {
  /** Bodies above this size are decoded and encoded on a worker thread, not on the event loop. */
  private static final int INLINE_BYTES = 256 * 1024;

  private final FacadeContext facade;
  private final XmlRpcCodec codec = XmlRpcCodec.create();

  public XmlRpcFacade(FacadeContext facade) {
    this.facade = facade;
  }

  public void mount(Router router, Handler<RoutingContext> body) {
    for (XmlRpcEndpoint endpoint : XmlRpcEndpoint.values()) {
      String template = endpoint.pathPrefix() + ":service";
      router.post(template)
          .handler(RouteTemplate.of(template, ErrorFormat.XML_RPC))
          .handler(body)
          .handler(this::dispatch);
    }
  }

  /** Renders failures as the XML-RPC fault Odoo would send for the same error. */
  public ErrorRenderer errorRenderer() {
    return (ctx, problem, trace) -> {
      XmlRpcEndpoint endpoint = endpoint(ctx);
      Buffer fault;
      if (problem.getCause() instanceof XmlRpcException) {
        fault = codec.encodeFault(OdooFaultMapper.forRejectedRequest((XmlRpcException) problem.getCause(), endpoint));
      } else {
        JsonObject data = OdooErrorNames.errorData(problem);
        fault = codec.encodeOdooError(OdooError.fromJsonRpcErrorData(data), endpoint);
      }
      // A malformed body is an XML-RPC fault in a 200 for Odoo too; gateway conditions keep their status.
      boolean with200 = problem.getCause() instanceof XmlRpcException || OdooErrorNames.answeredWith200(problem);
      var response = ctx.response().setStatusCode(with200 ? 200 : problem.status())
          .putHeader("Content-Type", XmlRpcCodec.CONTENT_TYPE);
      if (problem.retryAfterSeconds() != null) {
        response.putHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
      }
      response.end(fault);
    };
  }

  private void dispatch(RoutingContext ctx) {
    XmlRpcEndpoint endpoint = endpoint(ctx);
    Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    decode(ctx, body).compose(call -> {
      switch (ctx.pathParam("service")) {
        case "common":
          return common(ctx, call).map(value -> new FacadeCalls.Result(value, false));
        case "object":
          return object(ctx, call, body);
        case "db":
          return db(call).map(value -> new FacadeCalls.Result(value, false));
        default:
          return Future.<FacadeCalls.Result>failedFuture(GatewayException.of(ProblemCode.NOT_FOUND,
              "no such XML-RPC service: " + JsonRpcFacade.printable(ctx.pathParam("service"))));
      }
    }).compose(result -> encode(ctx, result.value(), endpoint).map(encoded -> {
      if (result.replayed()) {
        ctx.response().putHeader(ApiResponse.REPLAYED_HEADER, "true");
      }
      return encoded;
    })).onSuccess(encoded -> ctx.response().putHeader("Content-Type", XmlRpcCodec.CONTENT_TYPE).end(encoded))
        .onFailure(ctx::fail);
  }

  private static XmlRpcEndpoint endpoint(RoutingContext ctx) {
    return ctx.request().path().startsWith(XmlRpcEndpoint.XMLRPC_2.pathPrefix())
        ? XmlRpcEndpoint.XMLRPC_2 : XmlRpcEndpoint.XMLRPC_LEGACY;
  }

  private Future<Object> common(RoutingContext ctx, XmlRpcCall call) {
    JsonArray params = call.params();
    switch (call.methodName()) {
      case "version":
        return facade.version(ctx).map(info -> info);
      case "login":
      case "authenticate": {
        Optional<GatewayClient> client = facade.login(string(params, 0), string(params, 1), string(params, 2));
        client.ifPresent(c -> ctx.put(RequestKeys.CLIENT_ID, c.id()));
        return Future.succeededFuture(client.<Object>map(GatewayClient::uid).orElse(false));
      }
      case "about":
        return Future.succeededFuture("See http://openerp.com");
      default:
        return Future.failedFuture(GatewayException.of(ProblemCode.NOT_FOUND,
            "no such method: common." + JsonRpcFacade.printable(call.methodName())));
    }
  }

  private Future<FacadeCalls.Result> object(RoutingContext ctx, XmlRpcCall call, Buffer body) {
    String method = call.methodName();
    JsonArray params = call.params();
    if (!"execute_kw".equals(method) && !"execute".equals(method)) {
      return Future.failedFuture(GatewayException.of(ProblemCode.NOT_FOUND,
          "no such method: object." + JsonRpcFacade.printable(method)));
    }
    if (params.size() < 5) {
      return Future.failedFuture(GatewayException.of(ProblemCode.BAD_REQUEST,
          method + " takes (db, uid, password, model, method, ...)"));
    }
    Optional<GatewayClient> client = facade.byUid(string(params, 0), params.getValue(1), string(params, 2));
    if (client.isEmpty()) {
      return Future.failedFuture(GatewayException.of(ProblemCode.UNAUTHENTICATED, "Access Denied"));
    }
    OdooCall odooCall = "execute_kw".equals(method)
        ? new OdooCall(string(params, 3), string(params, 4), JsonRpcFacade.array(JsonRpcFacade.at(params, 5), "args"),
            JsonRpcFacade.object(JsonRpcFacade.at(params, 6), "kwargs"))
        : new OdooCall(string(params, 3), string(params, 4), new JsonArray(params.getList().subList(5, params.size())),
            new JsonObject());
    if (odooCall.model() == null || odooCall.method() == null) {
      return Future.failedFuture(GatewayException.of(ProblemCode.BAD_REQUEST, "model and method must be strings"));
    }
    return facade.calls().execute(ctx, client.get(), odooCall, body);
  }

  private Future<Object> db(XmlRpcCall call) {
    if ("list".equals(call.methodName())) {
      return Future.succeededFuture(new JsonArray().add(facade.database()));
    }
    return Future.failedFuture(GatewayException.of(ProblemCode.FORBIDDEN, "database management is not exposed"));
  }

  private Future<XmlRpcCall> decode(RoutingContext ctx, Buffer body) {
    if (body.length() <= INLINE_BYTES) {
      return decodeNow(body);
    }
    return ctx.vertx().executeBlocking(() -> decodeNow(body), false).compose(result -> result);
  }

  private Future<XmlRpcCall> decodeNow(Buffer body) {
    try {
      return Future.succeededFuture(codec.decodeCall(body));
    } catch (XmlRpcException e) {
      return Future.failedFuture(GatewayException.of(ProblemCode.BAD_REQUEST, e.getMessage(), e));
    }
  }

  private Future<Buffer> encode(RoutingContext ctx, Object value, XmlRpcEndpoint endpoint) {
    if (value instanceof JsonArray && ((JsonArray) value).size() > 1000) {
      return ctx.vertx().executeBlocking(() -> codec.encodeResponse(value, endpoint), false);
    }
    return Future.succeededFuture(codec.encodeResponse(value, endpoint));
  }

  private static String string(JsonArray params, int index) {
    if (index >= params.size()) {
      return null;
    }
    Object value = params.getValue(index);
    return value instanceof String ? (String) value : null;
  }
}
