package dev.ofg.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts model method calls that reached the simulated Odoo, per {@code model.method}: every
 * attempt, and separately those that committed, so a test can assert "exactly one create reached
 * Odoo" even when retries met injected failures.
 */
final class CallCounters {
  private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> committed = new ConcurrentHashMap<>();

  void attempt(String model, String method) {
    attempts.computeIfAbsent(key(model, method), k -> new LongAdder()).increment();
  }

  void commit(String model, String method) {
    committed.computeIfAbsent(key(model, method), k -> new LongAdder()).increment();
  }

  long attempts(String model, String method) {
    LongAdder a = attempts.get(key(model, method));
    return a == null ? 0 : a.sum();
  }

  long committed(String model, String method) {
    LongAdder a = committed.get(key(model, method));
    return a == null ? 0 : a.sum();
  }

  Map<String, Long> attemptsSnapshot() {
    Map<String, Long> out = new TreeMap<>();
    attempts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  void reset() {
    attempts.clear();
    committed.clear();
  }

  private static String key(String model, String method) {
    return model + "." + method;
  }
}
