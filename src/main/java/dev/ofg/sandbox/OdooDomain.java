package dev.ofg.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Parses an Odoo search domain (prefix notation with {@code '&'}, {@code '|'}, {@code '!'}, implicit
 * AND, leaves {@code [path, operator, value]}) into a tree, validating fields and operators with the
 * error messages of the targeted Odoo series (17.0/18.0 {@code odoo/osv/expression.py}, 19.0
 * {@code odoo/orm/domains.py}).
 */
final class OdooDomain {
  /** Most items accepted in one domain list. */
  static final int MAX_TERMS = 10_000;
  /** Deepest operator nesting accepted, so that evaluation cannot exhaust the stack. */
  static final int MAX_DEPTH = 500;

  // expression.py TERM_OPERATORS (+ '<>'); Odoo 19 also accepts the negated =like/=ilike.
  private static final Set<String> OPERATORS = Set.of("=", "!=", "<>", "<=", "<", ">", ">=", "=?", "=like",
      "=ilike", "like", "not like", "ilike", "not ilike", "in", "not in", "child_of", "parent_of", "any",
      "not any");
  private static final Set<String> OPERATORS_19_ONLY = Set.of("not =like", "not =ilike");

  /** A node of a parsed domain. */
  sealed interface Node permits Const, Not, And, Or, Leaf {}

  record Const(boolean value) implements Node {}

  record Not(Node child) implements Node {}

  record And(List<Node> children) implements Node {}

  record Or(List<Node> children) implements Node {}

  /**
   * A condition: {@code path} has at least one segment; {@code subdomain} is set for any/not any and
   * for the continuation of a dotted path through a relational field.
   */
  record Leaf(String model, List<String> path, FieldSpec field, String operator, Object value, Node subdomain)
      implements Node {}

  private final String model;
  private final Node root;

  private OdooDomain(String model, Node root) {
    this.model = model;
    this.root = root;
  }

  static OdooDomain parse(Object rawDomain, String model, DomainData schema, OdooVersion version) {
    return new OdooDomain(model, new Parser(schema, version).parse(JsonValues.plainShallow(rawDomain), model, 0));
  }

  static OdooDomain matchAll(String model) {
    return new OdooDomain(model, new Const(true));
  }

  String model() {
    return model;
  }

  Node root() {
    return root;
  }

  /** Builds and validates a tree; stateless apart from the schema and the version. */
  private static final class Parser {
    private final DomainData schema;
    private final OdooVersion version;

    Parser(DomainData schema, OdooVersion version) {
      this.schema = schema;
      this.version = version;
    }

    Node parse(Object raw, String model, int depth) {
      if (depth > 32) {
        throw OdooError.valueError("Domain nesting too deep");
      }
      if (raw == null || Boolean.FALSE.equals(raw)) {
        return new Const(true); // search(None) / search_read(domain=None) select everything
      }
      if (!(JsonValues.plainShallow(raw) instanceof List<?> items)) {
        throw notAList(raw);
      }
      if (items.size() > MAX_TERMS) {
        throw OdooError.valueError("Domain has more than " + MAX_TERMS + " terms");
      }
      if (items.isEmpty()) {
        return new Const(true);
      }
      checkArity(items);
      return build(items, model, depth);
    }

    private OdooError notAList(Object raw) {
      if (version.atLeast(OdooVersion.V19)) {
        return OdooError.of(OdooErrorKind.TYPE_ERROR,
            "Domain() invalid argument type for domain: " + PythonRepr.repr(raw));
      }
      return OdooError.of(OdooErrorKind.ASSERTION_ERROR,
          "Domains to normalize must have a 'domain' form: a list or tuple of domain components");
    }

    // expression.normalize_domain: count the expressions still expected, implicit '&' when too many.
    private void checkArity(List<?> items) {
      int expected = 1;
      for (Object token : items) {
        if (expected == 0) {
          expected = 1;
        }
        if (token instanceof List<?>) {
          expected -= 1;
        } else {
          expected += arity(token) - 1;
        }
      }
      if (expected != 0) {
        throw malformed(items);
      }
    }

    private static int arity(Object token) {
      if ("!".equals(token)) {
        return 1;
      }
      return "&".equals(token) || "|".equals(token) ? 2 : 0;
    }

    private OdooError malformed(List<?> items) {
      if (version.atLeast(OdooVersion.V19)) {
        return OdooError.valueError("Domain() malformed domain " + PythonRepr.repr(items));
      }
      return OdooError.valueError("Domain " + PythonRepr.str(items) + " is syntactically not correct.");
    }

    // Prefix notation read from the right with a stack, as Odoo 19's Domain.__new__ does.
    private Node build(List<?> items, String model, int depth) {
      Deque<Node> stack = new ArrayDeque<>();
      Deque<Integer> heights = new ArrayDeque<>();
      for (int i = items.size() - 1; i >= 0; i--) {
        Object item = items.get(i);
        if (item instanceof List<?> term) {
          stack.push(term(term, model, depth));
          heights.push(1);
        } else if ("!".equals(item)) {
          stack.push(new Not(pop(stack, items)));
          heights.push(checkHeight(heights.pop() + 1));
        } else if ("&".equals(item) || "|".equals(item)) {
          Node left = pop(stack, items);
          Node right = pop(stack, items);
          stack.push("&".equals(item) ? new And(List.of(left, right)) : new Or(List.of(left, right)));
          heights.push(checkHeight(Math.max(heights.pop(), heights.pop()) + 1));
        } else {
          throw invalidItem(item);
        }
      }
      if (stack.size() == 1) {
        return stack.pop();
      }
      return new And(new ArrayList<>(stack));
    }

    private static int checkHeight(int height) {
      if (height > MAX_DEPTH) {
        throw OdooError.valueError("Domain operators nested deeper than " + MAX_DEPTH);
      }
      return height;
    }

    private Node pop(Deque<Node> stack, List<?> items) {
      if (stack.isEmpty()) {
        throw malformed(items);
      }
      return stack.pop();
    }

    private OdooError invalidItem(Object item) {
      if (version.atLeast(OdooVersion.V19)) {
        return OdooError.valueError("Domain() invalid item in domain: " + PythonRepr.repr(item));
      }
      return OdooError.valueError("Invalid leaf " + PythonRepr.str(item));
    }

    private Node term(List<?> term, String model, int depth) {
      if (term.size() != 3) {
        if (version.atLeast(OdooVersion.V19)) {
          throw invalidItem(term);
        }
        throw OdooError.valueError(term.size() < 3
            ? "not enough values to unpack (expected 3, got " + term.size() + ")"
            : "too many values to unpack (expected 3)");
      }
      Object left = JsonValues.plainShallow(term.get(0));
      Object op = term.get(1);
      Object value = JsonValues.plainShallow(term.get(2));
      if ("=".equals(op) && JsonValues.isInteger(left) && Long.valueOf(1).equals(value)) {
        long l = ((Number) left).longValue();
        if (l == 1 || l == 0) {
          return new Const(l == 1);
        }
      }
      String operator = op instanceof String s ? s : null;
      if (version.atLeast(OdooVersion.V19) && operator != null) {
        operator = operator.toLowerCase(java.util.Locale.ROOT);
      }
      boolean operatorOk = operator != null
          && (OPERATORS.contains(operator) || version.atLeast(OdooVersion.V19) && OPERATORS_19_ONLY.contains(operator));
      if (!(left instanceof String path) || path.isEmpty()) {
        throw badCondition(term, model, "Empty field name");
      }
      if (version.atLeast(OdooVersion.V19) && !operatorOk) {
        throw conditionError("Invalid operator", term);
      }
      return leaf(term, model, path, operator, operatorOk, value, depth);
    }

    private Node leaf(List<?> term, String model, String path, String operator, boolean operatorOk, Object value,
        int depth) {
      List<String> segments = Arrays.asList(path.split("\\.", -1));
      FieldSpec field = schema.field(model, segments.get(0));
      if (field == null) {
        throw invalidField(term, model, segments.get(0));
      }
      if (!operatorOk) {
        throw OdooError.valueError("Invalid leaf " + PythonRepr.str(new PyTuple(new ArrayList<>(term))));
      }
      if (segments.size() > 1) {
        if (!field.type().relational()) {
          throw invalidField(term, model, path);
        }
        List<Object> rest = new ArrayList<>();
        rest.add(String.join(".", segments.subList(1, segments.size())));
        rest.add(operator);
        rest.add(value);
        Node sub = parse(List.of(rest), field.relation(), depth + 1);
        return new Leaf(model, List.of(segments.get(0)), field, "any", value, sub);
      }
      if ("any".equals(operator) || "not any".equals(operator)) {
        if (!field.type().relational()) {
          throw OdooError.valueError("Invalid leaf " + PythonRepr.str(new PyTuple(new ArrayList<>(term))));
        }
        return new Leaf(model, segments, field, operator, value, parse(value, field.relation(), depth + 1));
      }
      return new Leaf(model, segments, field, normalizeOperator(operator), value, null);
    }

    private static String normalizeOperator(String operator) {
      return "<>".equals(operator) ? "!=" : operator;
    }

    private OdooError invalidField(List<?> term, String model, String fieldName) {
      if (version.atLeast(OdooVersion.V19)) {
        return conditionError("Invalid field " + model + "." + fieldName, term);
      }
      return OdooError.valueError("Invalid field " + model + "." + fieldName + " in leaf "
          + PythonRepr.str(new PyTuple(new ArrayList<>(term))));
    }

    private OdooError badCondition(List<?> term, String model, String message) {
      if (version.atLeast(OdooVersion.V19)) {
        return OdooError.of(OdooErrorKind.TYPE_ERROR, conditionError(message, term).getMessage());
      }
      return OdooError.valueError("Invalid leaf " + PythonRepr.str(new PyTuple(new ArrayList<>(term))));
    }

    // odoo/orm/domains.py DomainCondition._raise: message + " in condition (%r, %r, %r)"
    private static OdooError conditionError(String message, List<?> term) {
      return OdooError.valueError(message + " in condition (" + PythonRepr.repr(term.get(0)) + ", "
          + PythonRepr.repr(term.get(1)) + ", " + PythonRepr.repr(term.get(2)) + ")");
    }
  }
}
