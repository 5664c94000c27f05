package dev.ofg.odoo.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Renders Python's text forms; expected values are CPython 3 outputs (the Python interop test checks
 * thousands more against a live interpreter).
 */
class PythonTextTest {

  @ParameterizedTest(name = "repr({0}) == {1}")
  @CsvSource({
      "1.0, 1.0", "0.1, 0.1", "100.0, 100.0", "1234.56, 1234.56", "1e15, 1000000000000000.0",
      "1e16, 1e+16", "1.5e16, 1.5e+16", "0.0001, 0.0001", "0.00001, 1e-05", "1.7976931348623157e308, 1.7976931348623157e+308",
      "4.9e-324, 5e-324", "-2.5, -2.5", "0.30000000000000004, 0.30000000000000004", "1e22, 1e+22", "1e100, 1e+100"})
  void rendersFloatsLikeRepr(double value, String expected) {
    assertThat(PythonText.floatRepr(value)).isEqualTo(expected);
  }

  @Test
  void rendersSpecialFloatsLikeRepr() {
    assertThat(PythonText.floatRepr(-0.0)).isEqualTo("-0.0");
    assertThat(PythonText.floatRepr(0.0)).isEqualTo("0.0");
    assertThat(PythonText.floatRepr(Double.NaN)).isEqualTo("nan");
    assertThat(PythonText.floatRepr(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    assertThat(PythonText.floatRepr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
  }

  @Test
  void quotesStringsLikeRepr() {
    assertThat(PythonText.stringRepr("plain")).isEqualTo("'plain'");
    assertThat(PythonText.stringRepr("it's")).isEqualTo("\"it's\"");
    assertThat(PythonText.stringRepr("both ' and \"")).isEqualTo("'both \\' and \"'");
    assertThat(PythonText.stringRepr("a\\b\n\t\u0000é")).isEqualTo("'a\\\\b\\n\\t\\x00é'");
  }

  @Test
  void rendersExceptionStrByArgumentCount() {
    assertThat(PythonText.exceptionStr(List.of())).isEmpty();
    assertThat(PythonText.exceptionStr(List.of("only"))).isEqualTo("only");
    assertThat(PythonText.exceptionStr(new JsonArray().add("m").add(new JsonObject().put("k", true)).add(1.0)
        .add(new JsonArray().add(2)).getList())).isEqualTo("('m', {'k': True}, 1.0, [2])");
  }

  @Test
  void dropsTheBuiltinsModuleFromExceptionNames() {
    assertThat(PythonText.exceptionOnly("builtins.KeyError", "'x'")).isEqualTo("KeyError: 'x'\n");
    assertThat(PythonText.exceptionOnly("odoo.exceptions.CacheMiss", "")).isEqualTo("odoo.exceptions.CacheMiss\n");
  }
}
