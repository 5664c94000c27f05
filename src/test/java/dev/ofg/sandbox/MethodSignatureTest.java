package dev.ofg.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofg.sandbox.MethodSignature.Param;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected messages were printed by CPython 3.11 for
 * {@code class BaseModel: def search(self, domain, offset=0, limit=None, order=None)} called
 * directly and through {@code inspect.signature(search).bind(...)}.
 */
class MethodSignatureTest {
  private final MethodSignature search = MethodSignature.model("BaseModel.search", Param.required("domain"),
      Param.optional("offset", 0L), Param.optional("limit", null), Param.optional("order", null));

  @Test
  void bindsPositionalAndKeywordArgumentsWithDefaults() {
    Map<String, Object> bound = search.bindCall(List.of(List.of()), Map.of("limit", 5L));
    assertThat(bound).containsEntry("domain", List.of()).containsEntry("offset", 0L).containsEntry("limit", 5L)
        .containsEntry("order", null);
  }

  @Test
  void reportsMissingArgumentLikeCpython() {
    assertThatThrownBy(() -> search.bindCall(List.of(), Map.of()))
        .hasMessage("BaseModel.search() missing 1 required positional argument: 'domain'");
  }

  @Test
  void reportsUnexpectedKeywordLikeCpython() {
    assertThatThrownBy(() -> search.bindCall(List.of(List.of()), Map.of("foo", 1L)))
        .hasMessage("BaseModel.search() got an unexpected keyword argument 'foo'");
  }

  @Test
  void reportsTooManyPositionalArgumentsLikeCpython() {
    assertThatThrownBy(() -> search.bindCall(List.of(1L, 2L, 3L, 4L, 5L), Map.of()))
        .hasMessage("BaseModel.search() takes from 2 to 5 positional arguments but 6 were given");
  }

  @Test
  void reportsMultipleValuesLikeCpython() {
    assertThatThrownBy(() -> search.bindCall(List.of(1L), Map.of("domain", 2L)))
        .hasMessage("BaseModel.search() got multiple values for argument 'domain'");
  }

  @Test
  void namedBindingUsesInspectSignatureMessagesAs422() {
    assertThatThrownBy(() -> search.bindNamed(Map.of()))
        .isInstanceOfSatisfying(OdooError.class, e -> {
          assertThat(e.kind()).isEqualTo(OdooErrorKind.HTTP_UNPROCESSABLE_ENTITY);
          assertThat(e.description()).isEqualTo("missing a required argument: 'domain'");
        });
    assertThatThrownBy(() -> search.bindNamed(Map.of("domain", List.of(), "foo", 1L)))
        .isInstanceOfSatisfying(OdooError.class,
            e -> assertThat(e.description()).isEqualTo("got an unexpected keyword argument 'foo'"));
  }
}
