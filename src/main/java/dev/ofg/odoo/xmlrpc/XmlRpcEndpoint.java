package dev.ofg.odoo.xmlrpc;

/**
 * Names Odoo's two XML-RPC entry points, which differ only in how they shape faults.
 *
 * <p>Both are {@code POST}, {@code auth="none"}, answer {@code text/xml; charset=utf-8} with HTTP 200
 * for results and faults alike, and take the service name ({@code common}, {@code object},
 * {@code db}) as the last path segment (Odoo 17/18 {@code odoo/addons/base/controllers/rpc.py},
 * Odoo 19 {@code addons/rpc/controllers/xmlrpc.py}, routes {@code /xmlrpc/<service>} and
 * {@code /xmlrpc/2/<service>}).
 */
public enum XmlRpcEndpoint {
  /** {@code /xmlrpc/2/<service>}: integer fault codes 1 to 4 ({@code xmlrpc_handle_exception_int}). */
  XMLRPC_2("/xmlrpc/2/"),
  /**
   * {@code /xmlrpc/<service>}: Odoo's "historical and non-compliant" entry point, whose fault codes
   * are strings such as {@code "warning -- UserError\n\n<message>"}
   * ({@code xmlrpc_handle_exception_string}); Apache's client cannot read such a fault.
   */
  XMLRPC_LEGACY("/xmlrpc/");

  private final String pathPrefix;

  XmlRpcEndpoint(String pathPrefix) {
    this.pathPrefix = pathPrefix;
  }

  /** Returns the path prefix, to which Odoo appends the service name. */
  public String pathPrefix() {
    return pathPrefix;
  }
}
