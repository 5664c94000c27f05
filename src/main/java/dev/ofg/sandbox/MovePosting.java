package dev.ofg.sandbox;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Implements {@code action_post}, {@code button_draft} and {@code button_cancel} of
 * {@code account.move}. Validation messages follow {@code AccountMove._post}: 17.0 raises the first
 * problem, 18.0/19.0 collect them all and join them with newlines.
 */
final class MovePosting {
  private final AccountMoveModel moves;
  private final MoveSequence sequence;
  private final OdooVersion version;

  MovePosting(AccountMoveModel moves, MoveSequence sequence) {
    this.moves = moves;
    this.sequence = sequence;
    this.version = moves.registry().version();
  }

  void post(CallContext ctx, List<Long> ids) {
    Set<String> problems = new LinkedHashSet<>();
    for (long id : ids) {
      validate(id, problems);
    }
    if (!problems.isEmpty()) {
      throw OdooError.userError(String.join("\n", problems));
    }
    for (long id : ids) {
      postOne(ctx, id);
    }
  }

  private void validate(long id, Set<String> problems) {
    Map<String, Object> move = moves.row(id);
    String type = (String) move.get("move_type");
    if (AccountMoveModel.isInvoice(type)) {
      if (move.get("partner_id") == null) {
        report(problems, partnerMessage(type));
      }
      if (move.get("invoice_date") == null && !AccountMoveModel.isSale(type)) {
        report(problems, "The Bill/Refund date is required to validate this document.");
      }
      if (version.atLeast(OdooVersion.V18) && ((Number) move.get("amount_total")).doubleValue() < 0) {
        report(problems, "You cannot validate an invoice with a negative total amount. You should create a credit"
            + " note instead. Use the action menu to transform it into a credit note or refund.");
      }
    }
    if (!"draft".equals(move.get("state"))) {
      report(problems, "The entry " + move.get("name") + " (id " + id + ") must be in draft.");
    }
    boolean hasLines = moves.registry().model(AccountMoveLineModel.NAME).idsWhere("move_id", id).stream()
        .anyMatch(l -> !isNote(moves.registry().model(AccountMoveLineModel.NAME).row(l).get("display_type")));
    if (!hasLines) {
      report(problems, version.atLeast(OdooVersion.V19) ? "Even magicians can't post nothing!"
          : "You need to add a line before posting.");
    }
  }

  private static boolean isNote(Object displayType) {
    return "line_section".equals(displayType) || "line_note".equals(displayType);
  }

  // 17.0 raises at the first problem; later series gather a set of messages.
  private void report(Set<String> problems, String message) {
    if (!version.atLeast(OdooVersion.V18)) {
      throw OdooError.userError(message);
    }
    problems.add(message);
  }

  private String partnerMessage(String type) {
    if (!AccountMoveModel.isSale(type)) {
      return "The field 'Vendor' is required, please complete it to validate the Vendor Bill.";
    }
    return version.atLeast(OdooVersion.V19)
        ? "The 'Customer' field is required to validate the invoice.\n"
            + "You probably don't want to explain to your auditor that you invoiced an invisible man :)"
        : "The field 'Customer' is required, please complete it to validate the Customer Invoice.";
  }

  private void postOne(CallContext ctx, long id) {
    Map<String, Object> move = moves.row(id);
    String type = (String) move.get("move_type");
    if (AccountMoveModel.isInvoice(type)) {
      if (move.get("invoice_date") == null) {
        moves.update(ctx, id, "invoice_date", moves.registry().today().toString());
      }
      moves.update(ctx, id, "date", moves.row(id).get("invoice_date"));
      if (moves.row(id).get("invoice_date_due") == null) {
        moves.update(ctx, id, "invoice_date_due", moves.row(id).get("invoice_date"));
      }
    }
    Object name = moves.row(id).get("name");
    if (name == null || "/".equals(name)) {
      moves.update(ctx, id, "name", nextName(id));
    }
    moves.update(ctx, id, "state", "posted");
    moves.update(ctx, id, "posted_before", true);
    moves.afterChange(ctx, id);
  }

  private String nextName(long id) {
    Map<String, Object> move = moves.row(id);
    Map<String, Object> journal = moves.registry().model("account.journal").row((Long) move.get("journal_id"));
    String prefix = String.valueOf(journal.get("code"));
    String type = (String) move.get("move_type");
    if ("out_refund".equals(type) || "in_refund".equals(type)) {
      prefix = "R" + prefix;
    }
    int year = LocalDate.parse((String) move.get("date")).getYear();
    return sequence.next(moves.registry(), prefix, year);
  }

  void resetToDraft(CallContext ctx, List<Long> ids) {
    for (long id : ids) {
      Object state = moves.row(id).get("state");
      if (!"posted".equals(state) && !"cancel".equals(state)) {
        throw OdooError.userError("Only posted/cancelled journal entries can be reset to draft.");
      }
    }
    for (long id : ids) {
      moves.update(ctx, id, "state", "draft");
      moves.afterChange(ctx, id);
    }
  }

  // button_cancel: posted entries are reset to draft first, then everything must be draft.
  void cancel(CallContext ctx, List<Long> ids) {
    List<Long> posted = ids.stream().filter(id -> "posted".equals(moves.row(id).get("state"))).toList();
    if (!posted.isEmpty()) {
      resetToDraft(ctx, posted);
    }
    for (long id : ids) {
      if (!"draft".equals(moves.row(id).get("state"))) {
        throw OdooError.userError("Only draft journal entries can be cancelled.");
      }
    }
    for (long id : ids) {
      moves.update(ctx, id, "state", "cancel");
      moves.afterChange(ctx, id);
    }
  }
}
