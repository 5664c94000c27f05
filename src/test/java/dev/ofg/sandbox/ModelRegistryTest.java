package dev.ofg.sandbox;

import static dev.ofg.sandbox.SandboxFixture.ADMIN;
import static dev.ofg.sandbox.SandboxFixture.READER;
import static dev.ofg.sandbox.SandboxFixture.SERVICE;
import static dev.ofg.sandbox.SandboxFixture.call;
import static dev.ofg.sandbox.SandboxFixture.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Dispatch, access rights, record rules, constraints and transactions of the model registry, without HTTP. */
class ModelRegistryTest {
  private final ModelRegistry registry = SandboxFixture.registry(OdooVersion.V19);

  private static OdooErrorKind kindOf(Throwable t) {
    return ((OdooError) t).kind();
  }

  @Test
  void unknownModelIsAUserErrorOnTheObjectService() {
    assertThatThrownBy(() -> call(registry, ADMIN, "x.nope", "search", List.of(List.of())))
        .hasMessage("Object x.nope doesn't exist")
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(OdooErrorKind.USER_ERROR));
  }

  @Test
  void unknownMethodIsAnAttributeErrorWordedPerSeries() {
    // 19.0 odoo/service/model.py get_public_method; 17.0/18.0 odoo/api.py call_kw
    assertThatThrownBy(() -> call(registry, ADMIN, "res.partner", "frobnicate", List.of(List.of())))
        .hasMessage("The method 'res.partner.frobnicate' does not exist")
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(OdooErrorKind.ATTRIBUTE_ERROR));
    ModelRegistry v18 = SandboxFixture.registry(OdooVersion.V18);
    assertThatThrownBy(() -> call(v18, ADMIN, "res.partner", "frobnicate", List.of(List.of())))
        .hasMessage("The method 'frobnicate' does not exist on the model 'res.partner'");
  }

  @Test
  void privateMethodsAreRefused() {
    assertThatThrownBy(() -> call(registry, ADMIN, "res.partner", "_compute_name", List.of(List.of())))
        .hasMessage("Private methods (such as 'res.partner._compute_name') cannot be called remotely.")
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(OdooErrorKind.ACCESS_ERROR));
    ModelRegistry v17 = SandboxFixture.registry(OdooVersion.V17);
    assertThatThrownBy(() -> call(v17, ADMIN, "x.any", "init", List.of()))
        .hasMessage("Private methods (such as init) cannot be called remotely.");
  }

  @Test
  void enforcesModelAccessRights() {
    assertThat(call(registry, READER, "res.partner", "search_count", List.of(List.of()))).isNotNull();
    assertThatThrownBy(() -> call(registry, READER, "res.partner", "create", List.of(Map.of("name", "x"))))
        .hasMessage("You are not allowed to create 'Contact' (res.partner) records.\n\n"
            + "No group currently allows this operation.\n\n"
            + "Contact your administrator to request access if necessary.")
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(OdooErrorKind.ACCESS_ERROR));
    assertThatThrownBy(() -> call(registry, READER, "account.move", "search", List.of(List.of())))
        .hasMessageStartingWith("You are not allowed to access 'Journal Entry' (account.move) records.");
    assertThatThrownBy(() -> call(registry, SERVICE, "account.move", "unlink", List.of(List.of())))
        .hasMessageStartingWith("You are not allowed to delete 'Journal Entry' (account.move) records.");
  }

  @Test
  void usersAreAReadOnlyView() {
    assertThat(call(registry, SERVICE, "res.users", "search_count", List.of(List.of()))).isEqualTo(3L);
    assertThatThrownBy(() -> call(registry, ADMIN, "res.users", "write", List.of(List.of(2L), Map.of("name", "x"))))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(OdooErrorKind.ACCESS_ERROR));
  }

  @Test
  void refusesUnauthorizedAllowedCompanies() {
    assertThatThrownBy(() -> call(registry, SERVICE, "account.journal", "search", List.of(List.of()),
        Map.of("context", Map.of("allowed_company_ids", List.of(2L)))))
        .hasMessage("Access to unauthorized or invalid companies.")
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(OdooErrorKind.ACCESS_ERROR));
  }

  @Test
  void restrictsCompanyRecordsToEnabledCompanies() {
    Object all = call(registry, ADMIN, "account.journal", "search_count", List.of(List.of()));
    Object company1 = call(registry, ADMIN, "account.journal", "search_count", List.of(List.of()),
        Map.of("context", Map.of("allowed_company_ids", List.of(1L))));
    Object forService = call(registry, SERVICE, "account.journal", "search_count", List.of(List.of()));
    assertThat(all).isEqualTo(8L);
    assertThat(company1).isEqualTo(4L);
    assertThat(forService).isEqualTo(4L);
  }

  @Test
  void readingAnotherCompanysRecordRaisesTheRecordRuleError() {
    long wood = idOf(registry, "res.partner", "ref", "WOOD");
    assertThatThrownBy(() -> call(registry, SERVICE, "res.partner", "read", List.of(List.of(wood), List.of("name"))))
        .hasMessage("Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n"
            + "Sorry, Gateway Service (id=6) doesn't have 'read' access to:\n"
            + "- Contact (res.partner)\n\n"
            + "If you really, really need access, perhaps you can win over your friendly administrator with a batch"
            + " of freshly baked cookies.\n\n"
            + "This seems to be a multi-company issue, but you do not have access to the proper company to access"
            + " the record anyhow.");
  }

  @Test
  void creatingInADisabledCompanySuggestsSwitching() {
    long usBank = registry.model("account.journal").allIds().stream()
        .filter(id -> Long.valueOf(2L).equals(registry.model("account.journal").row(id).get("company_id")))
        .findFirst().orElseThrow();
    assertThatThrownBy(() -> call(registry, ADMIN, "account.bank.statement.line", "create",
        List.of(Map.of("journal_id", usBank, "amount", 10.0, "payment_ref", "x")),
        Map.of("context", Map.of("allowed_company_ids", List.of(1L)))))
        .hasMessageEndingWith("you might be able to access the record by switching to the company: OFG Americas Inc.")
        .satisfies(t -> assertThat(((OdooError) t).context()).containsKey("suggested_company"));
  }

  @Test
  void duplicateUniqueImportIdIsTheConstraintValidationError() {
    Map<String, Object> vals = Map.of("amount", 12.5, "payment_ref", "SEPA 1", "unique_import_id", "BNK-2026-0001");
    call(registry, SERVICE, "account.bank.statement.line", "create", List.of(vals));
    assertThatThrownBy(() -> call(registry, SERVICE, "account.bank.statement.line", "create", List.of(vals)))
        .hasMessage("The operation cannot be completed: A bank account transactions can be imported only once!")
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(OdooErrorKind.VALIDATION_ERROR));
    assertThat(registry.count("account.bank.statement.line", List.of(), ADMIN)).isEqualTo(1);
    assertThat(registry.counters().attempts("account.bank.statement.line", "create")).isEqualTo(2);
    assertThat(registry.counters().committed("account.bank.statement.line", "create")).isEqualTo(1);
  }

  @Test
  void withoutTheStatementImportModuleStatementLinesHaveNoImportId() {
    ModelRegistry plain = new ModelRegistry(OdooVersion.V19, java.time.Clock.systemUTC(), () -> false);
    ModelCatalog.register(plain, OdooVersion.V19, new MoveSequence(), false);
    new SeedData(plain, ADMIN).load(SandboxFixture.USERS, true);
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) call(plain, SERVICE, "account.bank.statement.line",
        "fields_get", List.of());

    assertThat(fields).containsKey("payment_ref").doesNotContainKey("unique_import_id");
    Map<String, Object> vals = Map.of("amount", 12.5, "payment_ref", "SEPA 1", "unique_import_id", "BNK-2026-0001");
    assertThatThrownBy(() -> call(plain, SERVICE, "account.bank.statement.line", "create", List.of(vals)))
        .hasMessage("Invalid field 'unique_import_id' on model 'account.bank.statement.line'");
    Map<String, Object> withoutId = Map.of("amount", 12.5, "payment_ref", "SEPA 1");
    call(plain, SERVICE, "account.bank.statement.line", "create", List.of(withoutId));
    call(plain, SERVICE, "account.bank.statement.line", "create", List.of(withoutId));
    assertThat(plain.count("account.bank.statement.line", List.of(), ADMIN)).isEqualTo(2);
  }

  @Test
  void missingRequiredFieldIsTheNotNullValidationErrorPerSeries() {
    assertThatThrownBy(() -> call(registry, ADMIN, "account.account", "create", List.of(Map.of("name", "No code",
        "account_type", "income"))))
        .hasMessage("The operation cannot be completed: Missing required value for the field 'Code' (code).\n"
            + "Model: 'Account' (account.account)\n"
            + "- create/update: a mandatory field is not set\n"
            + "- delete: another model requires the record being deleted, you can archive it instead\n");
    ModelRegistry v17 = SandboxFixture.registry(OdooVersion.V17);
    assertThatThrownBy(() -> call(v17, ADMIN, "account.account", "create", List.of(Map.of("name", "No code",
        "account_type", "income"))))
        .hasMessage("The operation cannot be completed:\n"
            + "- Create/update: a mandatory field is not set.\n"
            + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
            + "Model: Account (account.account)\n"
            + "Field: Code (code)\n");
  }

  @Test
  void readSkipsMissingRecordsButWriteRaisesMissingError() {
    long azure = idOf(registry, "res.partner", "ref", "AZURE");
    assertThat(call(registry, ADMIN, "res.partner", "read", List.of(List.of(azure, 99999L), List.of("ref"))))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(1);
    assertThatThrownBy(() -> call(registry, ADMIN, "res.partner", "write", List.of(List.of(99999L),
        Map.of("ref", "x"))))
        .hasMessage("Record does not exist or has been deleted.\n(Record: res.partner(99999,), User: 2)")
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(OdooErrorKind.MISSING_ERROR));
  }

  @Test
  void unknownFieldsAndBadSelectionsAreValueErrors() {
    assertThatThrownBy(() -> call(registry, ADMIN, "res.partner", "create", List.of(Map.of("nope", 1L))))
        .hasMessage("Invalid field 'nope' on model 'res.partner'");
    assertThatThrownBy(() -> call(registry, ADMIN, "account.move", "create", List.of(Map.of("move_type", "bogus"))))
        .hasMessage("Wrong value for account.move.move_type: 'bogus'");
  }

  @Test
  void failedCallsLeaveNoTrace() {
    long before = registry.count("res.partner", List.of(), ADMIN);
    assertThatThrownBy(() -> call(registry, ADMIN, "res.partner", "create", List.of(List.of(Map.of("name", "ok"),
        Map.of("name", "bad", "nope", 1L)))));
    assertThat(registry.count("res.partner", List.of(), ADMIN)).isEqualTo(before);
  }

  @Test
  void injectedSerializationFailureRollsBackAndIsReportedLikePsycopg2() {
    AtomicInteger failures = new AtomicInteger(1);
    ModelRegistry faulty = SandboxFixture.registry(OdooVersion.V19, () -> failures.getAndDecrement() > 0);
    assertThatThrownBy(() -> call(faulty, ADMIN, "res.partner", "create", List.of(Map.of("name", "Retry me"))))
        .hasMessage("could not serialize access due to concurrent update\n")
        .satisfies(t -> assertThat(kindOf(t).pythonName()).isEqualTo("psycopg2.errors.SerializationFailure"));
    call(faulty, ADMIN, "res.partner", "create", List.of(Map.of("name", "Retry me")));
    assertThat(faulty.count("res.partner", List.of(List.of("name", "=", "Retry me")), ADMIN)).isEqualTo(1);
    assertThat(faulty.counters().attempts("res.partner", "create")).isEqualTo(2);
    assertThat(faulty.counters().committed("res.partner", "create")).isEqualTo(1);
  }

  @Test
  void nameSearchReturnsIdNamePairs() {
    long azure = idOf(registry, "res.partner", "ref", "AZURE");
    assertThat(PythonJson.dumps(call(registry, ADMIN, "res.partner", "name_search", List.of("azure"))))
        .isEqualTo("[[" + azure + ", \"Azure Interior\"]]");
  }

  @Test
  void searchHonoursOrderOffsetAndLimit() {
    Object ids = call(registry, ADMIN, "res.currency", "search_read", List.of(List.of()),
        Map.of("fields", List.of("name"), "order", "name desc", "offset", 1L, "limit", 2L));
    assertThat(PythonJson.dumps(ids)).isEqualTo("[{\"id\": 5, \"name\": \"JPY\"}, {\"id\": 3, \"name\": \"GBP\"}]");
  }

  @Test
  void fieldsGetDescribesFieldsAndFiltersAttributes() {
    Object desc = call(registry, ADMIN, "account.move", "fields_get", List.of(),
        Map.of("allfields", List.of("partner_id", "move_type"), "attributes", List.of("type", "relation", "required")));
    assertThat(PythonJson.dumps(desc)).isEqualTo("{\"move_type\": {\"type\": \"selection\", \"required\": true},"
        + " \"partner_id\": {\"type\": \"many2one\", \"required\": false, \"relation\": \"res.partner\"}}");
  }

  @Test
  void defaultGetReturnsDefaultsForRequestedFields() {
    Object defaults = call(registry, SERVICE, "account.move", "default_get",
        List.of(List.of("move_type", "state", "ref")));
    assertThat(PythonJson.dumps(defaults)).isEqualTo("{\"move_type\": \"entry\", \"state\": \"draft\"}");
  }

  @Test
  void readFormatsMany2oneAsPairsAndUnsetValuesAsFalse() {
    long contact = idOf(registry, "res.partner", "name", "Addison Olson");
    Object rec = call(registry, ADMIN, "res.partner", "read", List.of(List.of(contact),
        List.of("parent_id", "ref", "customer_rank", "display_name", "child_ids")));
    long deco = idOf(registry, "res.partner", "ref", "DECO");
    assertThat(PythonJson.dumps(rec)).isEqualTo("[{\"id\": " + contact + ", \"parent_id\": [" + deco
        + ", \"Deco Addict\"], \"ref\": false, \"customer_rank\": 0, \"display_name\": \"Deco Addict, Addison Olson\","
        + " \"child_ids\": []}]");
  }
}
