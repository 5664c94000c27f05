package dev.ofg.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Records how to revert each change made during one RPC call, so that a failing call leaves no
 * trace, as the rollback of Odoo's per-request SQL transaction does.
 */
final class UndoLog {
  private final List<Runnable> undos = new ArrayList<>();

  void record(Runnable undo) {
    undos.add(undo);
  }

  /** Hands the recorded undos to an enclosing transaction when a nested one succeeds. */
  void moveTo(UndoLog outer) {
    outer.undos.addAll(undos);
    undos.clear();
  }

  void rollback() {
    for (int i = undos.size() - 1; i >= 0; i--) {
      undos.get(i).run();
    }
    undos.clear();
  }
}
