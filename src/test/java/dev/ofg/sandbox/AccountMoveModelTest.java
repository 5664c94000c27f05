package dev.ofg.sandbox;

import static dev.ofg.sandbox.SandboxFixture.ADMIN;
import static dev.ofg.sandbox.SandboxFixture.call;
import static dev.ofg.sandbox.SandboxFixture.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invoices, x2many commands, totals and the posting workflow, exercised on the registry without HTTP. */
class AccountMoveModelTest {
  private final ModelRegistry registry = SandboxFixture.registry(OdooVersion.V19);
  private final long azure = idOf(registry, "res.partner", "ref", "AZURE");
  private final long vat21 = idOf(registry, "account.tax", "name", "VAT 21%");
  private final int year = LocalDate.now(java.time.ZoneOffset.UTC).getYear();

  private long invoice(Object... lines) {
    return (Long) call(registry, ADMIN, "account.move", "create", List.of(Map.of("move_type", "out_invoice",
        "partner_id", azure, "invoice_line_ids", List.of(lines))));
  }

  private static List<Object> line(String name, double qty, double price) {
    return List.of(0L, 0L, Map.of("name", name, "quantity", qty, "price_unit", price));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> read(long id, String... fields) {
    List<Map<String, Object>> rows = (List<Map<String, Object>>) call(registry, ADMIN, "account.move", "read",
        List.of(List.of(id), List.of(fields)));
    return rows.get(0);
  }

  @Test
  void computesTotalsTaxesAndJournalItems() {
    long id = (Long) call(registry, ADMIN, "account.move", "create", List.of(Map.of("move_type", "out_invoice",
        "partner_id", azure, "invoice_line_ids", List.of(List.of(0L, 0L, Map.of("name", "Desk", "quantity", 2.0,
            "price_unit", 50.0, "tax_ids", List.of(List.of(6L, 0L, List.of(vat21)))))))));
    Map<String, Object> move = read(id, "amount_untaxed", "amount_tax", "amount_total", "amount_residual",
        "state", "name", "payment_state", "currency_id");
    assertThat(move).containsEntry("amount_untaxed", 100.0).containsEntry("amount_tax", 21.0)
        .containsEntry("amount_total", 121.0).containsEntry("amount_residual", 121.0)
        .containsEntry("state", "draft").containsEntry("name", "/").containsEntry("payment_state", "not_paid");
    assertThat(registry.count("account.move.line", List.of(List.of("move_id", "=", id)), ADMIN)).isEqualTo(3);
    double balance = 0;
    for (long line : registry.model("account.move.line").idsWhere("move_id", id)) {
      balance += (Double) registry.model("account.move.line").row(line).get("balance");
    }
    assertThat(balance).isZero();
  }

  @Test
  void createOfADictReturnsAnIdAndOfAListReturnsIds() {
    Object single = call(registry, ADMIN, "res.partner", "create", List.of(Map.of("name", "One")));
    Object many = call(registry, ADMIN, "res.partner", "create", List.of(List.of(Map.of("name", "Two"),
        Map.of("name", "Three"))));
    assertThat(single).isInstanceOf(Long.class);
    assertThat(many).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(2).allMatch(Long.class::isInstance);
  }

  @Test
  void appliesX2ManyCommands() {
    long id = invoice(line("A", 1, 10), line("B", 1, 20));
    List<Long> lines = registry.model("account.move").one2manyIds(
        registry.model("account.move").field("invoice_line_ids"), id);
    long a = lines.get(0);
    long b = lines.get(1);
    call(registry, ADMIN, "account.move", "write", List.of(List.of(id), Map.of("invoice_line_ids", List.of(
        List.of(1L, a, Map.of("price_unit", 15.0)),
        List.of(2L, b, 0L),
        line("C", 2, 5)))));
    assertThat(read(id, "amount_total")).containsEntry("amount_total", 25.0);
    assertThat(registry.model("account.move.line").exists(b)).isFalse();

    call(registry, ADMIN, "account.move", "write", List.of(List.of(id), Map.of("invoice_line_ids",
        List.of(List.of(6L, 0L, List.of(a))))));
    assertThat(read(id, "amount_total", "invoice_line_ids"))
        .containsEntry("amount_total", 15.0).containsEntry("invoice_line_ids", List.of(a));

    call(registry, ADMIN, "account.move", "write", List.of(List.of(id), Map.of("invoice_line_ids",
        List.of(List.of(5L, 0L, 0L)))));
    assertThat(read(id, "amount_total", "line_ids")).containsEntry("amount_total", 0.0)
        .containsEntry("line_ids", List.of());
  }

  @Test
  void linksAndUnlinksMany2manyRecords() {
    long id = invoice(line("A", 1, 100));
    long lineId = registry.model("account.move.line").idsWhere("move_id", id).get(0);
    call(registry, ADMIN, "account.move.line", "write", List.of(List.of(lineId), Map.of("tax_ids",
        List.of(List.of(4L, vat21, 0L)))), Map.of());
    assertThat(read(id, "amount_tax")).containsEntry("amount_tax", 21.0);
    call(registry, ADMIN, "account.move.line", "write", List.of(List.of(lineId), Map.of("tax_ids",
        List.of(List.of(3L, vat21, 0L)))), Map.of());
    assertThat(read(id, "amount_tax")).containsEntry("amount_tax", 0.0);
  }

  @Test
  void postingAssignsTheYearlySequenceAndLocksTheEntry() {
    long first = invoice(line("A", 1, 10));
    long second = invoice(line("B", 1, 10));
    call(registry, ADMIN, "account.move", "action_post", List.of(List.of(first)));
    call(registry, ADMIN, "account.move", "action_post", List.of(List.of(second)));
    assertThat(read(first, "name", "state", "display_name")).containsEntry("name", "INV/" + year + "/00001")
        .containsEntry("state", "posted").containsEntry("display_name", "INV/" + year + "/00001");
    assertThat(read(second, "name")).containsEntry("name", "INV/" + year + "/00002");
    assertThatThrownBy(() -> call(registry, ADMIN, "account.move", "write", List.of(List.of(first),
        Map.of("partner_id", azure))))
        .hasMessage("You cannot modify the following readonly fields on a posted move: partner_id");
  }

  @Test
  void creditNotesUseTheRefundSequence() {
    long id = (Long) call(registry, ADMIN, "account.move", "create", List.of(Map.of("move_type", "out_refund",
        "partner_id", azure, "invoice_line_ids", List.of(line("Refund", 1, 10)))));
    call(registry, ADMIN, "account.move", "action_post", List.of(List.of(id)));
    assertThat(read(id, "name")).containsEntry("name", "RINV/" + year + "/00001");
  }

  @Test
  void refusesToPostWithoutLinesOrPartner() {
    long empty = (Long) call(registry, ADMIN, "account.move", "create", List.of(Map.of("move_type", "out_invoice")));
    // odoo 19 AccountMove._post gathers every message
    assertThatThrownBy(() -> call(registry, ADMIN, "account.move", "action_post", List.of(List.of(empty))))
        .isInstanceOfSatisfying(OdooError.class, e -> assertThat(e.kind()).isEqualTo(OdooErrorKind.USER_ERROR))
        .hasMessageContaining("The 'Customer' field is required to validate the invoice.\n"
            + "You probably don't want to explain to your auditor that you invoiced an invisible man :)")
        .hasMessageContaining("Even magicians can't post nothing!");
  }

  @Test
  void refusesToPostTwice() {
    long id = invoice(line("A", 1, 10));
    call(registry, ADMIN, "account.move", "action_post", List.of(List.of(id)));
    assertThatThrownBy(() -> call(registry, ADMIN, "account.move", "action_post", List.of(List.of(id))))
        .hasMessage("The entry INV/" + year + "/00001 (id " + id + ") must be in draft.");
  }

  @Test
  void olderSeriesUseTheirOwnPostingMessages() {
    ModelRegistry v17 = SandboxFixture.registry(OdooVersion.V17);
    long id = (Long) call(v17, ADMIN, "account.move", "create", List.of(Map.of("move_type", "out_invoice")));
    // 17.0 raises the first problem only
    assertThatThrownBy(() -> call(v17, ADMIN, "account.move", "action_post", List.of(List.of(id))))
        .hasMessage("The field 'Customer' is required, please complete it to validate the Customer Invoice.");
    call(v17, ADMIN, "account.move", "write", List.of(List.of(id), Map.of("partner_id", azure)));
    assertThatThrownBy(() -> call(v17, ADMIN, "account.move", "action_post", List.of(List.of(id))))
        .hasMessage("You need to add a line before posting.");
  }

  @Test
  void resetsToDraftAndCancels() {
    long id = invoice(line("A", 1, 10));
    call(registry, ADMIN, "account.move", "action_post", List.of(List.of(id)));
    Object draft = call(registry, ADMIN, "account.move", "button_draft", List.of(List.of(id)));
    assertThat(draft).isNull();
    assertThat(read(id, "state", "name")).containsEntry("state", "draft").containsEntry("name", "INV/" + year + "/00001");
    call(registry, ADMIN, "account.move", "button_cancel", List.of(List.of(id)));
    assertThat(read(id, "state", "amount_residual")).containsEntry("state", "cancel").containsEntry("amount_residual", 0.0);
    assertThatThrownBy(() -> call(registry, ADMIN, "account.move", "button_cancel", List.of(List.of(id))))
        .hasMessage("Only draft journal entries can be cancelled.");
  }

  @Test
  void registersPartialThenFullPaymentThroughTheWizard() {
    long id = invoice(line("A", 1, 100));
    call(registry, ADMIN, "account.move", "action_post", List.of(List.of(id)));
    Map<String, Object> ctx = Map.of("context", Map.of("active_model", "account.move", "active_ids", List.of(id)));
    long wizard = (Long) call(registry, ADMIN, "account.payment.register", "create",
        List.of(Map.of("amount", 40.0)), ctx);
    Object action = call(registry, ADMIN, "account.payment.register", "action_create_payments",
        List.of(List.of(wizard)));
    assertThat(action).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("res_model", "account.payment").containsEntry("view_mode", "form");
    assertThat(read(id, "amount_residual", "payment_state")).containsEntry("amount_residual", 60.0)
        .containsEntry("payment_state", "partial");

    long second = (Long) call(registry, ADMIN, "account.payment.register", "create", List.of(Map.of()), ctx);
    call(registry, ADMIN, "account.payment.register", "action_create_payments", List.of(List.of(second)));
    assertThat(read(id, "amount_residual", "payment_state")).containsEntry("amount_residual", 0.0)
        .containsEntry("payment_state", "paid");
    assertThat(registry.count("account.payment", List.of(List.of("state", "=", "paid")), ADMIN)).isEqualTo(2);
    assertThatThrownBy(() -> call(registry, ADMIN, "account.payment.register", "create", List.of(Map.of()), ctx))
        .hasMessageStartingWith("There's nothing left to pay for the selected journal items");
  }

  @Test
  void wizardNeedsAnInvoiceContext() {
    assertThatThrownBy(() -> call(registry, ADMIN, "account.payment.register", "create", List.of(Map.of())))
        .hasMessage("The register payment wizard should only be called on account.move or account.move.line records.");
  }

  @Test
  void journalEntriesMustBalance() {
    long bank = idOf(registry, "account.account", "code", "101401");
    long receivable = idOf(registry, "account.account", "code", "121000");
    assertThatThrownBy(() -> call(registry, ADMIN, "account.move", "create", List.of(Map.of("line_ids", List.of(
        List.of(0L, 0L, Map.of("account_id", bank, "debit", 10.0)),
        List.of(0L, 0L, Map.of("account_id", receivable, "credit", 9.0)))))))
        .hasMessage("The entry is not balanced.");
    assertThat(registry.model("account.move").size()).isZero();
    assertThat(registry.model("account.move.line").size()).isZero();
  }
}
