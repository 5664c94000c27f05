package dev.ofg.odoo.xmlrpc;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which XML-RPC fault Odoo 17, 18 and 19 send for an exception, on each endpoint.
 *
 * <p>Source: {@code xmlrpc_handle_exception_int} and {@code xmlrpc_handle_exception_string}, in
 * {@code odoo/addons/base/controllers/rpc.py} (17.0, 18.0) and {@code addons/rpc/controllers/xmlrpc.py}
 * (19.0), identical in all three. Odoo tests {@code isinstance} in this order:
 * <pre>
 *                      /xmlrpc/2/ (int)        /xmlrpc/ (string code, string)
 *   RedirectWarning    2, str(e)               "warning -- Warning\n\n" + str(e), ""
 *   MissingError       (UserError below)       "warning -- MissingError\n\n" + str(e), ""
 *   AccessError        4, str(e)               "warning -- AccessError\n\n" + str(e), ""
 *   AccessDenied       3, str(e)               "AccessDenied", str(e)
 *   UserError          2, str(e)               "warning -- UserError\n\n" + str(e), ""
 *   anything else      1, traceback            exception_to_unicode(e), traceback
 * </pre>
 * In {@code odoo/exceptions.py} (17-19) {@code AccessDenied}, {@code AccessError},
 * {@code MissingError}, {@code ValidationError} and (19) {@code LockError} subclass {@code UserError};
 * {@code RedirectWarning}, {@code CacheMiss} and (19) {@code ConcurrencyError} do not. JSON-RPC only
 * reports the concrete class, so subclasses defined by addons are unknown here and map like "anything
 * else" unless registered with {@link #withClass(String, Kind)}.
 */
public final class OdooFaultMapper {

  /** Classifies an Odoo exception class by the {@code isinstance} branch it takes. */
  public enum Kind { REDIRECT_WARNING, MISSING_ERROR, ACCESS_ERROR, ACCESS_DENIED, USER_ERROR, APPLICATION_ERROR }

  /** Knows the classes of {@code odoo.exceptions} in Odoo 17, 18 and 19. */
  public static final OdooFaultMapper DEFAULT = new OdooFaultMapper(Map.of(
      "odoo.exceptions.RedirectWarning", Kind.REDIRECT_WARNING,
      "odoo.exceptions.MissingError", Kind.MISSING_ERROR,
      "odoo.exceptions.AccessError", Kind.ACCESS_ERROR,
      "odoo.exceptions.AccessDenied", Kind.ACCESS_DENIED,
      "odoo.exceptions.UserError", Kind.USER_ERROR,
      "odoo.exceptions.ValidationError", Kind.USER_ERROR,
      "odoo.exceptions.LockError", Kind.USER_ERROR));

  private final Map<String, Kind> kinds;

  private OdooFaultMapper(Map<String, Kind> kinds) {
    this.kinds = Map.copyOf(kinds);
  }

  /** Returns a mapper that also knows {@code qualifiedClassName}, e.g. an addon's UserError subclass. */
  public OdooFaultMapper withClass(String qualifiedClassName, Kind kind) {
    Objects.requireNonNull(qualifiedClassName, "qualifiedClassName");
    Objects.requireNonNull(kind, "kind");
    Map<String, Kind> extended = new HashMap<>(kinds);
    extended.put(qualifiedClassName, kind);
    return new OdooFaultMapper(extended);
  }

  /** Returns the branch Odoo's fault handlers take for this class. */
  public Kind kindOf(String qualifiedClassName) {
    return kinds.getOrDefault(qualifiedClassName, Kind.APPLICATION_ERROR);
  }

  /** Returns the fault Odoo would send for {@code error} on {@code endpoint}. */
  public XmlRpcFault toFault(OdooError error, XmlRpcEndpoint endpoint) {
    Kind kind = kindOf(error.name());
    return endpoint == XmlRpcEndpoint.XMLRPC_2 ? intFault(kind, error) : stringFault(kind, error);
  }

  private static XmlRpcFault intFault(Kind kind, OdooError error) {
    return switch (kind) {
      case REDIRECT_WARNING, MISSING_ERROR, USER_ERROR -> XmlRpcFault.of(XmlRpcFault.WARNING, str(error));
      case ACCESS_ERROR -> XmlRpcFault.of(XmlRpcFault.ACCESS_ERROR, str(error));
      case ACCESS_DENIED -> XmlRpcFault.of(XmlRpcFault.ACCESS_DENIED, str(error));
      case APPLICATION_ERROR -> XmlRpcFault.of(XmlRpcFault.APPLICATION_ERROR, traceback(error));
    };
  }

  private static XmlRpcFault stringFault(Kind kind, OdooError error) {
    return switch (kind) {
      case REDIRECT_WARNING -> XmlRpcFault.of("warning -- Warning\n\n" + str(error), "");
      case MISSING_ERROR -> XmlRpcFault.of("warning -- MissingError\n\n" + str(error), "");
      case ACCESS_ERROR -> XmlRpcFault.of("warning -- AccessError\n\n" + str(error), "");
      case ACCESS_DENIED -> XmlRpcFault.of("AccessDenied", str(error));
      case USER_ERROR -> XmlRpcFault.of("warning -- UserError\n\n" + str(error), "");
      // JSON-RPC's message already is exception_to_unicode(e), the legacy code's text.
      case APPLICATION_ERROR -> XmlRpcFault.of(error.message(), traceback(error));
    };
  }

  /**
   * Returns the fault for a request the codec rejected. Odoo answers a body {@code xmlrpc.client.loads}
   * cannot parse with the generic branch: code 1 (or the message as code on the legacy endpoint) and
   * the Python traceback of the parser error, which the gateway replaces by its own reason.
   */
  public static XmlRpcFault forRejectedRequest(XmlRpcException rejection, XmlRpcEndpoint endpoint) {
    String reason = rejection.code() + ": " + rejection.getMessage();
    return endpoint == XmlRpcEndpoint.XMLRPC_2
        ? XmlRpcFault.of(XmlRpcFault.APPLICATION_ERROR, reason + "\n")
        : XmlRpcFault.of(reason, reason + "\n");
  }

  /**
   * Returns the fault Odoo sends when its marshaller raises while writing a result, e.g.
   * {@code TypeError("cannot marshal None unless allow_none is enabled")}.
   */
  static XmlRpcFault forMarshallingError(String pythonClass, String message, XmlRpcEndpoint endpoint) {
    String traceback = PythonText.exceptionOnly(pythonClass, message);
    return endpoint == XmlRpcEndpoint.XMLRPC_2
        ? XmlRpcFault.of(XmlRpcFault.APPLICATION_ERROR, traceback)
        : XmlRpcFault.of(message, traceback);
  }

  /** Returns {@code str(e)}: rebuilt from the arguments when known (multi-argument exceptions differ). */
  private static String str(OdooError error) {
    return error.arguments() == null ? error.message() : PythonText.exceptionStr(error.arguments().getList());
  }

  /** Returns Odoo's traceback when JSON-RPC reported one, else its last line rebuilt. */
  private static String traceback(OdooError error) {
    if (error.debug() != null && !error.debug().isBlank()) {
      return error.debug();
    }
    return PythonText.exceptionOnly(error.name(), str(error));
  }
}
