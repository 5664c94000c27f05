package dev.ofg.finance;

import dev.ofg.http.GatewayException;
import dev.ofg.http.ProblemCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Collects field-level validation errors, addressed by JSON Pointer, bounded in count. */
public final class FieldErrors {
  public static final int MAX_ERRORS = 50;

  private final List<JsonObject> errors = new ArrayList<>();
  private int total;

  public void add(String pointer, String message) {
    total++;
    if (errors.size() < MAX_ERRORS) {
      errors.add(new JsonObject().put("pointer", pointer).put("detail", message));
    }
  }

  public boolean isEmpty() {
    return total == 0;
  }

  /** Throws a 400 listing every failing field when any error was found. */
  public void throwIfAny() {
    if (total == 0) {
      return;
    }
    String detail = total == 1
        ? errors.get(0).getString("pointer") + ": " + errors.get(0).getString("detail")
        : total + " fields are invalid";
    GatewayException problem = GatewayException.of(ProblemCode.VALIDATION_FAILED, detail)
        .with("errors", new JsonArray(new ArrayList<>(errors)));
    if (total > errors.size()) {
      problem = problem.with("errorsOmitted", total - errors.size());
    }
    throw problem;
  }
}
