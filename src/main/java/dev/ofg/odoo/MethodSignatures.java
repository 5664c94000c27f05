package dev.ofg.odoo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Knows the parameter names of Odoo's common ORM methods, to translate {@code execute_kw} positional
 * arguments into the named arguments JSON-2 requires.
 *
 * <p>Names follow Odoo 19's {@code odoo/orm/models.py} signatures (JSON-2 exists only from Odoo 19).
 */
final class MethodSignatures {
  /** Describes a method: whether its first positional argument is the record ids, then its parameter names. */
  record Signature(boolean recordMethod, List<String> parameters) {
  }

  private static final Map<String, Signature> KNOWN = Map.ofEntries(
      Map.entry("create", new Signature(false, List.of("vals_list"))),
      Map.entry("write", new Signature(true, List.of("vals"))),
      Map.entry("read", new Signature(true, List.of("fields", "load"))),
      Map.entry("unlink", new Signature(true, List.of())),
      Map.entry("search", new Signature(false, List.of("domain", "offset", "limit", "order"))),
      Map.entry("search_read", new Signature(false, List.of("domain", "fields", "offset", "limit", "order"))),
      Map.entry("search_count", new Signature(false, List.of("domain", "limit"))),
      Map.entry("search_fetch", new Signature(false, List.of("domain", "field_names", "offset", "limit", "order"))),
      Map.entry("name_search", new Signature(false, List.of("name", "domain", "operator", "limit"))),
      Map.entry("fields_get", new Signature(false, List.of("allfields", "attributes"))),
      Map.entry("default_get", new Signature(false, List.of("fields_list"))),
      Map.entry("read_group", new Signature(false,
          List.of("domain", "fields", "groupby", "offset", "limit", "orderby", "lazy"))),
      Map.entry("copy", new Signature(true, List.of("default"))),
      Map.entry("exists", new Signature(true, List.of())));

  private MethodSignatures() {
  }

  /**
   * Translates an {@code execute_kw} call into JSON-2's body of named arguments (plus {@code ids}).
   *
   * @throws OdooFault when positional arguments of an unknown method cannot be named
   */
  static JsonObject namedArguments(OdooCall call) {
    JsonObject named = call.kwargs().copy();
    JsonArray args = call.args();
    Signature signature = KNOWN.get(call.method());
    int first = 0;
    if (signature == null) {
      // Unknown methods (action_post, button_cancel, ...) are record methods called with ids only.
      if (args.isEmpty()) {
        return named;
      }
      if (args.size() == 1 && args.getValue(0) instanceof JsonArray) {
        return named.put("ids", args.getJsonArray(0));
      }
      throw OdooErrors.requestRejected("positional arguments of " + call.model() + "." + call.method()
          + " cannot be sent over JSON-2; pass them as keyword arguments");
    }
    if (signature.recordMethod() && !args.isEmpty()) {
      named.put("ids", args.getValue(0));
      first = 1;
    }
    for (int i = first; i < args.size(); i++) {
      int position = i - first;
      if (position >= signature.parameters().size()) {
        throw OdooErrors.requestRejected(call.model() + "." + call.method() + " takes at most "
            + signature.parameters().size() + " positional arguments");
      }
      String name = signature.parameters().get(position);
      if (named.containsKey(name)) {
        throw OdooErrors.requestRejected(call.model() + "." + call.method() + " got " + name
            + " both as positional and keyword argument");
      }
      named.put(name, args.getValue(i));
    }
    return named;
  }
}
