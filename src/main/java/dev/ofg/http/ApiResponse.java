package dev.ofg.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * Describes a finished response (status, content type, body) so it can be stored and replayed for a
 * retried request with the same Idempotency-Key.
 *
 * @param replayed whether this response is a stored one sent again
 */
public record ApiResponse(int status, String contentType, Buffer body, boolean replayed) {
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  public ApiResponse {
    Objects.requireNonNull(contentType, "contentType");
    body = body == null ? Buffer.buffer() : body;
  }

  public static ApiResponse json(int status, JsonObject body) {
    return new ApiResponse(status, "application/json", body.toBuffer(), false);
  }

  public static ApiResponse of(int status, String contentType, Buffer body) {
    return new ApiResponse(status, contentType, body, false);
  }

  public ApiResponse asReplay() {
    return new ApiResponse(status, contentType, body, true);
  }

  /** Writes the response, marking a replay with {@code Idempotent-Replayed: true}. */
  public void send(RoutingContext ctx) {
    var response = ctx.response().setStatusCode(status).putHeader("Content-Type", contentType);
    if (replayed) {
      response.putHeader(REPLAYED_HEADER, "true");
    }
    response.end(body);
  }
}
