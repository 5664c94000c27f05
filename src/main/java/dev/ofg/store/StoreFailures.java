package dev.ofg.store;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a backing store that cannot be reached (connection refused or lost, pool exhausted, database shutting
 * down or not accepting connections) from a failure of the statement itself, so callers can answer 503 with
 * Retry-After for the first and keep the second a visible internal error.
 */
public final class StoreFailures {
  /**
   * SQLSTATE classes and codes that mean "the server cannot serve us now", not "the statement is wrong":
   * connection exceptions (08), insufficient resources (53), operator intervention (57: shutdown, cancel by the
   * administrator), system errors (58), and 55000 / 55006 (object not in prerequisite state: a database not
   * accepting connections, one being dropped).
   */
  private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53", "57", "58");
  private static final Set<String> UNAVAILABLE_CODES = Set.of("55000", "55006");

  private StoreFailures() {
  }

  /** Returns true if the failure, or one of its causes, says the store is unreachable rather than the query bad. */
  public static boolean unavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof PgException pg) {
        String state = pg.getSqlState();
        return state != null && (UNAVAILABLE_CODES.contains(state)
            || state.length() == 5 && UNAVAILABLE_CLASSES.contains(state.substring(0, 2)));
      }
      // SocketException covers refused (ConnectException) and reset connections.
      if (cause instanceof ClosedConnectionException || cause instanceof SocketException
          || cause instanceof ClosedChannelException || cause instanceof ConnectionPoolTooBusyException
          || cause instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }
}
