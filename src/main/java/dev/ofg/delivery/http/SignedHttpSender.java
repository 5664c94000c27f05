package dev.ofg.delivery.http;

import dev.ofg.delivery.AttemptOutcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs one message to an HTTP target, signed as Standard Webhooks when a signer is set, within a deadline, and
 * classifies the answer; keeps at most {@link #MAX_RESPONSE_BYTES} of the response body (receipts are small).
 */
public final class SignedHttpSender {
  public static final int MAX_RESPONSE_BYTES = 64 * 1024;
  private static final String USER_AGENT = "odoo-finance-gateway";

  private final Vertx vertx;
  private final HttpClient client;
  private final URI url;
  private final StandardWebhooksSigner signer;
  private final Duration timeout;
  private final Clock clock;

  /** Describes one message: its id (the receiver dedupes on it), routing headers and body. */
  public record Message(String id, String type, String aggregate, String correlationId, String contentType,
      Buffer body, Map<String, String> headers) {
    public Message {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(body, "body");
      headers = Map.copyOf(headers);
    }
  }

  /** Pairs the classified outcome with the (bounded) response body, empty when there was no answer. */
  public record Sent(AttemptOutcome outcome, Buffer responseBody) {
  }

  /**
   * Creates a sender.
   *
   * @param signer null to send unsigned
   * @param maxConnections connections kept to the target (the delivery window bounds requests anyway)
   */
  public SignedHttpSender(Vertx vertx, URI url, StandardWebhooksSigner signer, Duration timeout, int maxConnections,
      Clock clock) {
    this.vertx = vertx;
    this.url = url;
    this.signer = signer;
    this.timeout = timeout;
    this.clock = clock;
    HttpClientOptions options = new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
        .setKeepAlive(true);
    this.client = vertx.httpClientBuilder().with(options)
        .with(new PoolOptions().setHttp1MaxSize(Math.max(1, maxConnections))).build();
  }

  /** Sends the message; never fails: transport errors come back as a technical outcome. */
  public Future<Sent> send(Message message) {
    long timestamp = clock.instant().getEpochSecond();
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(url.toString())
        .putHeader("Content-Type", message.contentType())
        .putHeader("User-Agent", USER_AGENT)
        .putHeader("webhook-id", message.id())
        .putHeader("webhook-timestamp", Long.toString(timestamp));
    if (signer != null) {
      options.putHeader("webhook-signature", signer.sign(message.id(), timestamp, message.body().getBytes()));
    }
    putIfPresent(options, "Ofg-Event-Type", message.type());
    putIfPresent(options, "Ofg-Aggregate", message.aggregate());
    putIfPresent(options, "X-Correlation-Id", message.correlationId());
    message.headers().forEach(options::putHeader);
    Promise<Sent> result = Promise.promise();
    AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
    long timer = vertx.setTimer(timeout.toMillis(), id -> {
      if (result.tryComplete(new Sent(new AttemptOutcome.Technical(null, "no answer within " + timeout, null),
          Buffer.buffer())) && inFlight.get() != null) {
        inFlight.get().reset();
      }
    });
    client.request(options)
        .compose(request -> {
          inFlight.set(request);
          return request.send(message.body());
        })
        .compose(SignedHttpSender::readBounded)
        .onSuccess(response -> result.tryComplete(new Sent(HttpOutcomes.classify(response.status(),
            response.retryAfter(), clock.instant()), response.body())))
        .onFailure(failure -> result.tryComplete(new Sent(new AttemptOutcome.Technical(null,
            "request failed: " + describe(failure), null), Buffer.buffer())));
    return result.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  public Future<Void> close() {
    return client.close();
  }

  private record Answer(int status, String retryAfter, Buffer body) {
  }

  private static Future<Answer> readBounded(HttpClientResponse response) {
    Promise<Answer> answer = Promise.promise();
    Buffer body = Buffer.buffer();
    response.handler(chunk -> {
      int room = MAX_RESPONSE_BYTES - body.length();
      if (room > 0) {
        body.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
      }
    });
    response.exceptionHandler(answer::tryFail);
    response.endHandler(v -> answer.tryComplete(new Answer(response.statusCode(), response.getHeader("Retry-After"),
        body)));
    return answer.future();
  }

  private static void putIfPresent(RequestOptions options, String name, String value) {
    if (value != null) {
      options.putHeader(name, value);
    }
  }

  /** Describes a transport failure by its type and message: never a URL with credentials (we send none). */
  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
