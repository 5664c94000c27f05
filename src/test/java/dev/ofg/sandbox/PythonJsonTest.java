package dev.ofg.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected strings were produced by CPython 3.11: {@code json.dumps(value, ensure_ascii=False)},
 * which is what Odoo's {@code make_json_response} uses.
 */
class PythonJsonTest {

  @Test
  void writesSeparatorsKeyOrderAndLiteralsLikeJsonDumps() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("a", Arrays.asList(1L, 2.0, 1e16, 0.1 + 0.2, "\u00e9\u2028\u0001/"));
    value.put("b", null);
    value.put("c", true);
    assertThat(PythonJson.dumps(value))
        .isEqualTo("{\"a\": [1, 2.0, 1e+16, 0.30000000000000004, \"\u00e9\u2028\\u0001/\"], \"b\": null, \"c\": true}");
  }

  @Test
  void formatsFloatsLikePythonRepr() {
    // repr(1e-05), repr(123456789.0), repr(1e+22), repr(-0.0), repr(121.0)
    assertThat(PythonJson.formatFloat(1e-5)).isEqualTo("1e-05");
    assertThat(PythonJson.formatFloat(123456789.0)).isEqualTo("123456789.0");
    assertThat(PythonJson.formatFloat(1e22)).isEqualTo("1e+22");
    assertThat(PythonJson.formatFloat(-0.0)).isEqualTo("-0.0");
    assertThat(PythonJson.formatFloat(121.0)).isEqualTo("121.0");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(PythonJson.dumps("a\"b\\c\nd\te")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\"");
  }

  @Test
  void writesTuplesAsLists() {
    assertThat(PythonJson.dumps(List.of(PyTuple.of(1L, "x")))).isEqualTo("[[1, \"x\"]]");
  }
}
