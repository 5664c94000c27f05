package dev.ofg.sandbox;

import static dev.ofg.sandbox.SandboxFixture.SERVICE;
import static dev.ofg.sandbox.SandboxFixture.call;
import static dev.ofg.sandbox.SandboxFixture.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Standalone payments per series (17.0: entry states and {@code ref}; 18.0+: paid and {@code memo}). */
class AccountPaymentModelTest {
  private final int year = LocalDate.now(ZoneOffset.UTC).getYear();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(ModelRegistry registry, long id, String... fields) {
    return ((List<Map<String, Object>>) call(registry, SERVICE, "account.payment", "read",
        List.of(List.of(id), List.of(fields)))).get(0);
  }

  @Test
  void postsAPaymentAsPaidWithThePaymentSequenceOn19() {
    ModelRegistry registry = SandboxFixture.registry(OdooVersion.V19);
    long partner = idOf(registry, "res.partner", "ref", "AZURE");
    long id = (Long) call(registry, SERVICE, "account.payment", "create", List.of(Map.of("amount", 250.0,
        "payment_type", "inbound", "partner_id", partner, "memo", "Order 42")));
    assertThat(read(registry, id, "state", "display_name")).containsEntry("state", "draft")
        .containsEntry("display_name", "Draft Payment");
    assertThat(call(registry, SERVICE, "account.payment", "action_post", List.of(List.of(id)))).isNull();
    assertThat(read(registry, id, "state", "name", "memo", "journal_id"))
        .containsEntry("state", "paid").containsEntry("name", "PBNK1/" + year + "/00001")
        .containsEntry("memo", "Order 42");
  }

  @Test
  void usesPostedAndRefOn17() {
    ModelRegistry registry = SandboxFixture.registry(OdooVersion.V17);
    long id = (Long) call(registry, SERVICE, "account.payment", "create", List.of(Map.of("amount", 10.0,
        "ref", "Order 7")));
    call(registry, SERVICE, "account.payment", "action_post", List.of(List.of(id)));
    assertThat(read(registry, id, "state", "ref")).containsEntry("state", "posted").containsEntry("ref", "Order 7");
    assertThatThrownBy(() -> call(registry, SERVICE, "account.payment", "create", List.of(Map.of("memo", "x"))))
        .hasMessage("Invalid field 'memo' on model 'account.payment'");
  }

  @Test
  void refusesNegativeAmounts() {
    ModelRegistry registry = SandboxFixture.registry(OdooVersion.V18);
    assertThatThrownBy(() -> call(registry, SERVICE, "account.payment", "create", List.of(Map.of("amount", -1.0))))
        .hasMessage("The operation cannot be completed: The payment amount cannot be negative.");
  }
}
