package dev.ofg.odoo.xmlrpc;

import java.util.Objects;

/**
 * Holds an XML-RPC fault as Odoo sends it: an integer code on {@code /xmlrpc/2/}, a string code on the
 * legacy {@code /xmlrpc/}, and the fault string.
 *
 * @param faultCode an {@link Integer} or a {@link String}, like Python's {@code xmlrpc.client.Fault}
 * @param faultString the message or traceback text
 */
public record XmlRpcFault(Object faultCode, String faultString) {

  /** Odoo's {@code RPC_FAULT_CODE_APPLICATION_ERROR} (also its {@code CLIENT_ERROR}): anything else. */
  public static final int APPLICATION_ERROR = 1;
  /** Odoo's {@code RPC_FAULT_CODE_WARNING}: {@code UserError} and its subclasses, {@code RedirectWarning}. */
  public static final int WARNING = 2;
  /** Odoo's {@code RPC_FAULT_CODE_ACCESS_DENIED}: {@code AccessDenied} (bad login or password). */
  public static final int ACCESS_DENIED = 3;
  /** Odoo's {@code RPC_FAULT_CODE_ACCESS_ERROR}: {@code AccessError} (access rights or record rules). */
  public static final int ACCESS_ERROR = 4;

  /** Requires an integer or string code and a string. */
  public XmlRpcFault {
    Objects.requireNonNull(faultCode, "faultCode");
    Objects.requireNonNull(faultString, "faultString");
    if (!(faultCode instanceof Integer) && !(faultCode instanceof String)) {
      throw new IllegalArgumentException(
          "faultCode: " + faultCode.getClass().getName() + " (expected: Integer or String)");
    }
  }

  /** Returns a fault with an integer code, as {@code /xmlrpc/2/} sends. */
  public static XmlRpcFault of(int faultCode, String faultString) {
    return new XmlRpcFault(faultCode, faultString);
  }

  /** Returns a fault with a string code, as the legacy {@code /xmlrpc/} sends. */
  public static XmlRpcFault of(String faultCode, String faultString) {
    return new XmlRpcFault(faultCode, faultString);
  }
}
