package dev.ofg.odoo.facade;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Captures the wire details that differ between Odoo versions, so the facade answers exactly like the
 * Odoo behind it.
 *
 * @param errorCode the JSON-RPC {@code error.code} Odoo uses for server errors
 */
record OdooDialect(int majorVersion, int errorCode) {
  static final int SESSION_EXPIRED_CODE = 100;

  /** Derives the dialect from Odoo's {@code server_version_info}. */
  static OdooDialect of(JsonObject versionInfo) {
    int major = 19;
    JsonArray info = versionInfo == null ? null : versionInfo.getJsonArray("server_version_info");
    if (info != null && !info.isEmpty() && info.getValue(0) instanceof Number) {
      major = info.getInteger(0);
    }
    return new OdooDialect(major, major >= 19 ? 0 : 200);
  }

  /** Builds a JSON-RPC success envelope; Odoo leaves {@code result} out when the method returned None. */
  JsonObject result(Object id, Object result) {
    JsonObject envelope = new JsonObject().put("jsonrpc", "2.0").put("id", id);
    if (result != null) {
      envelope.put("result", result);
    }
    return envelope;
  }

  JsonObject error(Object id, int code, JsonObject data) {
    String message = code == SESSION_EXPIRED_CODE ? "Odoo Session Expired" : "Odoo Server Error";
    return new JsonObject().put("jsonrpc", "2.0").put("id", id)
        .put("error", new JsonObject().put("code", code).put("message", message).put("data", data));
  }
}
