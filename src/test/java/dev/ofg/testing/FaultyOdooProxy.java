package dev.ofg.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands between the gateway and any Odoo (the sandbox or a real server) and injects failures at chosen model
 * method calls: drop the answer of a call after Odoo processed and committed it (the gateway sees the
 * connection close, as after a timeout or a network cut), or refuse a call with an Odoo {@code UserError}
 * before it reaches Odoo. Everything else is forwarded unchanged.
 *
 * <p>Calls are recognised on JSON-RPC ({@code object.execute_kw}/{@code execute}), {@code /web/dataset/call_kw}
 * and JSON-2 ({@code /json/2/<model>/<method>}).
 */
public final class FaultyOdooProxy {
  private enum Kind { DROP_ANSWER, REFUSE }

  private record Rule(Kind kind, String model, String method, AtomicInteger remaining, String message) {
    boolean matches(Call call) {
      return model.equals(call.model()) && method.equals(call.method());
    }
  }

  /** Names one model method call seen by the proxy. */
  public record Call(String model, String method) {
    @Override
    public String toString() {
      return model + "." + method;
    }
  }

  private final HttpServer server;
  private final HttpClient upstream;
  private final URI upstreamUri;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Call> forwarded = new CopyOnWriteArrayList<>();
  private final AtomicInteger injected = new AtomicInteger();

  private FaultyOdooProxy(HttpServer server, HttpClient upstream, URI upstreamUri) {
    this.server = server;
    this.upstream = upstream;
    this.upstreamUri = upstreamUri;
  }

  /** Starts a proxy on a random loopback port in front of {@code upstreamBaseUrl} (e.g. http://127.0.0.1:18069). */
  public static Future<FaultyOdooProxy> start(Vertx vertx, String upstreamBaseUrl) {
    URI uri = URI.create(upstreamBaseUrl);
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(uri.getHost())
        .setDefaultPort(uri.getPort() > 0 ? uri.getPort() : 80));
    HttpServer server = vertx.createHttpServer();
    FaultyOdooProxy proxy = new FaultyOdooProxy(server, client, uri);
    return server.requestHandler(proxy::handle).listen(0, "127.0.0.1").map(proxy);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Forwards the next {@code times} calls to {@code model.method}, then closes the connection instead of answering. */
  public FaultyOdooProxy dropAnswerAfterCommit(String model, String method, int times) {
    rules.add(new Rule(Kind.DROP_ANSWER, model, method, new AtomicInteger(times), null));
    return this;
  }

  /** Answers the next {@code times} calls to {@code model.method} with an Odoo UserError, without forwarding. */
  public FaultyOdooProxy refuse(String model, String method, int times, String message) {
    rules.add(new Rule(Kind.REFUSE, model, method, new AtomicInteger(times), message));
    return this;
  }

  /** Removes every fault rule still armed. */
  public FaultyOdooProxy clear() {
    rules.clear();
    return this;
  }

  /** Returns how many faults were injected so far. */
  public int injected() {
    return injected.get();
  }

  /** Returns the model method calls forwarded to Odoo (dropped answers included, refused calls not), in order. */
  public List<Call> forwarded() {
    return List.copyOf(forwarded);
  }

  public long forwardedCount(String model, String method) {
    return forwarded.stream().filter(c -> c.model().equals(model) && c.method().equals(method)).count();
  }

  public Future<Void> close() {
    return server.close().eventually(upstream::close);
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      Call call = identify(request, body);
      Rule rule = call == null ? null : armed(call);
      if (rule != null && rule.kind() == Kind.REFUSE) {
        injected.incrementAndGet();
        refuse(request, body, rule.message());
        return;
      }
      if (call != null) {
        forwarded.add(call);
      }
      forward(request, body, rule != null);
    }).onFailure(failure -> request.connection().close());
  }

  private Rule armed(Call call) {
    for (Rule rule : rules) {
      if (rule.matches(call) && rule.remaining().getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
        return rule;
      }
    }
    return null;
  }

  private void forward(HttpServerRequest request, Buffer body, boolean dropAnswer) {
    RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(request.uri());
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
    headers.set(HttpHeaders.HOST, upstreamUri.getAuthority());
    headers.remove(HttpHeaders.CONTENT_LENGTH);
    headers.remove(HttpHeaders.TRANSFER_ENCODING);
    headers.remove(HttpHeaders.CONNECTION);
    options.setHeaders(headers);
    upstream.request(options)
        .compose(out -> out.send(body))
        .compose(response -> response.body().map(answer -> {
          if (dropAnswer) {
            // Odoo has processed and committed the call; the caller never learns it.
            injected.incrementAndGet();
            request.connection().close();
            return null;
          }
          var reply = request.response().setStatusCode(response.statusCode());
          response.headers().forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals("content-length") && !name.equals("transfer-encoding") && !name.equals("connection")) {
              reply.headers().add(header.getKey(), header.getValue());
            }
          });
          reply.end(answer);
          return null;
        }))
        .onFailure(failure -> request.connection().close());
  }

  private static void refuse(HttpServerRequest request, Buffer body, String message) {
    JsonObject error = new JsonObject().put("name", "odoo.exceptions.UserError").put("message", message)
        .put("arguments", new JsonArray().add(message)).put("context", new JsonObject()).put("debug", "");
    if (request.path().startsWith("/json/2/")) {
      request.response().setStatusCode(422).putHeader("Content-Type", "application/json").end(error.encode());
      return;
    }
    Object id = null;
    try {
      id = body.toJsonObject().getValue("id");
    } catch (RuntimeException notJson) {
      id = null;
    }
    JsonObject envelope = new JsonObject().put("jsonrpc", "2.0").put("id", id).put("error", new JsonObject()
        .put("code", 200).put("message", "Odoo Server Error").put("data", error));
    request.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(envelope.encode());
  }

  /** Recognises the model method a request calls, or null for anything else (login, version, web pages). */
  static Call identify(HttpServerRequest request, Buffer body) {
    if (request.method() != HttpMethod.POST) {
      return null;
    }
    String path = request.path();
    if (path.startsWith("/json/2/")) {
      String[] parts = path.substring("/json/2/".length()).split("/");
      return parts.length == 2 ? new Call(parts[0], parts[1]) : null;
    }
    JsonObject params;
    try {
      params = body.toJsonObject().getJsonObject("params");
    } catch (RuntimeException notJson) {
      return null;
    }
    if (params == null) {
      return null;
    }
    if (path.startsWith("/web/dataset/call_kw")) {
      return params.getString("model") == null ? null : new Call(params.getString("model"), params.getString("method"));
    }
    if (path.equals("/jsonrpc") && "object".equals(params.getString("service"))) {
      JsonArray args = params.getJsonArray("args");
      if (args != null && args.size() >= 5 && args.getValue(3) instanceof String && args.getValue(4) instanceof String) {
        return new Call(args.getString(3), args.getString(4));
      }
    }
    return null;
  }

  @Override
  public String toString() {
    List<String> armed = new ArrayList<>();
    rules.forEach(rule -> armed.add(rule.kind() + " " + rule.model() + "." + rule.method() + " x" + rule.remaining()));
    return "FaultyOdooProxy[" + baseUrl() + " -> " + upstreamUri + ", " + armed + "]";
  }
}
