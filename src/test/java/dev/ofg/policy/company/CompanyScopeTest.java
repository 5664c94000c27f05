package dev.ofg.policy.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofg.http.FailureHandler;
import dev.ofg.odoo.OdooCall;
import dev.ofg.policy.GatewayClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompanyScopeTest {
  private static final CompanyScope COMPANIES_1_AND_3 = CompanyScope.of(client(List.of(1, 3)));

  private static GatewayClient client(List<Integer> companies) {
    return new GatewayClient("shop", "Shop", 200001, Map.of(), companies, false, "standard");
  }

  private static OdooCall withContext(JsonObject context) {
    return new OdooCall("account.move", "search_read", new JsonArray().add(new JsonArray()),
        new JsonObject().put("context", context));
  }

  private static JsonArray allowedCompanies(OdooCall call) {
    return call.context().getJsonArray(CompanyScope.ALLOWED_COMPANY_IDS);
  }

  @Test
  void forcesTheClientsCompaniesWhenTheCallNamesNone() {
    OdooCall confined = COMPANIES_1_AND_3.confine(OdooCall.of("account.move", "search", new JsonArray()));

    assertThat(allowedCompanies(confined)).containsExactly(1L, 3L);
  }

  @Test
  void keepsTheSubsetTheClientAskedForInItsOrder() {
    OdooCall confined = COMPANIES_1_AND_3.confine(withContext(new JsonObject()
        .put("allowed_company_ids", new JsonArray().add(3).add(1)).put("lang", "nl_NL")));

    assertThat(allowedCompanies(confined)).containsExactly(3L, 1L);
    assertThat(confined.context().getString("lang")).isEqualTo("nl_NL");
  }

  @Test
  void neverLetsAnEmptyListWidenTheScopeToEveryCompanyOfTheServiceAccount() {
    OdooCall confined = COMPANIES_1_AND_3.confine(withContext(new JsonObject()
        .put("allowed_company_ids", new JsonArray())));

    assertThat(allowedCompanies(confined)).containsExactly(1L, 3L);
  }

  @Test
  void leavesCallsOfAnUnboundClientUntouched() {
    OdooCall call = withContext(new JsonObject().put("allowed_company_ids", new JsonArray().add(2)));

    assertThat(CompanyScope.of(client(List.of())).confine(call)).isSameAs(call);
    assertThat(CompanyScope.of(client(List.of())).restricted()).isFalse();
  }

  static Stream<Arguments> callsNamingAnotherCompany() {
    JsonObject otherCompany = new JsonObject().put("name", "X").put("company_id", 2);
    return Stream.of(
        Arguments.of("context.allowed_company_ids", withContext(new JsonObject()
            .put("allowed_company_ids", new JsonArray().add(1).add(2)))),
        Arguments.of("context.company_id", withContext(new JsonObject().put("company_id", 2))),
        Arguments.of("context.force_company", withContext(new JsonObject().put("force_company", 2))),
        Arguments.of("context.default_company_id", withContext(new JsonObject().put("default_company_id", 2))),
        Arguments.of("args[0].company_id", OdooCall.of("res.partner", "create", otherCompany)),
        Arguments.of("args[0][1].company_id", OdooCall.of("res.partner", "create",
            new JsonArray().add(new JsonObject().put("name", "ok")).add(otherCompany))),
        Arguments.of("args[1].company_id", OdooCall.of("account.move", "write", new JsonArray().add(7), otherCompany)),
        Arguments.of("vals.company_id", new OdooCall("account.move", "write", new JsonArray().add(new JsonArray().add(7)),
            new JsonObject().put("vals", otherCompany))),
        Arguments.of("args[0].invoice_line_ids[0][2].company_id", OdooCall.of("account.move", "create",
            new JsonObject().put("invoice_line_ids", new JsonArray().add(new JsonArray().add(0).add(0)
                .add(otherCompany))))),
        Arguments.of("args[0].company_ids", OdooCall.of("res.users", "create",
            new JsonObject().put("company_ids", new JsonArray().add(new JsonArray().add(6).add(0)
                .add(new JsonArray().add(1).add(2)))))),
        Arguments.of("args[0].company_ids", OdooCall.of("res.users", "create",
            new JsonObject().put("company_ids", new JsonArray().add(new JsonArray().add(4).add(2))))),
        Arguments.of("args[0].company_ids", OdooCall.of("res.users", "create",
            new JsonObject().put("company_ids", new JsonArray().add(2)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("callsNamingAnotherCompany")
  void refusesACallNamingAnotherCompanyWithA403SayingWhere(String where, OdooCall call) {
    assertThatThrownBy(() -> COMPANIES_1_AND_3.confine(call))
        .isInstanceOf(CompanyScopeException.class)
        .hasMessage("client 'shop' may not reach company 2 (" + where + ")")
        .satisfies(e -> {
          assertThat(((CompanyScopeException) e).reason()).isEqualTo("company 2 outside the client's companies (" + where + ")");
          assertThat(FailureHandler.toProblem(e, 500).status()).isEqualTo(403);
        });
  }

  @Test
  void acceptsCompanyValuesInsideTheScopeAndUnsetOnes() {
    OdooCall create = OdooCall.of("res.partner", "create", new JsonObject().put("name", "A").put("company_id", 3)
        .put("child_ids", new JsonArray().add(new JsonArray().add(0).add(0)
            .add(new JsonObject().put("company_id", false)))));
    OdooCall users = OdooCall.of("res.users", "write", new JsonArray().add(9), new JsonObject()
        .put("company_ids", new JsonArray().add(new JsonArray().add(6).add(0).add(new JsonArray().add(1).add(3)))
            .add(new JsonArray().add(3).add(2))));

    assertThat(allowedCompanies(COMPANIES_1_AND_3.confine(create))).containsExactly(1L, 3L);
    assertThat(allowedCompanies(COMPANIES_1_AND_3.confine(users))).containsExactly(1L, 3L);
  }

  @Test
  void leavesSearchDomainsToOdoosRecordRules() {
    OdooCall search = OdooCall.of("account.move", "search", new JsonArray()
        .add(new JsonArray().add("company_id").add("=").add(2)));

    assertThat(allowedCompanies(COMPANIES_1_AND_3.confine(search))).containsExactly(1L, 3L);
  }

  @Test
  void refusesAnUnreadableCompanyListWithA400() {
    assertThatThrownBy(() -> COMPANIES_1_AND_3.confine(withContext(new JsonObject().put("allowed_company_ids", "1,2"))))
        .isInstanceOf(CompanyScopeException.class)
        .satisfies(e -> assertThat(FailureHandler.toProblem(e, 500).status()).isEqualTo(400));
    assertThatThrownBy(() -> COMPANIES_1_AND_3.confine(withContext(new JsonObject()
        .put("allowed_company_ids", new JsonArray().add("1")))))
        .isInstanceOf(CompanyScopeException.class);
  }
}
