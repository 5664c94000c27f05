package dev.ofg.odoo.xmlrpc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * Describes an exception raised inside Odoo, as its JSON-RPC error {@code data} reports it, so that
 * {@link OdooFaultMapper} can rebuild the XML-RPC fault Odoo would have sent for it.
 *
 * @param name the qualified Python class, e.g. {@code odoo.exceptions.UserError} or
 *     {@code builtins.ValueError} (JSON-RPC {@code error.data.name})
 * @param message Odoo's {@code exception_to_unicode(e)}: the {@code str()} of each argument, joined by
 *     newlines (JSON-RPC {@code error.data.message})
 * @param arguments the exception's {@code args}, or {@code null} when unknown (JSON-RPC
 *     {@code error.data.arguments}); needed to render {@code str(e)} of multi-argument exceptions such
 *     as {@code RedirectWarning}
 * @param debug the formatted Python traceback, or {@code null} (JSON-RPC {@code error.data.debug})
 */
public record OdooError(String name, String message, JsonArray arguments, String debug) {

  /** Requires a name and a message. */
  public OdooError {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(message, "message");
  }

  /** Returns an error of the given class with a single message argument, like {@code UserError(msg)}. */
  public static OdooError of(String name, String message) {
    return new OdooError(name, message, new JsonArray().add(message), null);
  }

  /**
   * Reads the {@code data} member of an Odoo JSON-RPC error (Odoo's {@code serialize_exception}),
   * tolerating missing or mistyped members.
   */
  public static OdooError fromJsonRpcErrorData(JsonObject data) {
    Object name = data.getValue("name");
    Object message = data.getValue("message");
    Object arguments = data.getValue("arguments");
    Object debug = data.getValue("debug");
    return new OdooError(
        name instanceof String s && !s.isEmpty() ? s : "builtins.Exception",
        message instanceof String s ? s : "",
        arguments instanceof JsonArray a ? a : null,
        debug instanceof String s ? s : null);
  }

  /** Returns the class name only: messages, arguments and tracebacks may quote record data. */
  @Override
  public String toString() {
    return "OdooError[name=" + name + ", message=" + message.length() + " chars]";
  }
}
