package dev.ofg.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Algebraic laws of Odoo domains, checked on generated domains over a fixed dataset. */
class OdooDomainProperties {
  private final FakeDomainData data = new FakeDomainData()
      .country(1, "Belgium", "BE").country(2, "France", "FR")
      .partner(1, "Azure Interior", "AZ-1", 100.0, true, null, 1L, List.of(1L))
      .partner(2, "Brandon Freeman", null, 50.0, true, 1L, 2L, List.of())
      .partner(3, "deco addict", "DA_2", null, false, null, null, List.of(1L, 2L))
      .partner(4, "Gemini", "GF-3", 250.5, true, 2L, 1L, null)
      .partner(5, "", "", 0.0, null, 4L, 2L, List.of(2L));

  private Set<Long> select(List<Object> domain) {
    OdooDomain parsed = OdooDomain.parse(domain, FakeDomainData.PARTNER, data, OdooVersion.V19);
    DomainEvaluator evaluator = new DomainEvaluator(data);
    Set<Long> out = new HashSet<>();
    for (long id : data.ids(FakeDomainData.PARTNER)) {
      if (evaluator.matches(parsed, id)) {
        out.add(id);
      }
    }
    return out;
  }

  private Set<Long> all() {
    return new HashSet<>(data.ids(FakeDomainData.PARTNER));
  }

  @Property
  void notSelectsTheComplement(@ForAll("domains") List<Object> domain) {
    Set<Long> complement = all();
    complement.removeAll(select(domain));
    assertThat(select(prefixed("!", domain))).isEqualTo(complement);
  }

  @Property
  void orSelectsTheUnion(@ForAll("domains") List<Object> a, @ForAll("domains") List<Object> b) {
    Set<Long> union = select(a);
    union.addAll(select(b));
    assertThat(select(prefixed("|", a, b))).isEqualTo(union);
  }

  @Property
  void implicitAndEqualsExplicitAndEqualsIntersection(@ForAll("domains") List<Object> a,
      @ForAll("domains") List<Object> b) {
    Set<Long> intersection = select(a);
    intersection.retainAll(select(b));
    List<Object> implicit = new ArrayList<>(a);
    implicit.addAll(b);
    assertThat(select(implicit)).isEqualTo(intersection);
    assertThat(select(prefixed("&", a, b))).isEqualTo(intersection);
  }

  @Property
  void negativeOperatorsAreComplementsOfPositiveOnes(@ForAll("negatable") List<Object> leaf) {
    String op = (String) leaf.get(1);
    String positive = switch (op) {
      case "!=" -> "=";
      case "not in" -> "in";
      default -> op.substring(4);
    };
    Set<Long> complement = all();
    complement.removeAll(select(List.of(Arrays.asList(leaf.get(0), positive, leaf.get(2)))));
    assertThat(select(List.of(leaf))).isEqualTo(complement);
  }

  private static List<Object> prefixed(String operator, List<Object> a) {
    List<Object> out = new ArrayList<>();
    out.add(operator);
    out.addAll(asSingleExpression(a));
    return out;
  }

  private static List<Object> prefixed(String operator, List<Object> a, List<Object> b) {
    List<Object> out = prefixed(operator, a);
    out.addAll(asSingleExpression(b));
    return out;
  }

  // A domain with several top-level terms is an implicit AND: make it one expression first.
  private static List<Object> asSingleExpression(List<Object> domain) {
    if (domain.isEmpty()) {
      return List.of(Arrays.asList(1L, "=", 1L));
    }
    List<Object> out = new ArrayList<>(domain);
    int expressions = countExpressions(domain);
    for (int i = 1; i < expressions; i++) {
      out.add(0, "&");
    }
    return out;
  }

  private static int countExpressions(List<Object> domain) {
    int expected = 1;
    int count = 1;
    for (Object token : domain) {
      if (expected == 0) {
        expected = 1;
        count++;
      }
      expected += token instanceof List<?> ? -1 : ("!".equals(token) ? 0 : 1);
    }
    return count;
  }

  @Provide
  Arbitrary<List<Object>> domains() {
    return Arbitraries.recursive(() -> leaves().map(l -> List.<Object>of(l)),
        inner -> Arbitraries.oneOf(
            Combinators.combine(inner, inner).as((a, b) -> prefixed("|", a, b)),
            Combinators.combine(inner, inner).as((a, b) -> prefixed("&", a, b)),
            Combinators.combine(inner, inner).as((a, b) -> {
              List<Object> implicit = new ArrayList<>(a);
              implicit.addAll(b);
              return implicit;
            }),
            inner.map(d -> prefixed("!", d))),
        0, 3);
  }

  @Provide
  Arbitrary<List<Object>> negatable() {
    Arbitrary<List<Object>> text = Combinators.combine(Arbitraries.of("name", "ref", "parent_id", "country_id"),
        Arbitraries.of("!=", "not in", "not like", "not ilike", "not =like", "not =ilike"),
        Arbitraries.of("a", "AZ", "%", "_Z%", "Azure Interior", "France"))
        .as((f, op, v) -> Arrays.asList(f, op, "not in".equals(op) ? List.of(v) : v));
    Arbitrary<List<Object>> numbers = Combinators.combine(Arbitraries.of("amount", "id"),
        Arbitraries.of("!=", "not in"), Arbitraries.of(0.0, 50.0, 100.0, 1L, 4L))
        .as((f, op, v) -> Arrays.asList(f, op, "not in".equals(op) ? List.of(v) : v));
    Arbitrary<List<Object>> unset = Arbitraries.of("ref", "amount", "parent_id", "tag_ids", "active")
        .map(f -> Arrays.asList(f, "!=", false));
    return Arbitraries.oneOf(text, numbers, unset);
  }

  private Arbitrary<List<Object>> leaves() {
    Arbitrary<List<Object>> text = Combinators.combine(Arbitraries.of("name", "ref", "country_id.code",
            "parent_id.name"),
        Arbitraries.of("=", "!=", "like", "ilike", "not ilike", "=like", "in", "not in"),
        Arbitraries.of("a", "AZ-1", "%", "BE", "Azure Interior", ""))
        .as((f, op, v) -> Arrays.asList(f, op, op.endsWith("in") ? List.of(v) : v));
    Arbitrary<List<Object>> numbers = Combinators.combine(Arbitraries.of("amount", "id"),
        Arbitraries.of("=", "!=", "<", ">", "<=", ">="), Arbitraries.of(0.0, 50.0, 100.0, 2L, 3L))
        .as((f, op, v) -> Arrays.asList(f, op, v));
    Arbitrary<List<Object>> nulls = Combinators.combine(Arbitraries.of("ref", "amount", "active", "parent_id",
            "tag_ids"), Arbitraries.of("=", "!="))
        .as((f, op) -> Arrays.asList(f, op, false));
    Arbitrary<List<Object>> hierarchy = Combinators.combine(Arbitraries.of("id", "parent_id"),
        Arbitraries.of("child_of", "parent_of"), Arbitraries.of(1L, 2L, 4L))
        .as((f, op, v) -> Arrays.asList(f, op, v));
    return Arbitraries.oneOf(text, numbers, nulls, hierarchy);
  }
}
