package dev.ofg.sandbox;

import java.util.List;

/**
 * Enumerates the Odoo series the sandbox imitates and the wire details that differ between them.
 *
 * <p>Facts were read in Odoo's own sources (17.0, the 18.0 release commit and the 19.0 nightly
 * {@code odoo/http.py}, {@code odoo/service/*.py}, {@code odoo/models.py} / {@code odoo/orm/*}).
 */
enum OdooVersion {
  V17(17),
  V18(18),
  V19(19);

  private final int major;

  OdooVersion(int major) {
    this.major = major;
  }

  /** Parses a server version such as {@code "19.0"}; {@code null} when the series is unsupported. */
  static OdooVersion parse(String serverVersion) {
    if (serverVersion == null) {
      return null;
    }
    return switch (serverVersion) {
      case "17.0" -> V17;
      case "18.0" -> V18;
      case "19.0" -> V19;
      default -> null;
    };
  }

  int major() {
    return major;
  }

  String serie() {
    return major + ".0";
  }

  /** {@code odoo.release.version_info}: {@code (19, 0, 0, FINAL, 0, '')} serialised as a JSON list. */
  List<Object> versionInfo() {
    return List.of((long) major, 0L, 0L, "final", 0L, "");
  }

  /**
   * JSON-RPC {@code error.code} for ordinary exceptions: 17.0/18.0 JsonRPCDispatcher.handle_error uses
   * 200 ("totally arbitrary"), 19.0 uses 0 ("we don't care of this code") - odoo/http.py.
   */
  int jsonRpcErrorCode() {
    return this == V19 ? 0 : 200;
  }

  /** Odoo 19 renamed route type 'json' to 'jsonrpc' (odoo/http.py JsonRPCDispatcher.routing_type). */
  String jsonRouteType() {
    return this == V19 ? "jsonrpc" : "json";
  }

  boolean atLeast(OdooVersion other) {
    return compareTo(other) >= 0;
  }

  /** JSON-2 (/json/2/&lt;model&gt;/&lt;method&gt;) and /web/version only exist from Odoo 19 on. */
  boolean hasJson2() {
    return this == V19;
  }
}
