package dev.ofg.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected strings come from CPython 3.11 {@code repr()}. */
class PythonReprTest {

  @Test
  void quotesStringsLikeCpython() {
    // repr(('a', "it's", 'x"y', 'both\'"', 1, 2.5, True, None, ['x']))
    PyTuple tuple = new PyTuple(Arrays.asList("a", "it's", "x\"y", "both'\"", 1L, 2.5, true, null, List.of("x")));
    assertThat(PythonRepr.repr(tuple)).isEqualTo("('a', \"it's\", 'x\"y', 'both\\'\"', 1, 2.5, True, None, ['x'])");
  }

  @Test
  void writesOneElementTupleWithTrailingComma() {
    assertThat(PythonRepr.repr(PyTuple.of(42L))).isEqualTo("(42,)");
  }

  @Test
  void strLeavesTopLevelStringsUnquoted() {
    assertThat(PythonRepr.str("abc")).isEqualTo("abc");
    assertThat(PythonRepr.str(List.of("abc"))).isEqualTo("['abc']");
  }
}
