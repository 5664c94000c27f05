package dev.ofg.odoo.xmlrpc;

import dev.ofg.odoo.xmlrpc.XmlRpcCodecOptions.ResponseDialect;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Serves the codec over HTTP on 127.0.0.1 for client interop tests.
 *
 * <p>Paths are {@code /odoo/xmlrpc/2/<service>} and {@code /odoo/xmlrpc/<service>} (ODOO dialect), and
 * the same under {@code /ext/} (WITH_EXTENSIONS dialect). Methods:
 * <ul>
 *   <li>{@code echo(x)}: returns its first parameter; {@code echo_all(...)}: returns all parameters;
 *   <li>{@code raise(className, message)}: answers the fault Odoo sends for that exception;
 *   <li>{@code raise_redirect(message)}: a {@code RedirectWarning(message, 42, "Go", None)};
 *   <li>{@code control_chars()}: returns a string holding C0 control characters;
 *   <li>anything else: returns {@code true}.
 * </ul>
 * Every raw body and every decoded call is recorded for the test to inspect.
 */
final class XmlRpcEchoServer {

  static final String CONTROL_CHARS = "a\u0001b\u0000c\td\u001Fe";

  final Queue<Buffer> bodies = new ConcurrentLinkedQueue<>();
  final Queue<XmlRpcCall> calls = new ConcurrentLinkedQueue<>();
  private final XmlRpcCodec odoo = XmlRpcCodec.create();
  private final XmlRpcCodec extended =
      XmlRpcCodec.create(XmlRpcCodecOptions.defaults().withResponseDialect(ResponseDialect.WITH_EXTENSIONS));
  private HttpServer server;

  static Future<XmlRpcEchoServer> start(Vertx vertx) {
    XmlRpcEchoServer echo = new XmlRpcEchoServer();
    return vertx.createHttpServer()
        .requestHandler(echo::handle)
        .listen(0, "127.0.0.1")
        .map(server -> {
          echo.server = server;
          return echo;
        });
  }

  String url(String dialect, String endpointPath) {
    return "http://127.0.0.1:" + server.actualPort() + "/" + dialect + endpointPath;
  }

  Future<Void> close() {
    return server.close();
  }

  private void handle(HttpServerRequest request) {
    XmlRpcCodec codec = request.path().startsWith("/ext/") ? extended : odoo;
    XmlRpcEndpoint endpoint =
        request.path().contains("/xmlrpc/2/") ? XmlRpcEndpoint.XMLRPC_2 : XmlRpcEndpoint.XMLRPC_LEGACY;
    request.body()
        .map(body -> answer(codec, endpoint, body))
        .onSuccess(answer -> request.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, XmlRpcCodec.CONTENT_TYPE)
            .end(answer))
        .onFailure(failure -> request.response().setStatusCode(500).end(String.valueOf(failure)));
  }

  private Buffer answer(XmlRpcCodec codec, XmlRpcEndpoint endpoint, Buffer body) {
    bodies.add(body);
    XmlRpcCall call;
    try {
      call = codec.decodeCall(body);
    } catch (XmlRpcException rejected) {
      return codec.encodeFault(OdooFaultMapper.forRejectedRequest(rejected, endpoint));
    }
    calls.add(call);
    JsonArray params = call.params();
    return switch (call.methodName()) {
      case "echo" -> codec.encodeResponse(params.getValue(0), endpoint);
      case "echo_all" -> codec.encodeResponse(params, endpoint);
      case "raise" -> codec.encodeOdooError(OdooError.of(params.getString(0), params.getString(1)), endpoint);
      case "raise_redirect" -> codec.encodeOdooError(
          new OdooError("odoo.exceptions.RedirectWarning", params.getString(0),
              new JsonArray().add(params.getString(0)).add(42).add("Go").addNull(), null),
          endpoint);
      case "control_chars" -> codec.encodeResponse(CONTROL_CHARS, endpoint);
      default -> codec.encodeResponse(true, endpoint);
    };
  }
}
