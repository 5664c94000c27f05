package dev.ofg.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an unexpected Java exception (a sandbox bug or input the models did not foresee) into the
 * error Odoo would most likely show for it, a Python TypeError, so that no request crashes the
 * server or leaks a Java stack trace.
 */
final class UnexpectedFailures {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedFailures.class);

  private UnexpectedFailures() {}

  static OdooError toOdoo(RuntimeException e) {
    if (e instanceof OdooError odoo) {
      return odoo;
    }
    LOG.debug("Unexpected failure while simulating Odoo", e);
    return OdooError.typeError("unsupported argument: " + e.getClass().getSimpleName());
  }
}
