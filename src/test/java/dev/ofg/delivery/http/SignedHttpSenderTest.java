package dev.ofg.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.delivery.AttemptOutcome;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SignedHttpSenderTest {
  private static final SignedHttpSender.Message MESSAGE = new SignedHttpSender.Message("id-1", "ledger.batch", null,
      "corr-1", EventMessages.NDJSON, Buffer.buffer("{}\n"), Map.of("Ofg-Batch-Rows", "1"));

  private static Future<SignedHttpSender.Sent> sendTo(Vertx vertx, Handler<HttpServerRequest> server,
      Duration timeout) {
    return vertx.createHttpServer().requestHandler(server).listen(0, "127.0.0.1").compose(s ->
        new SignedHttpSender(vertx, URI.create("http://127.0.0.1:" + s.actualPort() + "/sink"), null, timeout, 2,
            Clock.systemUTC()).send(MESSAGE));
  }

  @Test
  void sendsTheMessageHeadersAndKeepsTheReceipt(Vertx vertx, VertxTestContext test) {
    sendTo(vertx, req -> req.body().onSuccess(body -> req.response().end("{\"rows\":1,\"id\":\""
        + req.getHeader("webhook-id") + "\",\"batchRows\":\"" + req.getHeader("Ofg-Batch-Rows") + "\"}")),
        Duration.ofSeconds(2))
        .onComplete(test.succeeding(sent -> test.verify(() -> {
          assertThat(sent.outcome()).isInstanceOf(AttemptOutcome.Delivered.class);
          assertThat(sent.responseBody().toString()).isEqualTo("{\"rows\":1,\"id\":\"id-1\",\"batchRows\":\"1\"}");
          test.completeNow();
        })));
  }

  @Test
  void keepsAtMostSixtyFourKibibytesOfAnAnswer(Vertx vertx, VertxTestContext test) {
    Buffer huge = Buffer.buffer("x".repeat(300 * 1024));
    sendTo(vertx, req -> req.response().end(huge), Duration.ofSeconds(2))
        .onComplete(test.succeeding(sent -> test.verify(() -> {
          assertThat(sent.outcome()).isInstanceOf(AttemptOutcome.Delivered.class);
          assertThat(sent.responseBody().length()).isEqualTo(SignedHttpSender.MAX_RESPONSE_BYTES);
          test.completeNow();
        })));
  }

  @Test
  void reportsATargetThatNeverAnswersAsATechnicalFailureAfterTheTimeout(Vertx vertx, VertxTestContext test) {
    sendTo(vertx, req -> { }, Duration.ofMillis(300))
        .onComplete(test.succeeding(sent -> test.verify(() -> {
          assertThat(sent.outcome()).isInstanceOf(AttemptOutcome.Technical.class);
          assertThat(sent.outcome().detail()).contains("no answer within");
          test.completeNow();
        })));
  }
}
