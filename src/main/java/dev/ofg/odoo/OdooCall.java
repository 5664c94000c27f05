package dev.ofg.odoo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Describes one Odoo model method call in {@code execute_kw} form.
 *
 * @param args positional arguments; for record methods the first one is the list of record ids
 * @param kwargs keyword arguments, including {@code context}
 */
public record OdooCall(String model, String method, JsonArray args, JsonObject kwargs) {
  public OdooCall {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(method, "method");
    args = args == null ? new JsonArray() : args;
    kwargs = kwargs == null ? new JsonObject() : kwargs;
  }

  public static OdooCall of(String model, String method, Object... positional) {
    JsonArray args = new JsonArray();
    for (Object value : positional) {
      args.add(value);
    }
    return new OdooCall(model, method, args, new JsonObject());
  }

  /** Returns a copy with one keyword argument added or replaced. */
  public OdooCall withKwarg(String name, Object value) {
    return new OdooCall(model, method, args, kwargs.copy().put(name, value));
  }

  /** Returns the call's {@code context} keyword argument (a copy; empty when absent). */
  public JsonObject context() {
    JsonObject context = kwargs.getJsonObject("context");
    return context == null ? new JsonObject() : context.copy();
  }

  public OdooCall withContext(JsonObject context) {
    return withKwarg("context", context);
  }
}
