package dev.ofg.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OdooDomainTest {
  private final FakeDomainData data = new FakeDomainData()
      .country(1, "Belgium", "BE").country(2, "France", "FR")
      .partner(10, "Azure Interior", "AZ-1", 100.0, true, null, 1L, List.of(1L))
      .partner(11, "Brandon Freeman", null, 50.0, true, 10L, 2L, List.of())
      .partner(12, "deco addict", "DA_2", null, false, null, null, List.of(1L, 2L))
      .partner(13, "Gemini 100%", "GF-3", 250.5, true, 11L, 1L, null);

  private List<Long> select(String domainJson) {
    return select(domainJson, OdooVersion.V19);
  }

  private List<Long> select(String domainJson, OdooVersion version) {
    OdooDomain domain = OdooDomain.parse(JsonValues.plain(new JsonArray(domainJson)), FakeDomainData.PARTNER, data,
        version);
    DomainEvaluator evaluator = new DomainEvaluator(data);
    List<Long> out = new ArrayList<>();
    for (long id : data.ids(FakeDomainData.PARTNER)) {
      if (evaluator.matches(domain, id)) {
        out.add(id);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "[];10,11,12,13",
      "[[\"ref\", \"=\", false]];11",
      "[[\"ref\", \"!=\", false]];10,12,13",
      "[[\"ref\", \"!=\", \"AZ-1\"]];11,12,13",
      "[[\"amount\", \">\", 50]];10,13",
      "[[\"amount\", \"<=\", 100]];10,11",
      "[[\"amount\", \"<\", 1000]];10,11,13",
      "[[\"id\", \"in\", [10, 12, 99]]];10,12",
      "[[\"id\", \"not in\", [10, 12]]];11,13",
      "[[\"ref\", \"in\", [false, \"GF-3\"]]];11,13",
      "[[\"name\", \"like\", \"Interior\"]];10",
      "[[\"name\", \"like\", \"interior\"]];''",
      "[[\"name\", \"ilike\", \"INTERIOR\"]];10",
      "[[\"name\", \"not ilike\", \"a\"]];13",
      "[[\"ref\", \"not ilike\", \"az\"]];11,12,13",
      "[[\"ref\", \"=like\", \"__-_\"]];10,13",
      "[[\"ref\", \"=ilike\", \"da\\\\_%\"]];12",
      "[[\"name\", \"=ilike\", \"%100\\\\%\"]];13",
      "[[\"active\", \"=\", false]];12",
      "[[\"active\", \"=\", true]];10,11,13",
      "[[\"parent_id\", \"=\", 10]];11",
      "[[\"parent_id\", \"=\", \"Azure Interior\"]];11",
      "[[\"parent_id\", \"ilike\", \"azure\"]];11",
      "[[\"parent_id.name\", \"=\", \"Brandon Freeman\"]];13",
      "[[\"country_id.code\", \"=\", \"BE\"]];10,13",
      "[[\"parent_id.parent_id.name\", \"ilike\", \"azure\"]];13",
      "[[\"tag_ids\", \"=\", false]];11,13",
      "[[\"tag_ids\", \"in\", [2]]];12",
      "[[\"tag_ids.code\", \"=\", \"FR\"]];12",
      "[[\"id\", \"child_of\", 10]];10,11,13",
      "[[\"id\", \"parent_of\", 13]];10,11,13",
      "[[\"parent_id\", \"child_of\", 10]];11,13",
      "[[\"country_id\", \"any\", [[\"code\", \"=\", \"FR\"]]]];11",
      "[[\"country_id\", \"not any\", [[\"code\", \"=\", \"FR\"]]]];10,12,13",
      "[[\"ref\", \"=?\", false]];10,11,12,13",
      "[[\"ref\", \"=?\", \"DA_2\"]];12",
      "[[1, \"=\", 1]];10,11,12,13",
      "[[0, \"=\", 1]];''",
      "[[\"amount\", \">\", 10], [\"active\", \"=\", true]];10,11,13",
      "[\"&\", [\"amount\", \">\", 10], [\"active\", \"=\", true]];10,11,13",
      "[\"|\", [\"ref\", \"=\", \"AZ-1\"], [\"ref\", \"=\", \"GF-3\"]];10,13",
      "[\"!\", [\"ref\", \"=\", \"AZ-1\"]];11,12,13",
      "[\"|\", \"!\", [\"active\", \"=\", true], \"&\", [\"amount\", \">=\", 250], [\"ref\", \"<>\", false]];12,13",
      "[\"|\", [\"id\", \"=\", 10], [\"id\", \"=\", 11], [\"amount\", \">\", 60]];10"})
  void selectsTheRecordsOdooWould(String domain, String expected) {
    List<Long> ids = new ArrayList<>();
    for (String part : expected.split(",")) {
      if (!part.isBlank()) {
        ids.add(Long.parseLong(part.trim()));
      }
    }
    assertThat(select(domain)).as(domain).containsExactlyElementsOf(ids);
  }

  @Test
  void reportsUnknownFieldWithVersionSpecificWording() {
    // 19.0 odoo/orm/domains.py DomainCondition._raise; 17.0/18.0 odoo/osv/expression.py _anyfy_leaves
    assertThatThrownBy(() -> select("[[\"bad field\", \"=\", \"foo\"]]", OdooVersion.V19))
        .hasMessage("Invalid field x.partner.bad field in condition ('bad field', '=', 'foo')");
    assertThatThrownBy(() -> select("[[\"bad\", \"=\", \"foo\"]]", OdooVersion.V17))
        .hasMessage("Invalid field x.partner.bad in leaf ('bad', '=', 'foo')");
  }

  @Test
  void reportsUnknownOperatorWithVersionSpecificWording() {
    assertThatThrownBy(() -> select("[[\"name\", \"foo\", 1]]", OdooVersion.V19))
        .hasMessage("Invalid operator in condition ('name', 'foo', 1)");
    assertThatThrownBy(() -> select("[[\"name\", \"foo\", 1]]", OdooVersion.V18))
        .hasMessage("Invalid leaf ('name', 'foo', 1)");
  }

  @Test
  void reportsMalformedPrefixNotation() {
    assertThatThrownBy(() -> select("[\"|\", [\"name\", \"=\", \"x\"]]", OdooVersion.V19))
        .hasMessage("Domain() malformed domain ['|', ['name', '=', 'x']]");
    assertThatThrownBy(() -> select("[\"|\", [\"name\", \"=\", \"x\"]]", OdooVersion.V17))
        .hasMessage("Domain ['|', ['name', '=', 'x']] is syntactically not correct.");
  }

  @Test
  void reportsLeavesOfWrongLength() {
    assertThatThrownBy(() -> select("[[\"name\", \"=\"]]", OdooVersion.V19))
        .hasMessage("Domain() invalid item in domain: ['name', '=']");
    assertThatThrownBy(() -> select("[[\"name\", \"=\"]]", OdooVersion.V17))
        .hasMessage("not enough values to unpack (expected 3, got 2)");
  }

  @Test
  void reportsUnknownTokens() {
    assertThatThrownBy(() -> select("[\"abc\"]", OdooVersion.V19)).hasMessage("Domain() invalid item in domain: 'abc'");
    assertThatThrownBy(() -> select("[\"abc\"]", OdooVersion.V17)).hasMessage("Invalid leaf abc");
  }

  @Test
  void errorsAreValueErrors() {
    assertThatThrownBy(() -> select("[[\"bad\", \"=\", 1]]"))
        .isInstanceOfSatisfying(OdooError.class, e -> assertThat(e.kind()).isEqualTo(OdooErrorKind.VALUE_ERROR));
  }

  @Test
  void boundsOperatorNesting() {
    StringBuilder deep = new StringBuilder("[");
    for (int i = 0; i < 5000; i++) {
      deep.append("\"!\", ");
    }
    deep.append("[\"id\", \"=\", 1]]");
    assertThatThrownBy(() -> select(deep.toString())).hasMessage("Domain operators nested deeper than 500");
  }

  @Test
  void rejectsNonListDomains() {
    assertThatThrownBy(() -> OdooDomain.parse("abc", FakeDomainData.PARTNER, data, OdooVersion.V19))
        .hasMessage("Domain() invalid argument type for domain: 'abc'");
  }
}
