package dev.ofg.sandbox;

import java.util.HashMap;
import java.util.Map;

/**
 * Assigns journal entry numbers on posting like Odoo's sequence mixin with the default yearly
 * format {@code PREFIX/YYYY/NNNNN}: the journal code, prefixed with {@code R} for credit notes
 * (journal.refund_sequence) and {@code P} for payments (journal.payment_sequence).
 */
final class MoveSequence {
  private final Map<String, Integer> last = new HashMap<>();

  String next(ModelRegistry registry, String prefix, int year) {
    String key = prefix + "/" + year;
    int previous = last.getOrDefault(key, 0);
    last.put(key, previous + 1);
    registry.undo(() -> last.put(key, previous));
    return String.format("%s/%04d/%05d", prefix, year, previous + 1);
  }

  void reset() {
    last.clear();
  }
}
