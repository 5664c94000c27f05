package dev.ofg.odoo.xmlrpc;

import io.vertx.core.json.JsonArray;
import java.util.Objects;

/**
 * Holds one decoded XML-RPC {@code methodCall}: the method name and its positional parameters as
 * Vert.x JSON values.
 *
 * <p>For {@code /xmlrpc/2/object} the method is {@code execute_kw} and the parameters are
 * {@code db, uid, password, model, method, args[, kwargs]}; the password is a parameter, so never log
 * {@link #params()} as a whole.
 *
 * @param methodName the text of {@code <methodName>}, unvalidated (Odoo looks it up as given)
 * @param params the parameters in order; empty when the call has no {@code <params>}
 */
public record XmlRpcCall(String methodName, JsonArray params) {

  /** Requires both parts. */
  public XmlRpcCall {
    Objects.requireNonNull(methodName, "methodName");
    Objects.requireNonNull(params, "params");
  }

  /** Returns the method name and parameter count only, since parameters carry passwords. */
  @Override
  public String toString() {
    return "XmlRpcCall[methodName=" + methodName + ", params=" + params.size() + " values]";
  }
}
