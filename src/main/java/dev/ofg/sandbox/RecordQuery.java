package dev.ofg.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@code search}: filters visible records with a domain (plus {@code active = True} unless the
 * domain mentions {@code active} or the context disables {@code active_test}), sorts them with an
 * Odoo {@code order} spec ({@code "date desc, id"}; PostgreSQL puts NULLs last ascending and first
 * descending) and applies offset and limit.
 */
final class RecordQuery {
  private RecordQuery() {}

  static List<Long> search(CallContext ctx, SandboxModel model, Object rawDomain, long offset, Long limit,
      String order) {
    ModelRegistry registry = model.registry();
    OdooDomain domain = OdooDomain.parse(rawDomain, model.name(), registry, ctx.version());
    Comparator<Long> comparator = comparator(model, order == null || order.isBlank() ? model.defaultOrder() : order);
    boolean filterActive = model.field("active") != null && ctx.activeTest() && !mentionsActive(rawDomain);
    DomainEvaluator evaluator = new DomainEvaluator(registry);
    List<Long> hits = new ArrayList<>();
    for (long id : model.allIds()) {
      if (!model.visible(ctx, id)) {
        continue;
      }
      if (filterActive && !Boolean.TRUE.equals(model.value(id, "active"))) {
        continue;
      }
      if (evaluator.matches(domain, id)) {
        hits.add(id);
      }
    }
    hits.sort(comparator);
    int from = (int) Math.min(Math.max(offset, 0), hits.size());
    int to = limit == null ? hits.size() : (int) Math.min(hits.size(), from + Math.max(limit, 0));
    return new ArrayList<>(hits.subList(from, to));
  }

  private static boolean mentionsActive(Object rawDomain) {
    List<Object> items = JsonValues.asList(rawDomain);
    if (items == null) {
      return false;
    }
    for (Object item : items) {
      List<Object> leaf = JsonValues.asList(item);
      if (leaf != null && !leaf.isEmpty() && "active".equals(leaf.get(0))) {
        return true;
      }
    }
    return false;
  }

  static Comparator<Long> comparator(SandboxModel model, String order) {
    Comparator<Long> result = null;
    for (String part : order.split(",")) {
      String[] tokens = part.trim().split("\\s+");
      if (tokens.length == 0 || tokens[0].isEmpty()) {
        continue;
      }
      String fieldName = tokens[0].replace("\"", "");
      FieldSpec f = model.field(fieldName);
      if (f == null || tokens.length > 2 && !tokens[2].toLowerCase(Locale.ROOT).startsWith("nulls")) {
        throw OdooError.valueError("Invalid field " + PythonRepr.repr(fieldName) + " on model "
            + PythonRepr.repr(model.name()));
      }
      boolean desc = tokens.length > 1 && "desc".equalsIgnoreCase(tokens[1]);
      Comparator<Long> c = (a, b) -> compareValues(sortKey(model, f, a), sortKey(model, f, b), desc);
      result = result == null ? c : result.thenComparing(c);
    }
    return result == null ? Comparator.naturalOrder() : result.thenComparing(Comparator.naturalOrder());
  }

  private static Object sortKey(SandboxModel model, FieldSpec f, long id) {
    Object v = model.value(id, f.name());
    if (f.type() == FieldType.MANY2ONE && v instanceof Long rid) {
      return model.registry().model(f.relation()).displayName(rid);
    }
    return v instanceof List<?> ? null : v;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b, boolean desc) {
    if (a == null || b == null) {
      if (a == b) {
        return 0;
      }
      // ASC: NULLS LAST; DESC: NULLS FIRST (PostgreSQL defaults)
      int nullLast = a == null ? 1 : -1;
      return desc ? -nullLast : nullLast;
    }
    int cmp;
    if (a instanceof Number x && b instanceof Number y) {
      cmp = Double.compare(x.doubleValue(), y.doubleValue());
    } else if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
      cmp = ca.compareTo(b);
    } else {
      cmp = a.toString().compareTo(b.toString());
    }
    return desc ? -cmp : cmp;
  }
}
