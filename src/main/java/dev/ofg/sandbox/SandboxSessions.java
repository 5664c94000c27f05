package dev.ofg.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the web sessions created by {@code /web/session/authenticate}, keyed by session id. */
final class SandboxSessions {
  /** Bound on live sessions so that a login flood cannot grow memory without limit. */
  static final int MAX_SESSIONS = 100_000;

  /** An authenticated session: the {@code session_id} cookie value, the user and the database. */
  record Session(String sid, long uid, String db) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  Session create(long uid, String db) {
    if (sessions.size() >= MAX_SESSIONS) {
      sessions.clear(); // like a session GC pass: old sessions expire, clients get code 100 and log in again
    }
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    Session s = new Session(HexFormat.of().formatHex(bytes), uid, db);
    sessions.put(s.sid(), s);
    return s;
  }

  Session get(String sid) {
    return sid == null ? null : sessions.get(sid);
  }

  void destroy(String sid) {
    if (sid != null) {
      sessions.remove(sid);
    }
  }

  void clear() {
    sessions.clear();
  }
}
