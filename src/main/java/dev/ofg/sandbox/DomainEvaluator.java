package dev.ofg.sandbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a stored record satisfies a parsed {@link OdooDomain}, following the SQL Odoo
 * generates: {@code False} means "not set", negative operators ({@code !=}, {@code not in},
 * {@code not like}, ...) also select records where the field is not set, many2one values may be
 * compared by id or by display name, x2many conditions hold when any related record matches.
 */
final class DomainEvaluator {
  private final DomainData data;

  DomainEvaluator(DomainData data) {
    this.data = data;
  }

  boolean matches(OdooDomain domain, long id) {
    return eval(domain.root(), domain.model(), id);
  }

  private boolean eval(OdooDomain.Node node, String model, long id) {
    if (node instanceof OdooDomain.Const c) {
      return c.value();
    }
    if (node instanceof OdooDomain.Not n) {
      return !eval(n.child(), model, id);
    }
    if (node instanceof OdooDomain.And a) {
      for (OdooDomain.Node child : a.children()) {
        if (!eval(child, model, id)) {
          return false;
        }
      }
      return true;
    }
    if (node instanceof OdooDomain.Or o) {
      for (OdooDomain.Node child : o.children()) {
        if (eval(child, model, id)) {
          return true;
        }
      }
      return false;
    }
    return leaf((OdooDomain.Leaf) node, id);
  }

  private boolean leaf(OdooDomain.Leaf leaf, long id) {
    FieldSpec field = leaf.field();
    Object stored = data.value(leaf.model(), id, field.name());
    String op = leaf.operator();
    if (leaf.subdomain() != null) {
      boolean any = relatedIds(stored).stream().anyMatch(rid -> eval(leaf.subdomain(), field.relation(), rid));
      return "not any".equals(op) != any;
    }
    return switch (op) {
      case "!=", "not in", "not like", "not ilike", "not =like", "not =ilike" ->
          !positive(leaf, positiveOf(op), stored, id);
      default -> positive(leaf, op, stored, id);
    };
  }

  private static String positiveOf(String op) {
    return switch (op) {
      case "!=" -> "=";
      case "not in" -> "in";
      default -> op.substring("not ".length());
    };
  }

  private boolean positive(OdooDomain.Leaf leaf, String op, Object stored, long id) {
    Object value = leaf.value();
    return switch (op) {
      case "=?" -> isUnset(value) || equalsAny(leaf.field(), stored, List.of(value));
      case "=" -> equalsAny(leaf.field(), stored, List.of(value));
      case "in" -> equalsAny(leaf.field(), stored, asCollection(value));
      case "like", "ilike", "=like", "=ilike" -> like(leaf.field(), op, stored, value);
      case "<", ">", "<=", ">=" -> compare(leaf.field(), op, stored, value);
      case "child_of" -> hierarchy(leaf, id, true);
      case "parent_of" -> hierarchy(leaf, id, false);
      default -> throw OdooError.valueError("Invalid operator " + PythonRepr.repr(op));
    };
  }

  private static List<Object> asCollection(Object value) {
    List<Object> list = JsonValues.asList(value);
    if (list != null) {
      return list;
    }
    return value instanceof PyTuple t ? t.items() : java.util.Collections.singletonList(value);
  }

  private static boolean isUnset(Object v) {
    return v == null || Boolean.FALSE.equals(v);
  }

  // '=' / 'in': False in the values selects unset fields; relational values match ids or names.
  private boolean equalsAny(FieldSpec field, Object stored, List<Object> values) {
    if (field.type().x2many()) {
      List<Long> ids = relatedIds(stored);
      for (Object v : values) {
        if (isUnset(v) ? ids.isEmpty() : ids.stream().anyMatch(rid -> sameRelated(field, rid, v))) {
          return true;
        }
      }
      return false;
    }
    for (Object v : values) {
      if (field.type() == FieldType.BOOLEAN) {
        if (JsonValues.truthy(stored) == JsonValues.truthy(v)) {
          return true;
        }
      } else if (isUnset(v) || isUnset(stored)) {
        if (isUnset(v) && isUnset(stored)) {
          return true;
        }
      } else if (field.type() == FieldType.MANY2ONE ? sameRelated(field, (Long) stored, v) : sameScalar(stored, v)) {
        return true;
      }
    }
    return false;
  }

  private boolean sameRelated(FieldSpec field, long relatedId, Object v) {
    if (v instanceof Number n) {
      return n.doubleValue() == relatedId;
    }
    return v instanceof String s && s.equals(data.displayName(field.relation(), relatedId));
  }

  private static boolean sameScalar(Object stored, Object v) {
    if (stored instanceof Number a && v instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return stored.equals(v);
  }

  private boolean like(FieldSpec field, String op, Object stored, Object value) {
    String pattern = isUnset(value) ? "" : PythonRepr.str(value);
    boolean wrap = op.equals("like") || op.equals("ilike");
    boolean insensitive = op.endsWith("ilike");
    Pattern regex = likeToRegex(wrap ? "%" + pattern + "%" : pattern, insensitive);
    for (String text : texts(field, stored)) {
      if (regex.matcher(text).matches()) {
        return true;
      }
    }
    return false;
  }

  private List<String> texts(FieldSpec field, Object stored) {
    List<String> out = new ArrayList<>();
    if (field.type().relational()) {
      for (long rid : relatedIds(stored)) {
        out.add(data.displayName(field.relation(), rid));
      }
    } else if (!isUnset(stored)) {
      out.add(PythonRepr.str(stored));
    }
    return out;
  }

  /** Converts an SQL LIKE pattern ({@code %}, {@code _}, backslash escape) to an anchored regex. */
  static Pattern likeToRegex(String like, boolean insensitive) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == '\\' && i + 1 < like.length()) {
        regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    int flags = Pattern.DOTALL | (insensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    return Pattern.compile(regex.toString(), flags);
  }

  private boolean compare(FieldSpec field, String op, Object stored, Object value) {
    if (isUnset(stored) || value == null || (Boolean.FALSE.equals(value) && field.type() != FieldType.BOOLEAN)) {
      return false;
    }
    int cmp;
    if (stored instanceof Number a && value instanceof Number b) {
      cmp = Double.compare(a.doubleValue(), b.doubleValue());
    } else if (stored instanceof String a && value instanceof String b) {
      cmp = a.compareTo(b);
    } else if (stored instanceof Boolean a && value instanceof Boolean b) {
      cmp = Boolean.compare(a, b);
    } else {
      return false;
    }
    return switch (op) {
      case "<" -> cmp < 0;
      case ">" -> cmp > 0;
      case "<=" -> cmp <= 0;
      default -> cmp >= 0;
    };
  }

  // child_of: the record is one of the values or a descendant; parent_of: one of them or an ancestor.
  private boolean hierarchy(OdooDomain.Leaf leaf, long id, boolean childOf) {
    FieldSpec field = leaf.field();
    String model = field.type().relational() ? field.relation() : leaf.model();
    Set<Long> targets = new HashSet<>();
    for (Object v : asCollection(leaf.value())) {
      if (v instanceof Number n) {
        targets.add(n.longValue());
      }
    }
    Object stored = data.value(leaf.model(), id, field.name());
    List<Long> candidates = field.type().relational() ? relatedIds(stored)
        : isUnset(stored) ? List.of() : List.of(((Number) stored).longValue());
    for (long candidate : candidates) {
      for (long target : targets) {
        if (childOf ? isAncestorOrSelf(model, target, candidate) : isAncestorOrSelf(model, candidate, target)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean isAncestorOrSelf(String model, long ancestor, long node) {
    String parentField = data.parentField(model);
    Set<Long> seen = new HashSet<>();
    Long current = node;
    while (current != null && seen.add(current)) {
      if (current == ancestor) {
        return true;
      }
      current = parentField == null ? null : (Long) data.value(model, current, parentField);
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static List<Long> relatedIds(Object stored) {
    if (stored == null || Boolean.FALSE.equals(stored)) {
      return List.of();
    }
    if (stored instanceof Long l) {
      return List.of(l);
    }
    return (List<Long>) stored;
  }
}
