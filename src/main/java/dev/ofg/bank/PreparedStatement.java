package dev.ofg.bank;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Holds one verified statement ready for import: its stable ref, its journal, and each line with its Odoo values.
 */
record PreparedStatement(String statementRef, BankStatement statement, OdooJournal journal,
    BalanceCheck.Result balanceCheck, List<Line> lines) {

  PreparedStatement {
    lines = List.copyOf(lines);
  }

  /** Pairs a line with the values of its Odoo record. */
  record Line(StatementLine line, JsonObject values) {
    String importId() {
      return line.importId();
    }
  }
}
