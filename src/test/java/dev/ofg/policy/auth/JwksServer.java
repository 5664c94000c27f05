package dev.ofg.policy.auth;

import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/** Plays an identity provider's JWKS endpoint on 127.0.0.1 with switchable (mis)behaviour and a request counter. */
final class JwksServer {
  /** Names how the endpoint answers. */
  enum Mode {
    SERVE,
    ERROR_500,
    HANG,
    GARBAGE,
    HUGE
  }

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Mode mode = Mode.SERVE;
  private volatile String body = "{\"keys\":[]}";

  private JwksServer(Vertx vertx) {
    this.server = vertx.createHttpServer().requestHandler(this::answer);
  }

  static Future<JwksServer> start(Vertx vertx) {
    JwksServer jwks = new JwksServer(vertx);
    return jwks.server.listen(0, "127.0.0.1").map(listening -> jwks);
  }

  private void answer(HttpServerRequest request) {
    requests.incrementAndGet();
    switch (mode) {
      case SERVE:
        request.response().putHeader("Content-Type", "application/json").end(body);
        break;
      case ERROR_500:
        request.response().setStatusCode(500).end("identity provider unavailable");
        break;
      case GARBAGE:
        request.response().putHeader("Content-Type", "application/json").end("<html>maintenance</html>");
        break;
      case HUGE:
        request.response().putHeader("Content-Type", "application/json")
            .end("{\"keys\":[],\"pad\":\"" + "x".repeat(JwksKeySource.MAX_JWKS_BYTES + 1) + "\"}");
        break;
      default:
        // HANG: never answer.
        break;
    }
  }

  /** Serves the public part of {@code set} from now on. */
  JwksServer serve(JWKSet set) {
    return serveJson(set.toString(true));
  }

  JwksServer serveJson(String json) {
    body = json;
    mode = Mode.SERVE;
    return this;
  }

  JwksServer mode(Mode newMode) {
    mode = newMode;
    return this;
  }

  int requests() {
    return requests.get();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.actualPort() + "/realms/finance/certs");
  }

  Future<Void> close() {
    return server.close();
  }
}
