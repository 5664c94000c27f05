package dev.ofg.sandbox;

import dev.ofg.webhook.HmacAlgorithm;
import dev.ofg.webhook.SignatureEncoding;
import dev.ofg.webhook.SignatureMatcher;
import dev.ofg.webhook.WebhookSecret;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Serves delivery sinks on the sandbox port, standing in for a treasury system and an analytics store in the demo,
 * the tests and load tests:
 * <ul>
 *   <li>{@code POST /sinks/<name>}: a message identified by its {@code webhook-id} (recorded once per id, with the
 *       number of times it arrived), signature-checked when the sink has a secret; NDJSON bodies are answered with a
 *       receipt {@code {"id", "rows", "sha256", "debit", "credit"}} the sender can reconcile against;</li>
 *   <li>{@code GET /sinks/<name>/events}: what arrived (id, type, aggregate, body, times received);
 *       {@code DELETE} forgets it;</li>
 *   <li>{@code GET/PUT /sinks/<name>/mode}: the answering mode ({@link SinkMode}); {@code GET /sinks} sums up.</li>
 * </ul>
 */
public final class DeliverySinks {
  public static final String TREASURY = "treasury";
  public static final String ANALYTICS = "analytics";
  public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;
  private static final long MAX_CONTROL_BYTES = 16 * 1024;
  private static final int MAX_ID_LENGTH = 256;

  private final Vertx vertx;
  private final Map<String, DeliverySink> sinks;

  private DeliverySinks(Vertx vertx, Map<String, DeliverySink> sinks) {
    this.vertx = vertx;
    this.sinks = sinks;
  }

  /**
   * Creates sinks by name.
   *
   * @param secrets each sink's Standard Webhooks secret ({@code whsec_...}), or null for a sink that takes unsigned
   *     messages
   */
  public static DeliverySinks create(Vertx vertx, Map<String, String> secrets) {
    Map<String, DeliverySink> sinks = new LinkedHashMap<>();
    secrets.forEach((name, secret) -> {
      if (secret != null) {
        WebhookSecret.standardWebhooks(secret); // fail now, not on the first message
      }
      sinks.put(name, new DeliverySink(name, secret));
    });
    return new DeliverySinks(vertx, sinks);
  }

  /** Returns a sink by name; throws when there is none. */
  public DeliverySink sink(String name) {
    DeliverySink sink = sinks.get(name);
    if (sink == null) {
      throw new IllegalArgumentException("sink: " + name + " (expected one of " + sinks.keySet() + ")");
    }
    return sink;
  }

  /** Mounts the sink routes on a router (the sandbox's, see {@link OdooSandbox#router()}). */
  public DeliverySinks mount(Router router) {
    router.get("/sinks").handler(ctx -> {
      JsonArray all = new JsonArray();
      sinks.values().forEach(sink -> all.add(sink.summary()));
      json(ctx, 200, new JsonObject().put("sinks", all));
    });
    router.post("/sinks/:name").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(this::receive);
    router.get("/sinks/:name/events").handler(ctx -> withSink(ctx, sink -> events(ctx, sink)));
    router.delete("/sinks/:name/events").handler(ctx -> withSink(ctx, sink -> {
      sink.clear();
      json(ctx, 200, sink.summary());
    }));
    router.get("/sinks/:name/mode").handler(ctx -> withSink(ctx, sink -> json(ctx, 200, sink.mode().toJson())));
    router.put("/sinks/:name/mode").handler(BodyHandler.create(false).setBodyLimit(MAX_CONTROL_BYTES))
        .handler(ctx -> withSink(ctx, sink -> changeMode(ctx, sink)));
    return this;
  }

  private void withSink(RoutingContext ctx, Consumer<DeliverySink> action) {
    DeliverySink sink = sinks.get(ctx.pathParam("name"));
    if (sink == null) {
      json(ctx, 404, new JsonObject().put("error", "no sink '" + ctx.pathParam("name") + "' (sinks: "
          + sinks.keySet() + ")"));
      return;
    }
    action.accept(sink);
  }

  private void receive(RoutingContext ctx) {
    withSink(ctx, sink -> {
      sink.requestArrived();
      SinkMode mode = sink.mode();
      if (mode.behaviour() == SinkMode.Behaviour.DOWN) {
        ctx.request().connection().close();
        return;
      }
      if (mode.behaviour() != SinkMode.Behaviour.ACCEPT) {
        later(mode, () -> fail(ctx, mode));
        return;
      }
      accept(ctx, sink, mode);
    });
  }

  private void accept(RoutingContext ctx, DeliverySink sink, SinkMode mode) {
    String id = ctx.request().getHeader("webhook-id");
    if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
      json(ctx, 400, new JsonObject().put("error", "webhook-id header: required, at most 256 characters"));
      return;
    }
    byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    String signature = signatureStatus(ctx, sink, id, body);
    if ("invalid".equals(signature) || "missing".equals(signature)) {
      json(ctx, 401, new JsonObject().put("error", "webhook-signature " + signature));
      return;
    }
    String contentType = ctx.request().getHeader("Content-Type");
    Optional<DeliverySink.Received> recorded = sink.record(id, ctx.request().getHeader("Ofg-Event-Type"),
        ctx.request().getHeader("Ofg-Aggregate"), contentType, body, signature, Instant.now());
    if (recorded.isEmpty()) {
      json(ctx, 507, new JsonObject().put("error", "sink full (" + DeliverySink.MAX_MESSAGES + " ids); DELETE "
          + "/sinks/" + sink.name() + "/events to empty it"));
      return;
    }
    JsonObject answer = contentType != null && contentType.startsWith("application/x-ndjson")
        ? receipt(id, body) : new JsonObject().put("id", id);
    answer.put("timesReceived", recorded.get().timesReceived());
    later(mode, () -> json(ctx, 200, answer));
  }

  /** Checks the Standard Webhooks signature: valid, invalid or missing; null when the sink verifies nothing. */
  private static String signatureStatus(RoutingContext ctx, DeliverySink sink, String id, byte[] body) {
    if (sink.secret() == null) {
      return null;
    }
    String timestamp = ctx.request().getHeader("webhook-timestamp");
    String header = ctx.request().getHeader("webhook-signature");
    if (timestamp == null || header == null || header.length() > 4096) {
      return "missing";
    }
    List<byte[]> received = new ArrayList<>();
    for (String entry : header.split(" +")) {
      if (entry.startsWith("v1,")) {
        byte[] mac = SignatureEncoding.BASE64.decodeOrNull(entry.substring(3));
        if (mac != null) {
          received.add(mac);
        }
      }
    }
    byte[] expected = WebhookSecret.standardWebhooks(sink.secret()).hmac(HmacAlgorithm.HMAC_SHA256,
        (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    return SignatureMatcher.anyMatch(List.of(expected), received) ? "valid" : "invalid";
  }

  /** Counts an NDJSON body's rows and sums their debit and credit, and hashes the bytes. */
  static JsonObject receipt(String id, byte[] body) {
    int rows = 0;
    BigDecimal debit = BigDecimal.ZERO;
    BigDecimal credit = BigDecimal.ZERO;
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      rows++;
      try {
        JsonObject row = new JsonObject(line);
        debit = debit.add(decimal(row.getValue("debit")));
        credit = credit.add(decimal(row.getValue("credit")));
      } catch (DecodeException | ClassCastException | NumberFormatException e) {
        // a line that is not a ledger row still counts as a row; its amounts count as zero
      }
    }
    return new JsonObject().put("id", id).put("rows", rows).put("sha256", sha256(body))
        .put("debit", debit.toPlainString()).put("credit", credit.toPlainString());
  }

  private static BigDecimal decimal(Object value) {
    return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
  }

  private static void fail(RoutingContext ctx, SinkMode mode) {
    switch (mode.behaviour()) {
      case ERROR:
        json(ctx, 500, new JsonObject().put("error", "sink in error mode"));
        break;
      case UNAVAILABLE:
        ctx.response().putHeader("Retry-After", Integer.toString(mode.retryAfterSeconds()));
        json(ctx, 503, new JsonObject().put("error", "sink unavailable"));
        break;
      case GONE:
        json(ctx, 410, new JsonObject().put("error", "sink gone"));
        break;
      default:
        json(ctx, 400, new JsonObject().put("error", "sink rejects messages"));
        break;
    }
  }

  private void events(RoutingContext ctx, DeliverySink sink) {
    JsonArray events = new JsonArray();
    sink.received().forEach(received -> events.add(received.toJson()));
    json(ctx, 200, sink.summary().put("events", events));
  }

  private static void changeMode(RoutingContext ctx, DeliverySink sink) {
    try {
      Buffer body = ctx.body() == null ? null : ctx.body().buffer();
      sink.mode(SinkMode.fromJson(body == null || body.length() == 0 ? new JsonObject() : body.toJsonObject()));
      json(ctx, 200, sink.mode().toJson());
    } catch (DecodeException | ClassCastException e) {
      json(ctx, 400, new JsonObject().put("error", "body: not a JSON object (expected: {\"mode\": \"unavailable\", "
          + "\"retryAfterSeconds\": 2, \"latencyMs\": 100})"));
    } catch (IllegalArgumentException e) {
      json(ctx, 400, new JsonObject().put("error", e.getMessage()));
    }
  }

  private void later(SinkMode mode, Runnable action) {
    if (mode.latencyMs() == 0) {
      action.run();
    } else {
      vertx.setTimer(mode.latencyMs(), id -> action.run());
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
    }
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    if (!ctx.response().ended() && !ctx.response().closed()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
  }
}
