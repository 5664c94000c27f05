package dev.ofg.sandbox;

import dev.ofg.sandbox.MethodSignature.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers the public ORM methods every model has ({@code create}, {@code read}, {@code write},
 * {@code unlink}, {@code search}, {@code search_read}, {@code search_count}, {@code name_search},
 * {@code fields_get}, {@code default_get}) with the Python signatures of the targeted series
 * (e.g. {@code name_search(name, args, ...)} before 19.0, {@code name_search(name, domain, ...)} since).
 */
final class StandardMethods {
  private StandardMethods() {}

  static void register(SandboxModel m) {
    OdooVersion v = m.registry().version();
    m.register("create", MethodSignature.model("BaseModel.create", Param.required("vals_list")), AccessMode.CREATE,
        (ctx, ids, a) -> new RecordSet(m.name(), m.create(ctx, valsList(a.get("vals_list")))));
    m.register("write", MethodSignature.records("BaseModel.write", Param.required("vals")), AccessMode.WRITE,
        (ctx, ids, a) -> write(m, ctx, ids, a.get("vals")));
    m.register("unlink", MethodSignature.records("BaseModel.unlink"), AccessMode.UNLINK, (ctx, ids, a) -> {
      m.registry().accessRules().checkRecords(ctx, m, ids, AccessMode.UNLINK);
      m.unlink(ctx, ids);
      return true;
    });
    m.register("read", MethodSignature.records("BaseModel.read", Param.optional("fields", null),
        Param.optional("load", "_classic_read")), AccessMode.READ, (ctx, ids, a) -> read(m, ctx, ids, a));
    m.register("search", MethodSignature.model("BaseModel.search", Param.required("domain"),
        Param.optional("offset", 0L), Param.optional("limit", null), Param.optional("order", null)),
        AccessMode.READ, (ctx, ids, a) -> new RecordSet(m.name(), search(m, ctx, a.get("domain"), a)));
    m.register("search_read", MethodSignature.model("BaseModel.search_read", Param.optional("domain", null),
        Param.optional("fields", null), Param.optional("offset", 0L), Param.optional("limit", null),
        Param.optional("order", null)).withVarKw(), AccessMode.READ, (ctx, ids, a) -> {
          List<Long> found = search(m, ctx, a.get("domain"), a);
          return RecordReader.read(m, found, stringList(a.get("fields")), classicLoad(a));
        });
    m.register("search_count", MethodSignature.model("BaseModel.search_count", Param.required("domain"),
        Param.optional("limit", null)), AccessMode.READ, (ctx, ids, a) -> {
          Map<String, Object> noOrder = new LinkedHashMap<>(a);
          noOrder.put("order", "id");
          noOrder.remove("offset");
          return (long) search(m, ctx, a.get("domain"), noOrder).size();
        });
    String nameSearchDomain = v.atLeast(OdooVersion.V19) ? "domain" : "args";
    m.register("name_search", MethodSignature.model("BaseModel.name_search", Param.optional("name", ""),
        Param.optional(nameSearchDomain, null), Param.optional("operator", "ilike"), Param.optional("limit", 100L)),
        AccessMode.READ, (ctx, ids, a) -> nameSearch(m, ctx, a, nameSearchDomain));
    m.register("fields_get", MethodSignature.model("BaseModel.fields_get", Param.optional("allfields", null),
        Param.optional("attributes", null)), null, (ctx, ids, a) -> RecordReader.fieldsGet(m,
            JsonValues.asList(a.get("allfields")), JsonValues.asList(a.get("attributes"))));
    String defaultGetParam = v.atLeast(OdooVersion.V19) ? "fields" : "fields_list";
    m.register("default_get", MethodSignature.model("BaseModel.default_get", Param.required(defaultGetParam)),
        null, (ctx, ids, a) -> defaultGet(m, ctx, stringList(a.get(defaultGetParam))));
  }

  static List<Map<String, Object>> valsList(Object raw) {
    Map<String, Object> single = JsonValues.asMap(raw);
    if (single != null) {
      return List.of(single);
    }
    List<Object> list = JsonValues.asList(raw);
    if (list == null) {
      throw OdooError.valueError("create() expects a dict or a list of dicts, got " + PythonRepr.repr(raw));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object item : list) {
      Map<String, Object> vals = JsonValues.asMap(item);
      if (vals == null) {
        throw OdooError.valueError("create() expects a dict or a list of dicts, got " + PythonRepr.repr(item));
      }
      out.add(vals);
    }
    return out;
  }

  private static Object write(SandboxModel m, CallContext ctx, List<Long> ids, Object rawVals) {
    Map<String, Object> vals = JsonValues.asMap(rawVals);
    if (vals == null) {
      throw OdooError.of(OdooErrorKind.ATTRIBUTE_ERROR,
          "'" + pythonTypeName(rawVals) + "' object has no attribute 'items'");
    }
    m.registry().accessRules().checkRecords(ctx, m, ids, AccessMode.WRITE);
    m.write(ctx, ids, vals);
    return true;
  }

  private static Object read(SandboxModel m, CallContext ctx, List<Long> ids, Map<String, Object> a) {
    for (long id : ids) {
      if (m.exists(id)) {
        m.checkRecordRule(ctx, m.row(id), AccessMode.READ);
      }
    }
    return RecordReader.read(m, ids, stringList(a.get("fields")), classicLoad(a));
  }

  private static boolean classicLoad(Map<String, Object> a) {
    return a.containsKey("load") ? "_classic_read".equals(a.get("load")) : true;
  }

  static List<Long> search(SandboxModel m, CallContext ctx, Object domain, Map<String, Object> a) {
    Object offset = a.get("offset");
    Object limit = a.get("limit");
    Object order = a.get("order");
    return RecordQuery.search(ctx, m, domain, offset instanceof Number n ? n.longValue() : 0L,
        limit instanceof Number l && !(limit instanceof Boolean) ? l.longValue() : null,
        order instanceof String s ? s : null);
  }

  // name_search returns [(id, display_name)], serialised as a list of 2-element lists.
  private static Object nameSearch(SandboxModel m, CallContext ctx, Map<String, Object> a, String domainParam) {
    Object name = a.get("name");
    String operator = a.get("operator") instanceof String s ? s : "ilike";
    List<Object> domain = new ArrayList<>();
    domain.add(List.of("display_name", operator, name == null ? "" : name));
    List<Object> extra = JsonValues.asList(a.get(domainParam));
    if (extra != null && !extra.isEmpty()) {
      domain.add(0, "&");
      domain.addAll(extra);
    }
    Map<String, Object> paging = new LinkedHashMap<>();
    paging.put("limit", a.get("limit"));
    List<Object> out = new ArrayList<>();
    for (long id : search(m, ctx, domain, paging)) {
      out.add(new PyTuple(List.of(id, m.displayName(id))));
    }
    return out;
  }

  private static Object defaultGet(SandboxModel m, CallContext ctx, List<String> fieldNames) {
    Map<String, Object> defaults = m.defaults(ctx, new LinkedHashMap<>());
    Map<String, Object> out = new LinkedHashMap<>();
    for (String f : fieldNames == null ? List.<String>of() : fieldNames) {
      if (defaults.containsKey(f) && defaults.get(f) != null) {
        out.put(f, defaults.get(f));
      }
    }
    return out;
  }

  static List<String> stringList(Object raw) {
    List<Object> list = JsonValues.asList(raw);
    if (list == null) {
      return raw instanceof String s ? List.of(s) : null;
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  static String pythonTypeName(Object raw) {
    Object v = JsonValues.plainShallow(raw);
    if (v == null) {
      return "NoneType";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float";
    }
    if (v instanceof String) {
      return "str";
    }
    return v instanceof List<?> ? "list" : "dict";
  }
}
