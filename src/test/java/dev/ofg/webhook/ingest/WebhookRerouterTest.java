package dev.ofg.webhook.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofg.config.Secret;
import dev.ofg.config.WebhookConfig;
import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks what the rerouter refuses before it reads the store (it has none here). */
class WebhookRerouterTest {
  private static final WebhookConfig.Source STATEMENTS = new WebhookConfig.Source("bank-statements", "hmac",
      new JsonObject().put("signatureHeader", "X-Statement-Signature").put("eventId", "body:sha256")
          .put("eventType", "const:bank.statement.file"),
      List.of(Secret.of("s3cret-s3cret-s3cret")), 1 << 20, List.of(), false, Map.of(),
      new WebhookConfig.StatementImport("BNK1"));

  private final WebhookRerouter rerouter = new WebhookRerouter(
      Map.of(STATEMENTS.name(), WebhookSource.create(STATEMENTS)), null, new WebhookMetrics(new SimpleMeterRegistry()));

  private static GatewayException refusal(Throwable failure) {
    assertThat(failure).isInstanceOf(GatewayException.class);
    GatewayException problem = (GatewayException) failure;
    assertThat(problem.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
    return problem;
  }

  @Test
  void refusesAStatementFileSourceWhoseEventsAreNeverUnrouted() {
    Throwable failure = rerouter.reroute(new RerouteRequest("bank-statements", List.of(1L), 0, 0)).cause();

    assertThat(refusal(failure).getMessage()).contains("bank-statements takes bank statement files");
  }

  @Test
  void refusesASourceThatIsNotConfiguredWithoutEchoingIt() {
    Throwable failure = rerouter.reroute(new RerouteRequest("<script>", null, 0, 10)).cause();

    assertThat(refusal(failure).getMessage()).doesNotContain("<script>").contains("[bank-statements]");
  }
}
