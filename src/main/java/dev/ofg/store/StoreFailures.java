package dev.ofg.store;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * Tells a backing store that cannot be reached (connection refused or lost, pool exhausted, database shutting
 * down or not accepting connections) from a failure of the statement itself, so callers can answer 503 with
 * Retry-After for the first and keep the second a visible internal error.
 */
public final class StoreFailures {
  /**
   * SQLSTATE classes and codes that mean "the server cannot serve us now", not "the statement is wrong":
   * connection exceptions (08), insufficient resources (53), the server shutting down or not yet accepting
   * connections (57P01..57P03; not 57014, a statement timeout, which is the statement's own doing), system errors
   * (58). Besides these, any FATAL or PANIC error: the server ended the session (for example 55000, a database not
   * accepting connections), whereas the same code at ERROR severity is a statement's mistake.
   */
  private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53", "58");
  private static final Set<String> UNAVAILABLE_CODES = Set.of("57P01", "57P02", "57P03");
  private static final Set<String> SESSION_ENDING_SEVERITIES = Set.of("FATAL", "PANIC");

  private StoreFailures() {
  }

  /** Returns true if the failure, or one of its causes, says the store is unreachable rather than the query bad. */
  public static boolean unavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof PgException pg) {
        String state = pg.getSqlState();
        return SESSION_ENDING_SEVERITIES.contains(pg.getSeverity()) || state != null
            && (UNAVAILABLE_CODES.contains(state) || state.length() == 5
            && UNAVAILABLE_CLASSES.contains(state.substring(0, 2)));
      }
      // SocketException covers refused (ConnectException) and reset connections. Odoo's HTTP failures never get
      // here bare: the Odoo client turns them into classified faults first.
      if (cause instanceof ClosedConnectionException || cause instanceof SocketException
          || cause instanceof ClosedChannelException) {
        return true;
      }
    }
    return false;
  }
}
