package dev.ofg.odoo.xmlrpc;

/**
 * Signals an XML-RPC request body that the codec refuses: not well-formed, not XML-RPC, or over a limit.
 *
 * <p>Bad request bodies are frequent and expected, so this exception carries no stack trace. Turn it
 * into a fault with {@link OdooFaultMapper#forRejectedRequest(XmlRpcException, XmlRpcEndpoint)}: Odoo
 * itself answers a body it cannot parse with fault code 1 (HTTP 200), never with an HTTP error.
 */
public final class XmlRpcException extends RuntimeException {

  /** Names the stable reason for a rejection, for fault strings and metrics. */
  public enum Code {
    /** The body is not well-formed XML, or not a {@code methodCall} of known XML-RPC value types. */
    XMLRPC_MALFORMED,
    /** The body exceeds a limit of {@link XmlRpcCodecOptions}. */
    LIMIT_EXCEEDED
  }

  private static final long serialVersionUID = 1L;

  private final Code code;

  private XmlRpcException(Code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  static XmlRpcException malformed(String message) {
    return new XmlRpcException(Code.XMLRPC_MALFORMED, message);
  }

  static XmlRpcException limitExceeded(String message) {
    return new XmlRpcException(Code.LIMIT_EXCEEDED, message);
  }

  /** Returns the stable reason code. */
  public Code code() {
    return code;
  }
}
